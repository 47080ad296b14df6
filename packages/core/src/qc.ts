import { z } from 'zod';

/** Selfies the customer may upload per order (rejected ones included) and the checkout gate. */
export const MAX_UPLOADS_PER_ORDER = 30;
/** Wrong discount codes an order may try before checkout refuses codes (guessing is not a strategy). */
export const MAX_DISCOUNT_ATTEMPTS = 10;
export const MIN_ACCEPTED_PHOTOS = 10;
/** Training uses at most this many accepted photos; more adds GPU time, not likeness. */
export const MAX_TRAINING_PHOTOS = 20;
/** Longest selfie file name we keep (it is shown back to the customer). */
export const MAX_FILE_NAME_LENGTH = 200;
export const MAX_UPLOAD_MB = 25;
export const MAX_UPLOAD_BYTES = MAX_UPLOAD_MB * 1024 * 1024;
export const MIN_PHOTO_SIDE_PX = 512;
export const MAX_PHOTO_PIXELS = 50_000_000;

export const UploadContentType = z.enum([
  'image/jpeg',
  'image/png',
  'image/webp',
  'image/heic',
  'image/heif',
]);
export type UploadContentType = z.infer<typeof UploadContentType>;

export const QC_REASON_CODES = [
  'not_an_image',
  'unsupported_format',
  'decode_failed',
  'too_small',
  'too_large',
  'missing_upload',
  'check_failed',
  'no_face',
  'multiple_faces',
  'face_too_small',
  'face_cut_off',
  'face_turned',
  'too_dark',
  'too_bright',
  'blurry',
  'different_person',
  'duplicate',
] as const;
export const QcReasonCode = z.enum(QC_REASON_CODES);
export type QcReasonCode = z.infer<typeof QcReasonCode>;

export const QcReason = z.object({ code: QcReasonCode, message: z.string().min(1) });
export type QcReason = z.infer<typeof QcReason>;

export const PhotoVerdict = z.enum(['pending', 'accepted', 'rejected']);
export type PhotoVerdict = z.infer<typeof PhotoVerdict>;
