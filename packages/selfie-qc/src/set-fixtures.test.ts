import { beforeAll, describe, expect, it } from 'vitest';
import type { PhotoAssessment } from './assess-photo.js';
import { assessSet, cosineSimilarity, hammingDistanceHex, type SetPhoto } from './assess-set.js';
import { createSelfieQc } from './selfie-qc.js';
import { type VariantName, variants } from './testing/face-fixtures.js';
import { SET_LIMITS } from './thresholds.js';

/**
 * Set-level checks on real embeddings and hashes from the fixture photos. No offline source has
 * several photos of one person, so "same person" here means edits of one photo; what separates two
 * people is tested on Eileen Collins against Grace Hopper.
 */

const NAMES: VariantName[] = [
  'astronaut',
  'recompressed',
  'recropped',
  'mirrored',
  'tilted',
  'sideways',
  'exifRotated',
  'heic',
  'graceHopper',
];
const photos = new Map<VariantName, PhotoAssessment>();

beforeAll(async () => {
  const qc = await createSelfieQc();
  for (const name of NAMES) photos.set(name, await qc.assessPhoto(await variants[name]()));
}, 120_000);

const asSetPhoto = (name: VariantName): SetPhoto => {
  const p = photos.get(name)!;
  return {
    id: name,
    name: `${name}.jpg`,
    accepted: p.verdict === 'accepted',
    embedding: p.embedding,
    phash: p.phash,
    variety: p.variety,
    subjectHint: p.subjectHint,
  };
};

describe('set checks on the fixture photos', () => {
  it('every photo in the set passed on its own', () => {
    for (const name of NAMES) expect(photos.get(name)!.verdict, name).toBe('accepted');
  });

  it('re-saved copies are caught by the perceptual hash; crops, flips and rotations only by the embedding', () => {
    const hash = (n: VariantName) => photos.get(n)!.phash!;
    const embedding = (n: VariantName) => photos.get(n)!.embedding!;
    expect(hammingDistanceHex(hash('astronaut'), hash('recompressed'))).toBeLessThanOrEqual(
      SET_LIMITS.duplicateMaxHamming,
    );
    for (const edited of ['recropped', 'mirrored', 'tilted', 'sideways'] as const) {
      expect(hammingDistanceHex(hash('astronaut'), hash(edited)), edited).toBeGreaterThan(
        SET_LIMITS.duplicateMaxHamming,
      );
      expect(cosineSimilarity(embedding('astronaut'), embedding(edited)), edited).toBeGreaterThanOrEqual(
        SET_LIMITS.duplicateMinCosine,
      );
    }
  });

  it('flags every copy as a duplicate of the first upload and Grace Hopper as someone else', () => {
    const set = assessSet(NAMES.map(asSetPhoto));
    const codes = Object.fromEntries(set.perPhoto.map((p) => [p.id, p.reasons.map((r) => r.code)]));
    expect(codes).toEqual({
      astronaut: [],
      recompressed: ['duplicate'],
      recropped: ['duplicate'],
      mirrored: ['duplicate'],
      tilted: ['duplicate'],
      sideways: ['duplicate'],
      exifRotated: ['duplicate'],
      heic: ['duplicate'],
      graceHopper: ['different_person'],
    });
    expect(set.perPhoto.find((p) => p.id === 'mirrored')!.reasons[0]!.message).toContain(
      'near-copy of “astronaut.jpg”',
    );
    expect(set.perPhoto.find((p) => p.id === 'graceHopper')!.reasons[0]!.message).toContain(
      '“graceHopper.jpg”',
    );
    expect([set.accepted, set.distinctAccepted, set.samePersonAccepted]).toEqual([9, 2, 1]);
    expect(set.gate.ok).toBe(false);
  });

  it('two different people are far below the same-person threshold', () => {
    const similarity = cosineSimilarity(
      photos.get('astronaut')!.embedding!,
      photos.get('graceHopper')!.embedding!,
    );
    expect(similarity).toBeLessThan(SET_LIMITS.samePersonMinCosine - 0.05);
  });
});
