import type { QcReason, QcReasonCode, QcTip } from '@likeness/core';
import { QC_LIMITS } from './thresholds.js';

/** What a sentence may mention; each code reads only the fields it needs. */
export interface ReasonContext {
  /** Format found in the bytes, e.g. "GIF", for unsupported_format. */
  format?: string;
  width?: number;
  height?: number;
  bytes?: number;
  faces?: number;
  /** How the face is turned, for face_turned: yaw reads as sideways, pitch as tilted. */
  turn?: 'sideways' | 'tilted';
  /** For blurry: the whole photo is soft and no face was made out, so the sentence cannot say "your face". */
  wholePhoto?: boolean;
  /** The photo the reason is about, and the one it was compared with (set-level reasons). */
  photoName?: string;
  otherName?: string;
}

const mb = (bytes: number) => `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
const quoted = (name: string | undefined) => (name ? `“${name}”` : 'This photo');

const SENTENCES: Record<QcReasonCode, (c: ReasonContext) => string> = {
  not_an_image: () => 'This file is not a photo we can read — upload a JPEG, PNG, WebP or HEIC picture.',
  unsupported_format: (c) =>
    `${c.format ? `${c.format} files` : 'Files of this kind'} can't be used — save the photo as JPEG or HEIC and upload it again.`,
  decode_failed: () => 'This photo looks damaged or incomplete — upload it again, or pick another one.',
  too_small: (c) =>
    `${c.width && c.height ? `This photo is only ${c.width} × ${c.height} pixels` : 'This photo is too small'} — ` +
    `upload the original from your camera (at least ${QC_LIMITS.minSidePx} px on the short side).`,
  too_large: (c) =>
    c.bytes !== undefined && c.bytes > QC_LIMITS.maxBytes
      ? `This file is ${mb(c.bytes)}, more than the ${mb(QC_LIMITS.maxBytes)} we accept — export a smaller JPEG or HEIC.`
      : `This photo has more than ${Math.round(QC_LIMITS.maxPixels / 1e6)} megapixels — export a smaller copy and upload that.`,
  missing_upload: () => 'We did not receive this photo — upload it again.',
  check_failed: () => 'We could not check this photo in time — upload it again, or pick another one.',
  no_face: () => 'We could not find a face in this photo — use one where your face is clearly visible.',
  multiple_faces: (c) =>
    `We see ${c.faces ?? 'several'} faces in this photo — use photos of just you, or crop the others out.`,
  face_too_small: () => 'Your face is small in this photo — step closer or crop.',
  face_cut_off: () =>
    'Part of your face is cut off by the edge of the photo — keep your whole head in the frame.',
  face_turned: (c) =>
    c.turn === 'tilted'
      ? 'Your head is tilted up or down — hold the camera at eye level and look into it.'
      : 'Your face is turned to the side — look straight at the camera.',
  too_dark: () => 'This photo is too dark — face a window or a lamp and take it again.',
  too_bright: () =>
    'Your face is washed out by too much light — move out of direct sun or turn off the flash.',
  blurry: (c) =>
    c.wholePhoto
      ? 'This photo is too blurry to make out a face — hold the phone steady and tap your face on the screen to focus.'
      : 'Your face is blurry in this photo — hold the phone steady and tap your face to focus.',
  different_person: (c) =>
    `${quoted(c.photoName)} seems to show someone else than your other photos — upload only photos of the person to train.`,
  duplicate: (c) =>
    `${quoted(c.photoName)} is a near-copy of ${c.otherName ? `“${c.otherName}”` : 'another photo'} — ` +
    'copies count once; add a different photo instead.',
};

/** A reason code with the sentence and tip the customer sees next to the thumbnail. */
export function qcReason(code: QcReasonCode, context: ReasonContext = {}): QcReason {
  return { code, message: SENTENCES[code](context) };
}

export type VarietyAxis = 'pose' | 'lighting' | 'background';

const AXIS_TIPS: Record<VarietyAxis, string> = {
  pose: 'turn your head a little left or right in some',
  lighting: 'take some by a window and some in softer light',
  background: 'take a few in another room or outside',
};
const AXIS_NAMES: Record<VarietyAxis, string> = { pose: 'pose', lighting: 'light', background: 'background' };

/** The variety tip: which axes look alike, and what to change. */
export function varietyTip(axes: readonly VarietyAxis[]): QcTip {
  const names = axes.map((a) => AXIS_NAMES[a]);
  const same = names.length > 1 ? `${names.slice(0, -1).join(', ')} and ${names.at(-1)}` : names[0];
  const tips = axes.map((a) => AXIS_TIPS[a]).join('; ');
  return {
    code: 'low_variety',
    message: `Most of your photos have the same ${same} — variety helps the model: ${tips}.`,
  };
}
