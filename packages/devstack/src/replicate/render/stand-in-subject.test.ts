import { describe, expect, it } from 'vitest';
import { NEUTRAL_BACKDROP } from './backdrop.js';
import { pickFraming } from './framing.js';
import { renderPortrait } from './portrait.js';
import { standInSubject, strangerCrop } from './stand-in-subject.js';

describe('standInSubject', () => {
  it('is decided by seed and index alone', () => {
    for (let seed = 0; seed < 50; seed++)
      for (let i = 0; i < 4; i++) expect(standInSubject(seed * 7919, i)).toBe(standInSubject(seed * 7919, i));
  });

  it('draws a stranger about 2 in 16 times and nobody about 1 in 16', () => {
    const counts = { customer: 0, stranger: 0, 'no-face': 0 };
    const n = 16_000;
    for (let k = 0; k < n; k++) counts[standInSubject((k * 2654435761) >>> 0, k % 8)]++;
    expect(counts.stranger / n).toBeGreaterThan(0.1);
    expect(counts.stranger / n).toBeLessThan(0.15);
    expect(counts['no-face'] / n).toBeGreaterThan(0.045);
    expect(counts['no-face'] / n).toBeLessThan(0.08);
  });

  it('varies across the outputs of one prediction', () => {
    const seen = new Set<string>();
    for (let seed = 0; seed < 200; seed++) seen.add(standInSubject(seed, 0) + standInSubject(seed, 1));
    expect(seen.size).toBeGreaterThan(3);
  });
});

describe('renderPortrait without a face', () => {
  it('draws the set and no one, whatever the framing', async () => {
    const render = (index: number, crop: Buffer | null) =>
      renderPortrait({
        crop,
        width: 256,
        height: 320,
        backdrop: NEUTRAL_BACKDROP,
        framing: pickFraming(11, index, 1, false).framing,
        format: 'png',
        quality: 90,
      });
    const [a, b, withFace] = await Promise.all([
      render(0, null),
      render(1, null),
      render(0, await strangerCrop()),
    ]);
    expect(a.equals(b)).toBe(true);
    expect(a.equals(withFace)).toBe(false);
  });
});
