import { buildPrompt, STYLES } from '@likeness/core';
import { describe, expect, it } from 'vitest';
import { STYLE_BACKDROPS, styleOfPrompt } from './style-backdrops.js';

describe('style backdrops of the local generator', () => {
  it('has a backdrop for every catalog style and none for unknown ones', () => {
    expect(Object.keys(STYLE_BACKDROPS).sort()).toEqual(STYLES.map((s) => s.id).sort());
  });

  it('finds the style of every prompt the product builds, and none for free text', () => {
    for (const s of STYLES) {
      for (const subject of ['man', 'woman', 'person'] as const)
        expect(styleOfPrompt(buildPrompt(s.id, subject))?.id).toBe(s.id);
    }
    expect(styleOfPrompt('a cat on a sofa')).toBeUndefined();
    // A prompt edited by hand is not a catalog prompt any more.
    expect(styleOfPrompt(`${buildPrompt('black-tie', 'man')}, smiling`)).toBeUndefined();
  });
});
