import { type FaceBox, type Likeness, likenessOf } from '@likeness/core';
import { cosineSimilarity, type PhotoAssessment } from '@likeness/selfie-qc';
import { selfieQc } from '../qc/selfie-qc.js';

export interface ScoredHeadshot {
  likeness: Likeness;
  /** The one face's box as shares of the image; absent unless exactly one face was found. */
  face?: FaceBox;
  ms: number;
}

const share = (value: number, of: number) => Math.min(Math.max(value / of, 0), 1);

/** The detector's box in original pixels, as shares of the upright image (it may reach past an edge). */
function faceBoxOf(a: PhotoAssessment): FaceBox | undefined {
  if (a.faceCount !== 1 || !a.face || !a.width || !a.height) return undefined;
  const [x, y, w, h] = a.face.box;
  const left = share(x, a.width);
  const top = share(y, a.height);
  return {
    x: left,
    y: top,
    w: share(x + w, a.width) - left,
    h: share(y + h, a.height) - top,
  };
}

/**
 * Measures one headshot with the selfie-QC face models (the instance QC already keeps warm): how many
 * faces, whether the frame cuts the face, the face's similarity to the customer's reference, and where
 * the face is (the profile crops are cut around it). The
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
  const face = faceBoxOf(a);
  return { likeness, ...(face && { face }), ms: Math.round(performance.now() - started) };
}
