import { describe, expect, it } from 'vitest';
import { outputSize } from './model-io.js';
import { storagePaths } from './paths.js';
import { OUTPUTS_PER_PREDICTION, PLANS, planPredictions, formatPrice } from './plans.js';
import { buildPrompt, getStyle, STYLES } from './styles.js';

describe('style catalog', () => {
  it('has at least 8 styles with unique ids, previews and both placeholders', () => {
    expect(STYLES.length).toBeGreaterThanOrEqual(8);
    expect(new Set(STYLES.map((s) => s.id)).size).toBe(STYLES.length);
    for (const s of STYLES) {
      expect(s.promptTemplate).toContain('{trigger} {subject}');
      expect(s.previewImage).toBe(`/styles/${s.id}.jpg`);
    }
  });
  it('builds prompts with the trigger right before the subject class', () => {
    const p = buildPrompt('corporate-grey', 'woman');
    expect(p).toContain('ohwx woman');
    expect(p).not.toMatch(/[{}]/);
    expect(buildPrompt('warm-studio', 'man', 'zqxj')).toContain('zqxj man');
  });
  it('refuses unknown styles and malformed trigger tokens', () => {
    expect(() => getStyle('nope')).toThrow('Unknown style "nope"');
    expect(() => buildPrompt('black-tie', 'man', 'Bad Token')).toThrow('Invalid trigger token');
  });
});

describe('plans', () => {
  it('splits headshots evenly across styles in batches of at most 4', () => {
    const jobs = planPredictions(PLANS.starter.headshots, ['a', 'b']);
    expect(jobs.reduce((n, j) => n + j.numOutputs, 0)).toBe(40);
    expect(jobs.filter((j) => j.styleId === 'a').reduce((n, j) => n + j.numOutputs, 0)).toBe(20);
    expect(Math.max(...jobs.map((j) => j.numOutputs))).toBeLessThanOrEqual(OUTPUTS_PER_PREDICTION);
  });
  it('gives the remainder to the first styles and numbers batches per style', () => {
    const jobs = planPredictions(10, ['a', 'b', 'c']);
    const per = (id: string) => jobs.filter((j) => j.styleId === id).reduce((n, j) => n + j.numOutputs, 0);
    expect([per('a'), per('b'), per('c')]).toEqual([4, 3, 3]);
    expect(jobs.map((j) => `${j.styleId}-${j.batch}`)).toEqual(['a-0', 'b-0', 'c-0']);
  });
  it('refuses empty style lists and bad totals', () => {
    expect(() => planPredictions(40, [])).toThrow();
    expect(() => planPredictions(0, ['a'])).toThrow();
  });
  it('formats prices', () => {
    expect(formatPrice(PLANS.professional.priceCents)).toBe('$49.00');
  });
});

describe('storage paths', () => {
  it('keeps everything of an order under one prefix', () => {
    const base = storagePaths.order('u1', 'o1');
    expect(storagePaths.upload('u1', 'o1', 'p1').startsWith(base)).toBe(true);
    expect(storagePaths.image('u1', 'o1', 'i1', 'webp')).toBe('users/u1/orders/o1/images/i1.webp');
  });
  it('refuses ids that could escape the prefix', () => {
    expect(() => storagePaths.upload('u1', 'o1', '../x')).toThrow('Invalid photoId');
    expect(() => storagePaths.order('u/1', 'o1')).toThrow('Invalid uid');
  });
});

describe('output size', () => {
  it('keeps the long side and rounds to multiples of 16', () => {
    expect(outputSize('1:1', 1024)).toEqual({ width: 1024, height: 1024 });
    expect(outputSize('4:5', 1024)).toEqual({ width: 816, height: 1024 });
    expect(outputSize('16:9', 1024)).toEqual({ width: 1024, height: 576 });
  });
});
