import type { CallableSpec } from './callable-spec.js';
import { z } from 'zod';
import { CROP_FORMATS, CropFormat, DownloadFormat } from './crops.js';
import { OPERATOR_CALLABLES } from './operator.js';
import {
  MAX_FILE_NAME_LENGTH,
  MAX_UPLOAD_BYTES,
  MAX_UPLOAD_MB,
  MAX_UPLOADS_PER_ORDER,
  UploadContentType,
} from './qc.js';

/** Callable functions' request and response shapes, shared by web and functions. */
export const DocId = z.string().regex(/^[A-Za-z0-9_-]{1,128}$/, 'Invalid id');

export const CreateUploadUrlsRequest = z.object({
  orderId: DocId,
  files: z
    .array(
      z.object({
        name: z.string().min(1).max(MAX_FILE_NAME_LENGTH),
        contentType: UploadContentType,
        size: z.number().int().positive().max(MAX_UPLOAD_BYTES, `File is larger than ${MAX_UPLOAD_MB} MB`),
      }),
    )
    .min(1)
    .max(MAX_UPLOADS_PER_ORDER),
});
export type CreateUploadUrlsRequest = z.infer<typeof CreateUploadUrlsRequest>;
export const CreateUploadUrlsResponse = z.object({
  uploads: z.array(
    z.object({
      photoId: z.string(),
      url: z.string().url(),
      method: z.literal('PUT'),
      headers: z.record(z.string(), z.string()),
      expiresAt: z.number(),
    }),
  ),
});
export type CreateUploadUrlsResponse = z.infer<typeof CreateUploadUrlsResponse>;

export const ConfirmUploadsRequest = z.object({
  orderId: DocId,
  photoIds: z.array(DocId).min(1).max(MAX_UPLOADS_PER_ORDER),
});
export type ConfirmUploadsRequest = z.infer<typeof ConfirmUploadsRequest>;
export const ConfirmUploadsResponse = z.object({
  confirmed: z.array(z.string()),
  missing: z.array(z.string()),
});
export type ConfirmUploadsResponse = z.infer<typeof ConfirmUploadsResponse>;

export const CreateCheckoutRequest = z.object({
  orderId: DocId,
  discountCode: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9_-]{3,40}$/, 'Discount codes are letters, digits, - and _')
    .optional(),
});
export type CreateCheckoutRequest = z.infer<typeof CreateCheckoutRequest>;
export const CreateCheckoutResponse = z.object({ url: z.string().url(), sessionId: z.string() });
export type CreateCheckoutResponse = z.infer<typeof CreateCheckoutResponse>;

export const CancelCheckoutRequest = z.object({ orderId: DocId });
export type CancelCheckoutRequest = z.infer<typeof CancelCheckoutRequest>;
export const CancelCheckoutResponse = z.object({ cancelled: z.boolean() });
export type CancelCheckoutResponse = z.infer<typeof CancelCheckoutResponse>;

/** Crops are cut on request, so a call for one asks for a few images, not a whole gallery. */
export const MAX_IDS_PER_CROP_CALL = 10;

export const GetFileUrlsRequest = z
  .object({
    orderId: DocId,
    kind: z.enum(['photo-thumb', 'image', 'image-thumb']),
    ids: z.array(DocId).min(1).max(200),
    download: z.boolean().optional(),
    /** A headshot (kind 'image') as the original (the default) or one of the profile crops. */
    format: DownloadFormat.optional(),
  })
  .superRefine((req, ctx) => {
    if (req.format === undefined || req.format === 'original') return;
    if (req.kind !== 'image') {
      ctx.addIssue({ code: 'custom', path: ['format'], message: 'Only a headshot comes in other formats.' });
    } else if (req.ids.length > MAX_IDS_PER_CROP_CALL) {
      ctx.addIssue({
        code: 'custom',
        path: ['ids'],
        message: `Ask for at most ${MAX_IDS_PER_CROP_CALL} headshots at a time in a cropped format.`,
      });
    }
  });
export type GetFileUrlsRequest = z.infer<typeof GetFileUrlsRequest>;
export const GetFileUrlsResponse = z.object({
  urls: z.record(z.string(), z.string()),
  expiresAt: z.number(),
});
export type GetFileUrlsResponse = z.infer<typeof GetFileUrlsResponse>;

export const CreateZipDownloadRequest = z.object({
  orderId: DocId,
  favoritesOnly: z.boolean().optional(),
  /** "Download all" leaves out the weak likenesses folded under "less like you" unless asked. */
  includeWeak: z.boolean().optional(),
  /** Profile crops to put next to each original in the zip (core/crops.ts), each in its own folder. */
  formats: z.array(CropFormat).max(CROP_FORMATS.length).optional(),
});
export type CreateZipDownloadRequest = z.infer<typeof CreateZipDownloadRequest>;
export const CreateZipDownloadResponse = z.object({
  url: z.string().url(),
  count: z.number(),
  expiresAt: z.number(),
});
export type CreateZipDownloadResponse = z.infer<typeof CreateZipDownloadResponse>;

export const RequestRefundRequest = z.object({
  orderId: DocId,
  reason: z
    .string()
    .trim()
    .min(3, 'Tell us in a few words what is wrong.')
    .max(1000, 'Keep it under 1000 characters.'),
});
export type RequestRefundRequest = z.infer<typeof RequestRefundRequest>;
export const RequestRefundResponse = z.object({
  /**
   * refunded: the guarantee applied and the payment was refunded now; requested: recorded for our
   * team; already-requested: an earlier request is still waiting, nothing new was recorded.
   */
  outcome: z.enum(['refunded', 'requested', 'already-requested']),
  refundId: z.string().nullable(),
  /** Refunded now, in cents (null unless refunded). */
  amount: z.number().int().nullable(),
  currency: z.string().nullable(),
  /** What happened, in words for the customer. */
  message: z.string(),
});
export type RequestRefundResponse = z.infer<typeof RequestRefundResponse>;

export const DeletePhotoRequest = z.object({ orderId: DocId, photoId: DocId });
export type DeletePhotoRequest = z.infer<typeof DeletePhotoRequest>;
export const DeletePhotoResponse = z.object({ deleted: z.boolean() });
export type DeletePhotoResponse = z.infer<typeof DeletePhotoResponse>;

export const DeleteOrderRequest = z.object({ orderId: DocId });
export type DeleteOrderRequest = z.infer<typeof DeleteOrderRequest>;
export const DeleteOrderResponse = z.object({
  /** deleting: the deletion started (or was already under way); deleted: nothing was left to do. */
  state: z.enum(['deleting', 'deleted']),
});
export type DeleteOrderResponse = z.infer<typeof DeleteOrderResponse>;

export const DeleteAccountRequest = z.object({
  /** Typed by the customer, so an account is never deleted by a stray click. */
  confirm: z.literal('DELETE', { message: 'Type DELETE to confirm.' }),
});
export type DeleteAccountRequest = z.infer<typeof DeleteAccountRequest>;
export const DeleteAccountResponse = z.object({
  state: z.enum(['deleting', 'deleted']),
  orders: z.number().int().nonnegative(),
});
export type DeleteAccountResponse = z.infer<typeof DeleteAccountResponse>;

export const RedoHeadshotRequest = z.object({ orderId: DocId, imageId: DocId });
export type RedoHeadshotRequest = z.infer<typeof RedoHeadshotRequest>;
export const RedoHeadshotResponse = z.object({
  /** The redo's job; the new image replaces `imageId` in the gallery when it is in. */
  jobId: z.string(),
  /** Redos of the plan's allowance still unused after this one. */
  redosLeft: z.number().int().nonnegative(),
});
export type RedoHeadshotResponse = z.infer<typeof RedoHeadshotResponse>;

/** The account page's switch for marketing email (win-back reminders, the rating request). */
export const SetMarketingEmailRequest = z.object({ marketing: z.boolean() });
export type SetMarketingEmailRequest = z.infer<typeof SetMarketingEmailRequest>;
export const SetMarketingEmailResponse = z.object({
  /** The choice now on record. */
  marketing: z.boolean(),
  /** False when it already was the choice: nothing was written, the first time is kept. */
  changed: z.boolean(),
});
export type SetMarketingEmailResponse = z.infer<typeof SetMarketingEmailResponse>;

/**
 * Every callable, by the name it is deployed under, with what it takes and returns. The browser's
 * `callFunction` and the functions' `callable` are keyed on it.
 */
export const CALLABLES = {
  ...OPERATOR_CALLABLES,
  createUploadUrls: { request: CreateUploadUrlsRequest, response: CreateUploadUrlsResponse },
  confirmUploads: { request: ConfirmUploadsRequest, response: ConfirmUploadsResponse },
  createCheckout: { request: CreateCheckoutRequest, response: CreateCheckoutResponse },
  cancelCheckout: { request: CancelCheckoutRequest, response: CancelCheckoutResponse },
  getFileUrls: { request: GetFileUrlsRequest, response: GetFileUrlsResponse },
  createZipDownload: { request: CreateZipDownloadRequest, response: CreateZipDownloadResponse },
  requestRefund: { request: RequestRefundRequest, response: RequestRefundResponse },
  deletePhoto: { request: DeletePhotoRequest, response: DeletePhotoResponse },
  deleteOrder: { request: DeleteOrderRequest, response: DeleteOrderResponse },
  deleteAccount: { request: DeleteAccountRequest, response: DeleteAccountResponse },
  redoHeadshot: { request: RedoHeadshotRequest, response: RedoHeadshotResponse },
  setMarketingEmail: { request: SetMarketingEmailRequest, response: SetMarketingEmailResponse },
} as const satisfies Record<string, CallableSpec>;

export type CallableName = keyof typeof CALLABLES;
/** What the caller passes (before defaults and transforms). */
export type CallableInput<N extends CallableName> = z.input<(typeof CALLABLES)[N]['request']>;
/** What the handler receives, parsed. */
export type CallableRequest<N extends CallableName> = z.output<(typeof CALLABLES)[N]['request']>;
export type CallableResponse<N extends CallableName> = z.output<(typeof CALLABLES)[N]['response']>;
