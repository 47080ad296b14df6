import { z } from 'zod';

/**
 * "Is this me?": how much a headshot looks like its customer, measured at ingest with the selfie-QC
 * face models against the medoid of the customer's accepted selfies. Only the score, band and reason
 * are stored on the image; embeddings stay server-side.
 */
export const LikenessBand = z.enum(['strong', 'fair', 'weak']);
export type LikenessBand = z.infer<typeof LikenessBand>;

/** What can be wrong with a headshot's face besides who it is. */
export const LikenessDefect = z.enum(['no_face', 'multiple_faces', 'face_cut_off']);
export type LikenessDefect = z.infer<typeof LikenessDefect>;

export const Likeness = z.object({
  /** Cosine similarity of the face's embedding to the reference, clamped to 0–1, 3 decimals; 0 without a face. */
  score: z.number().min(0).max(1),
  band: LikenessBand,
  /** In words, for the customer. */
  reason: z.string().min(1),
  defect: LikenessDefect.nullable(),
});
export type Likeness = z.infer<typeof Likeness>;

/**
 * Band thresholds on the cosine similarity of the selfie-QC face embedding (1024-d, human's
 * description model). On the fixtures, different people score 0.28–0.43 against each other and
 * edits of one photo 0.89–0.99; selfie QC calls a face the same person from 0.5. A headshot is a new
 * picture of the face, so "strong" asks for a clear margin above that line and "weak" starts where
 * strangers begin to overlap.
 */
export const LIKENESS_BANDS = {
  strongMinScore: 0.6,
  fairMinScore: 0.45,
} as const;

export interface FaceMeasure {
  /** Subject faces found (0, 1 or more). */
  faces: number;
  /** Similarity to the reference, when exactly one face was found and embedded. */
  similarity?: number;
  /** The face runs past the frame. */
  cutOff?: boolean;
}

const round3 = (v: number) => Math.round(v * 1000) / 1000;

export function bandOf(score: number): LikenessBand {
  if (score >= LIKENESS_BANDS.strongMinScore) return 'strong';
  if (score >= LIKENESS_BANDS.fairMinScore) return 'fair';
  return 'weak';
}

/** The stored verdict for one headshot. A cut face is at best fair: it is not a usable headshot as is. */
export function likenessOf(m: FaceMeasure): Likeness {
  if (m.faces === 0)
    return { score: 0, band: 'weak', reason: 'No face was found in this image.', defect: 'no_face' };
  if (m.faces > 1)
    return {
      score: 0,
      band: 'weak',
      reason: `This image shows ${m.faces} faces, not one.`,
      defect: 'multiple_faces',
    };
  if (m.similarity === undefined)
    return { score: 0, band: 'weak', reason: 'The face could not be measured.', defect: null };
  const score = round3(Math.min(1, Math.max(0, m.similarity)));
  const band = bandOf(score);
  if (m.cutOff)
    return {
      score,
      band: band === 'strong' ? 'fair' : band,
      reason: 'The face is cut off by the edge of the image.',
      defect: 'face_cut_off',
    };
  const reason =
    band === 'strong'
      ? 'Looks very much like your selfies.'
      : band === 'fair'
        ? 'Looks somewhat like your selfies.'
        : 'Does not look much like your selfies.';
  return { score, band, reason, defect: null };
}
