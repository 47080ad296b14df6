import { describe, expect, it } from 'vitest';
import { bandOf, LIKENESS_BANDS, Likeness, likenessOf } from './likeness.js';

describe('likeness bands', () => {
  it('splits the score at the thresholds, inclusive from below', () => {
    expect(bandOf(LIKENESS_BANDS.strongMinScore)).toBe('strong');
    expect(bandOf(LIKENESS_BANDS.strongMinScore - 0.001)).toBe('fair');
    expect(bandOf(LIKENESS_BANDS.fairMinScore)).toBe('fair');
    expect(bandOf(LIKENESS_BANDS.fairMinScore - 0.001)).toBe('weak');
    expect(bandOf(0.95)).toBe('strong');
    expect(bandOf(0)).toBe('weak');
  });

  it('keeps the bands ordered and above the scores strangers reach on the fixtures (0.28–0.43)', () => {
    expect(LIKENESS_BANDS.strongMinScore).toBeGreaterThan(LIKENESS_BANDS.fairMinScore);
    expect(LIKENESS_BANDS.fairMinScore).toBeGreaterThan(0.43);
  });
});

describe('likenessOf', () => {
  it('scores one face by its similarity, clamped and rounded', () => {
    expect(likenessOf({ faces: 1, similarity: 0.91234 })).toEqual({
      score: 0.912,
      band: 'strong',
      reason: 'Looks very much like your selfies.',
      defect: null,
    });
    expect(likenessOf({ faces: 1, similarity: 0.5 }).band).toBe('fair');
    expect(likenessOf({ faces: 1, similarity: -0.2 })).toMatchObject({ score: 0, band: 'weak' });
    expect(likenessOf({ faces: 1, similarity: 0.3 }).reason).toBe('Does not look much like your selfies.');
  });

  it('calls no face and several faces weak, with the reason', () => {
    expect(likenessOf({ faces: 0 })).toEqual({
      score: 0,
      band: 'weak',
      reason: 'No face was found in this image.',
      defect: 'no_face',
    });
    expect(likenessOf({ faces: 2, similarity: 0.9 })).toMatchObject({
      band: 'weak',
      defect: 'multiple_faces',
      reason: 'This image shows 2 faces, not one.',
    });
    expect(likenessOf({ faces: 1 })).toMatchObject({ band: 'weak', defect: null });
  });

  it('caps a face cut by the frame at fair, keeping its score', () => {
    expect(likenessOf({ faces: 1, similarity: 0.8, cutOff: true })).toMatchObject({
      score: 0.8,
      band: 'fair',
      defect: 'face_cut_off',
    });
    expect(likenessOf({ faces: 1, similarity: 0.2, cutOff: true }).band).toBe('weak');
  });

  it('always produces a valid stored shape', () => {
    for (const m of [{ faces: 0 }, { faces: 3 }, { faces: 1, similarity: 1.2, cutOff: true }])
      expect(Likeness.safeParse(likenessOf(m)).success).toBe(true);
  });
});
