import { type Likeness, likenessOf } from '@likeness/core';
import { cosineSimilarity } from '@likeness/selfie-qc';
import { selfieQc } from '../qc/selfie-qc.js';

export interface ScoredHeadshot {
  likeness: Likeness;
  ms: number;
}

/**
 * Measures one headshot with the selfie-QC face models (the instance QC already keeps warm): how many
 * faces, whether the frame cuts the face, and the face's similarity to the customer's reference. The
 * models give no eye state with iris and attention off, so closed eyes are not judged.
 */
export async function scoreHeadshot(
  bytes: Uint8Array,
  reference: readonly number[],
): Promise<ScoredHeadshot> {
  const started = performance.now();
  const qc = await selfieQc();
  const a = await qc.assessPhoto(bytes, { trainingCrop: false });
  const likeness = likenessOf({
    faces: a.faceCount,
    ...(a.faceCount === 1 && a.embedding && { similarity: cosineSimilarity(a.embedding, reference) }),
    cutOff: a.reasons.some((r) => r.code === 'face_cut_off'),
  });
  return { likeness, ms: Math.round(performance.now() - started) };
}
