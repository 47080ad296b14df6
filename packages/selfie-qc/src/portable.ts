import type { Config } from '@vladmandic/human';

/**
 * The parts of selfie QC that need neither Node nor sharp, so the browser's guided capture
 * (apps/web …/capture) runs the very same rules and settings as the server's judgement.
 */

/** The value below which share p of n counted pixels lie (a 256-bin luma histogram). */
export function lumaPercentile(histogram: Uint32Array, n: number, p: number): number {
  const rank = p * (n - 1);
  let seen = 0;
  for (let v = 0; v < 256; v++) {
    seen += histogram[v]!;
    if (seen > rank) return v;
  }
  return 255;
}

/**
 * The face detector as QC runs it: raised from one face so a second person is seen at all; rotation
 * aligns the face before mesh and embedding, which keeps rolled faces comparable.
 */
export const QC_FACE_DETECTOR = {
  enabled: true,
  rotation: true,
  maxDetected: 5,
  minConfidence: 0.2,
  return: false,
} as const;

/** Everything of human's that neither QC nor capture uses, left unloaded. */
export const UNUSED_FACE_PARTS = {
  iris: { enabled: false },
  attention: { enabled: false },
  emotion: { enabled: false },
  antispoof: { enabled: false },
  liveness: { enabled: false },
  gear: { enabled: false },
} as const satisfies Partial<Config['face']>;

export const UNUSED_MODULES = {
  body: { enabled: false },
  hand: { enabled: false },
  object: { enabled: false },
  gesture: { enabled: false },
  segmentation: { enabled: false },
  filter: { enabled: false },
} as const satisfies Partial<Config>;
