import { describe, expect, it } from 'vitest';
import { MIN_ACCEPTED_PHOTOS } from '@likeness/core';
import { assessSet, cosineSimilarity, hammingDistanceHex, type SetPhoto } from './assess-set.js';

/**
 * Pure set-level logic on synthetic signals with known similarities. The same logic on real
 * embeddings from the fixture photos is tested in set-fixtures.test.ts.
 */

const DIM = 64;
/** A deterministic pseudo-random unit-ish vector per seed: different seeds are near-orthogonal. */
function vector(seed: number): number[] {
  const v: number[] = [];
  let s = seed * 7919 + 1;
  for (let i = 0; i < DIM; i++) {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    v.push((s / 2 ** 32) * 2 - 1);
  }
  return v;
}
/** `base` moved towards `towards` so that the cosine to base is about `similarity`. */
function blend(base: number[], towards: number[], similarity: number): number[] {
  const norm = (v: number[]) => Math.hypot(...v);
  const a = base.map((x) => x / norm(base));
  const orth = towards.map((x, i) => x - cosineSimilarity(towards, a) * norm(towards) * a[i]!);
  const o = orth.map((x) => x / norm(orth));
  const sin = Math.sqrt(1 - similarity ** 2);
  return a.map((x, i) => similarity * x + sin * o[i]!);
}

const person = vector(1);
let counter = 0;
/** A distinct photo of `person`: cosine ~0.75 to the person's centre, different hashes. */
function photoOf(identity: number[], overrides: Partial<SetPhoto> = {}): SetPhoto {
  counter++;
  return {
    id: `p${counter}`,
    name: `IMG_${1000 + counter}.jpg`,
    accepted: true,
    embedding: blend(identity, vector(100 + counter), 0.85),
    phash: ((BigInt(counter) * 0x9e3779b97f4a7c15n) & 0xffffffffffffffffn).toString(16).padStart(16, '0'),
    variety: {
      yawDeg: (counter % 5) * 9 - 18,
      pitchDeg: (counter % 3) * 9 - 9,
      faceLuma: 90 + (counter % 4) * 25,
      sideLight: (counter % 2) * 30 - 15,
      background: [20 * (counter % 6), 40, 200 - 20 * (counter % 6), 30 * (counter % 5), 90, 60],
    },
    subjectHint: { class: 'woman', confidence: 0.8 },
    ...overrides,
  };
}

describe('helpers', () => {
  it('counts differing bits between hex hashes', () => {
    expect(hammingDistanceHex('0000000000000000', '0000000000000000')).toBe(0);
    expect(hammingDistanceHex('ffffffffffffffff', '0000000000000000')).toBe(64);
    expect(hammingDistanceHex('8000000000000001', '0000000000000000')).toBe(2);
  });

  it('measures cosine similarity and refuses mismatched lengths', () => {
    expect(cosineSimilarity([1, 0], [0, 1])).toBe(0);
    expect(cosineSimilarity([1, 2], [2, 4])).toBeCloseTo(1);
    expect(() => cosineSimilarity([1], [1, 2])).toThrow(/length/);
  });

  it('builds test photos with the similarities the tests rely on', () => {
    const a = photoOf(person);
    const b = photoOf(person);
    expect(cosineSimilarity(a.embedding!, b.embedding!)).toBeGreaterThan(0.6);
    expect(cosineSimilarity(a.embedding!, b.embedding!)).toBeLessThan(0.9);
    expect(cosineSimilarity(a.embedding!, vector(2))).toBeLessThan(0.35);
    expect(hammingDistanceHex(a.phash!, b.phash!)).toBeGreaterThan(10);
  });
});

describe('assessSet', () => {
  it('passes the gate with enough accepted, distinct photos of one person', () => {
    const photos = Array.from({ length: MIN_ACCEPTED_PHOTOS }, () => photoOf(person));
    const set = assessSet(photos);
    expect(set.perPhoto.every((p) => p.reasons.length === 0)).toBe(true);
    expect([set.accepted, set.distinctAccepted, set.samePersonAccepted]).toEqual([10, 10, 10]);
    expect(set.gate).toMatchObject({ ok: true, needed: 0 });
  });

  it('flags the photo of someone else, by name, and does not count it', () => {
    const photos = [
      ...Array.from({ length: 6 }, () => photoOf(person)),
      photoOf(vector(2), { name: 'party.jpg' }),
    ];
    const set = assessSet(photos);
    const stranger = set.perPhoto.at(-1)!;
    expect(stranger.reasons).toEqual([
      { code: 'different_person', message: expect.stringContaining('“party.jpg”') },
    ]);
    expect(set.perPhoto.slice(0, 6).every((p) => p.reasons.length === 0)).toBe(true);
    expect(set.samePersonAccepted).toBe(6);
    expect(set.gate.message).toMatch(/4 more good photos needed/);
    expect(set.gate.message).toMatch(/1 photo seems to show someone else/);
  });

  it('counts 12 copies of one selfie once, naming the original', () => {
    const original = photoOf(person, { name: 'selfie.jpg' });
    // Re-saved copies: hash within a few bits, embedding almost identical.
    const copies = Array.from({ length: 11 }, (_, i) =>
      photoOf(person, {
        name: `copy${i}.jpg`,
        phash: (BigInt(`0x${original.phash}`) ^ BigInt(1 << (i % 3))).toString(16).padStart(16, '0'),
        embedding: blend(original.embedding!, vector(500 + i), 0.99),
      }),
    );
    const set = assessSet([original, ...copies]);
    expect(set.accepted).toBe(12);
    expect(set.distinctAccepted).toBe(1);
    expect(set.perPhoto[0]!.reasons).toEqual([]);
    for (const p of set.perPhoto.slice(1)) {
      expect(p.reasons).toEqual([
        { code: 'duplicate', message: expect.stringContaining('near-copy of “selfie.jpg”') },
      ]);
    }
    expect(set.gate).toMatchObject({ ok: false, needed: MIN_ACCEPTED_PHOTOS - 1 });
    expect(set.gate.message).toMatch(/11 photos are near-copies/);
  });

  it('catches crops and rotations by the face embedding when the hash has moved', () => {
    const original = photoOf(person);
    const crop = photoOf(person, { embedding: blend(original.embedding!, vector(900), 0.97) });
    expect(hammingDistanceHex(original.phash!, crop.phash!)).toBeGreaterThan(10);
    const set = assessSet([original, crop]);
    expect(set.perPhoto[1]!.reasons.map((r) => r.code)).toEqual(['duplicate']);
  });

  it('takes a tuned embedding threshold for near-copies; the hash check stays on', () => {
    const original = photoOf(person);
    const crop = photoOf(person, { embedding: blend(original.embedding!, vector(901), 0.97) });
    const resaved = { ...original, id: 'resaved', name: 'resaved.jpg' };
    const set = assessSet([original, crop, resaved], { duplicateMinCosine: 0.99 });
    expect(set.perPhoto.map((p) => p.reasons.map((r) => r.code))).toEqual([[], [], ['duplicate']]);
  });

  it('dedupes before choosing the identity, so copies of a stranger cannot outvote the customer', () => {
    const stranger = photoOf(vector(3), { name: 'friend.jpg' });
    const strangerCopies = Array.from({ length: 6 }, () => ({
      ...photoOf(vector(3)),
      phash: stranger.phash,
      embedding: stranger.embedding,
    }));
    const own = Array.from({ length: 4 }, () => photoOf(person));
    const set = assessSet([stranger, ...strangerCopies, ...own]);
    expect(set.perPhoto[0]!.reasons.map((r) => r.code)).toEqual(['different_person']);
    expect(set.samePersonAccepted).toBe(4);
  });

  it('ignores rejected photos entirely', () => {
    const set = assessSet([photoOf(person), photoOf(vector(4), { accepted: false }), photoOf(person)]);
    expect(set.perPhoto.map((p) => p.reasons)).toEqual([[], [], []]);
    expect([set.accepted, set.samePersonAccepted]).toEqual([2, 2]);
  });

  it('gives a variety tip when most photos share pose and background, and none when they vary', () => {
    const varied = assessSet(Array.from({ length: 8 }, () => photoOf(person)));
    expect(varied.varietyTip).toBeUndefined();

    const same = {
      yawDeg: 2,
      pitchDeg: 4,
      faceLuma: 120,
      sideLight: 0,
      background: [200, 200, 200, 190, 190, 190],
    };
    const monotonous = assessSet(
      Array.from({ length: 8 }, (_, i) =>
        photoOf(person, { variety: { ...same, faceLuma: 60 + i * 20, sideLight: i * 10 - 40 } }),
      ),
    );
    expect(monotonous.varietyTip).toEqual({
      code: 'low_variety',
      message: expect.stringContaining('same pose and background'),
    });
    expect(monotonous.varietyTip!.message).toMatch(/another room or outside/);
    // A tip, not a rejection.
    expect(monotonous.perPhoto.every((p) => p.reasons.length === 0)).toBe(true);
  });

  it('suggests a subject class only when the hints agree', () => {
    expect(assessSet([photoOf(person), photoOf(person), photoOf(person)]).subjectSuggestion).toEqual({
      class: 'woman',
      confidence: 0.8,
    });
    const mixed = assessSet([
      photoOf(person, { subjectHint: { class: 'man', confidence: 0.85 } }),
      photoOf(person),
      photoOf(person, { subjectHint: { class: 'person', confidence: 0.4 } }),
    ]);
    expect(mixed.subjectSuggestion!.class).toBe('person');
  });

  it('with two dissimilar photos keeps the first upload as the reference', () => {
    const set = assessSet([photoOf(person, { id: 'first' }), photoOf(vector(5), { id: 'second' })]);
    expect(set.identityPhotoId).toBe('first');
    expect(set.perPhoto[1]!.reasons.map((r) => r.code)).toEqual(['different_person']);
  });

  it('validates its input', () => {
    expect(() => assessSet([{ id: 'x', name: 'a.jpg', accepted: true, phash: 'not-a-hash' }])).toThrow();
    expect(() => assessSet([{ id: '', name: 'a.jpg', accepted: true }])).toThrow();
    expect(assessSet([]).gate).toMatchObject({ ok: false, needed: MIN_ACCEPTED_PHOTOS });
  });
});
