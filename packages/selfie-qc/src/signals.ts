import { createRequire } from 'node:module';
import type { SubjectClass } from '@likeness/core';
import type { RgbImage } from './decode.js';
import type { FaceObservation } from './face-detect.js';

// sharp-phash is CommonJS exporting the function itself, while its typings declare a default export.
// eslint-disable-next-line @typescript-eslint/consistent-type-imports -- only import() names the CommonJS value's type
const phash = createRequire(import.meta.url)('sharp-phash') as typeof import('sharp-phash').default;

/** 64-bit DCT perceptual hash as 16 hex digits. */
export async function perceptualHash(image: RgbImage): Promise<string> {
  const bits = await phash(image.data, { raw: { width: image.width, height: image.height, channels: 3 } });
  let hex = '';
  for (let i = 0; i < bits.length; i += 4) hex += parseInt(bits.slice(i, i + 4), 2).toString(16);
  return hex;
}

/**
 * Mean colour of the two top corners (a fifth of each side): in a selfie that is background, not
 * the person, which is what the variety tip compares.
 */
export function backgroundColour(image: RgbImage): [number, number, number, number, number, number] {
  const w = Math.max(1, Math.floor(image.width / 5));
  const h = Math.max(1, Math.floor(image.height / 5));
  const mean = (x0: number) => {
    const sum = [0, 0, 0];
    for (let y = 0; y < h; y++) {
      for (let x = x0; x < x0 + w; x++) {
        const i = (y * image.width + x) * 3;
        sum[0]! += image.data[i]!;
        sum[1]! += image.data[i + 1]!;
        sum[2]! += image.data[i + 2]!;
      }
    }
    return sum.map((s) => Math.round(s / (w * h)));
  };
  const [r1, g1, b1] = mean(0) as [number, number, number];
  const [r2, g2, b2] = mean(image.width - w) as [number, number, number];
  return [r1, g1, b1, r2, g2, b2];
}

export interface SubjectHint {
  class: SubjectClass;
  /** 0–1: how sure the model is; below 0.6 the class is 'person'. */
  confidence: number;
}

/**
 * A suggestion for the subject class, never a verdict: every gender model tried here misjudged some
 * faces (an older woman in uniform read as male with 0.85), so the customer's choice always wins
 * and nothing is rejected on it.
 */
export function subjectHint(face: FaceObservation): SubjectHint {
  const confidence = face.genderScore ?? 0;
  if (!face.gender || confidence < 0.6)
    return { class: 'person', confidence: Math.round(confidence * 100) / 100 };
  return { class: face.gender === 'male' ? 'man' : 'woman', confidence: Math.round(confidence * 100) / 100 };
}
