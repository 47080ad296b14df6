import { z } from 'zod';
import type { QcReason } from '@likeness/core';
import { makeThumbnail, makeTrainingCrop } from './crop.js';
import { decodePhoto, type PhotoFormat, type RgbImage } from './decode.js';
import {
  exposureVerdict,
  frameExposureVerdict,
  isBlurry,
  isFrameBlurry,
  type LumaStats,
  measureRegion,
} from './exposure-sharpness.js';
import { detectFaces, detectSmallFaces, type FaceObservation } from './face-detect.js';
import type { Human } from './face-models.js';
import { boundingRect, clampRect } from './geometry.js';
import { qcReason } from './reasons.js';
import { backgroundColour, perceptualHash, type SubjectHint, subjectHint } from './signals.js';
import { FACE_LIMITS } from './thresholds.js';

export const AssessPhotoOptions = z.object({
  /** The content type the upload claimed; the bytes decide, this only feeds `claimedTypeMatches`. */
  claimedType: z.string().optional(),
  /** False skips the training crop (the warm-up needs the verdict only; the crop is plain sharp work). */
  trainingCrop: z.boolean().default(true),
});
export type AssessPhotoOptions = z.input<typeof AssessPhotoOptions>;

/** What the variety tip compares across the set; see assessSet. */
export interface VarietySignature {
  yawDeg: number;
  pitchDeg: number;
  /** Mean face luma 0–255 and right-minus-left face luma (side light). */
  faceLuma: number;
  sideLight: number;
  /** Mean RGB of the top-left and top-right corners. */
  background: [number, number, number, number, number, number];
}

export interface FaceSummary {
  /** [x, y, w, h] in the upright original's pixels. */
  box: [number, number, number, number];
  /** Forehead-to-chin or cheek-to-cheek, whichever is longer, in original pixels. */
  span: number;
  /** Degrees. Roll is corrected in the crop; yaw and pitch are judged. */
  roll: number;
  yaw: number;
  pitch: number;
  /** Detector confidence 0–1. */
  score: number;
}

export interface PhotoAssessment {
  verdict: 'accepted' | 'rejected';
  /** Empty when accepted. Every problem found is listed, most basic first. */
  reasons: QcReason[];
  /** Present once the bytes decoded. */
  format?: PhotoFormat;
  /** Upright size of the original. */
  width?: number;
  height?: number;
  /** False when the claimed content type disagrees with the bytes (informational only). */
  claimedTypeMatches?: boolean;
  /** CROP.sizePx square JPEG for training: accepted photos only. */
  crop?: Buffer;
  /** Up to 320 px WebP of the upright photo, for the live list. Present once decoded. */
  thumb?: Buffer;
  /** How many faces counted as subjects (0 when none or not decoded). */
  faceCount: number;
  face?: FaceSummary;
  /** 1024-d face embedding (exactly one face found). */
  embedding?: number[];
  /** 64-bit perceptual hash, 16 hex digits. Present once decoded. */
  phash?: string;
  /** A suggestion only: the customer's choice of subject class wins. */
  subjectHint?: SubjectHint;
  variety?: VarietySignature;
  /** The raw figures behind exposure and sharpness verdicts, for tuning and support. */
  measures?: { faceLuma: LumaStats; sharpness: number };
  timings: { decodeMs: number; detectMs: number; measureMs: number; outputMs: number; totalMs: number };
}

const CONTENT_TYPES: Record<PhotoFormat, readonly string[]> = {
  jpeg: ['image/jpeg', 'image/jpg', 'image/pjpeg'],
  png: ['image/png'],
  webp: ['image/webp'],
  heic: ['image/heic', 'image/heif'],
  avif: ['image/avif', 'image/heif'],
};

const round = (v: number, digits: number) => Math.round(v * 10 ** digits) / 10 ** digits;
const elapsed = (since: number) => round(performance.now() - since, 1);

function faceRules(face: FaceObservation, image: RgbImage, scale: number): QcReason[] {
  const reasons: QcReason[] = [];
  const spanPx = face.span * scale;
  const share = face.span / Math.min(image.width, image.height);
  if (spanPx < FACE_LIMITS.minSpanPx || share < FACE_LIMITS.minSpanShare)
    reasons.push(qcReason('face_too_small'));
  const slack = FACE_LIMITS.cutOffTolerance * face.span;
  const outside = face.mesh.some(
    ([x, y]) => x < -slack || y < -slack || x > image.width + slack || y > image.height + slack,
  );
  if (outside) reasons.push(qcReason('face_cut_off'));
  if (Math.abs(face.yawDeg) > FACE_LIMITS.maxYawDeg)
    reasons.push(qcReason('face_turned', { turn: 'sideways' }));
  else if (Math.abs(face.pitchDeg) > FACE_LIMITS.maxPitchDeg)
    reasons.push(qcReason('face_turned', { turn: 'tilted' }));
  return reasons;
}

/**
 * One photo through the whole QC. Never throws on bad input: what cannot be read becomes a reason.
 * Throws only when the QC itself is broken (models missing, out of memory).
 */
export async function assessPhotoWith(
  human: Human,
  bytes: Uint8Array,
  options: AssessPhotoOptions = {},
): Promise<PhotoAssessment> {
  const { claimedType, trainingCrop } = AssessPhotoOptions.parse(options);
  const started = performance.now();
  const timings = { decodeMs: 0, detectMs: 0, measureMs: 0, outputMs: 0, totalMs: 0 };
  const finish = (a: Omit<PhotoAssessment, 'verdict' | 'timings'>): PhotoAssessment => {
    timings.totalMs = elapsed(started);
    return { verdict: a.reasons.length === 0 ? 'accepted' : 'rejected', ...a, timings };
  };

  const decoded = await decodePhoto(bytes);
  timings.decodeMs = elapsed(started);
  if (!decoded.ok) return finish({ reasons: [decoded.reason], faceCount: 0 });
  const { photo } = decoded;
  const image = photo.working;
  const base = {
    format: photo.format,
    width: photo.width,
    height: photo.height,
    ...(claimedType !== undefined && {
      claimedTypeMatches: CONTENT_TYPES[photo.format].includes(claimedType.toLowerCase()),
    }),
  };

  let t = performance.now();
  const [detection, thumb] = await Promise.all([detectFaces(human, image), makeThumbnail(image)]);
  timings.detectMs = elapsed(t);
  const shown = { ...base, thumb: thumb.webp, phash: await perceptualHash(thumb.raw) };

  t = performance.now();
  let faces = detection.faces;
  if (faces.length === 0) {
    // Without a face the whole frame explains why, in this order: light, then blur (a blurred
    // portrait has no face the detector is sure of), and only when the photo is fine a second,
    // costlier look for a face too small for the first pass, which turns "no face" into "move closer".
    const frame = await measureRegion(image, { left: 0, top: 0, width: image.width, height: image.height });
    const exposure = frameExposureVerdict(frame.luma);
    const blurred =
      !exposure && detection.frameSharpness !== undefined && isFrameBlurry(detection.frameSharpness);
    timings.measureMs = elapsed(t);
    if (!exposure && !blurred) {
      t = performance.now();
      faces = await detectSmallFaces(human, detection.view);
      timings.detectMs = round(timings.detectMs + elapsed(t), 1);
    }
    if (faces.length === 0) {
      const cause = exposure ? qcReason(exposure) : blurred ? qcReason('blurry', { wholePhoto: true }) : null;
      return finish({ ...shown, faceCount: 0, reasons: [...(cause ? [cause] : []), qcReason('no_face')] });
    }
    t = performance.now();
  }
  const decodedBase = { ...shown, faceCount: faces.length };
  if (faces.length > 1) {
    return finish({ ...decodedBase, reasons: [qcReason('multiple_faces', { faces: faces.length })] });
  }

  const face = faces[0]!;
  const reasons = faceRules(face, image, photo.scale);
  const faceRect = clampRect(boundingRect(face.mesh), image.width, image.height);
  const measures = faceRect ? await measureRegion(image, faceRect) : null;
  if (measures) {
    const exposure = exposureVerdict(measures.luma);
    if (exposure) reasons.push(qcReason(exposure));
    // A blown-out or black face has no detail to judge, and a face below the size limit is measured
    // enlarged, so it would read as soft: the reason already given covers both.
    else if (!reasons.some((r) => r.code === 'face_too_small') && isBlurry(measures.sharpness))
      reasons.push(qcReason('blurry'));
  }
  timings.measureMs = round(timings.measureMs + elapsed(t), 1);

  const s = photo.scale;
  const summary: FaceSummary = {
    box: [
      round(face.box[0] * s, 1),
      round(face.box[1] * s, 1),
      round(face.box[2] * s, 1),
      round(face.box[3] * s, 1),
    ],
    span: round(face.span * s, 1),
    roll: round(face.rollDeg, 1),
    yaw: round(face.yawDeg, 1),
    pitch: round(face.pitchDeg, 1),
    score: round(face.boxScore, 3),
  };
  const analysed = {
    ...decodedBase,
    face: summary,
    ...(face.embedding && { embedding: face.embedding.map((v) => round(v, 5)) }),
    subjectHint: subjectHint(face),
    ...(measures && {
      measures: { faceLuma: measures.luma, sharpness: round(measures.sharpness, 3) },
      variety: {
        yawDeg: summary.yaw,
        pitchDeg: summary.pitch,
        faceLuma: round(measures.luma.mean, 1),
        sideLight: round(measures.luma.sideBalance, 1),
        background: backgroundColour(thumb.raw),
      },
    }),
  };
  if (reasons.length > 0 || !trainingCrop) return finish({ ...analysed, reasons });

  t = performance.now();
  const crop = await makeTrainingCrop(image, face);
  timings.outputMs = elapsed(t);
  return finish({ ...analysed, reasons, crop });
}
