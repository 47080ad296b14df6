import { z } from 'zod';
import { MAX_UPLOAD_BYTES, MAX_UPLOADS_PER_ORDER, UploadContentType } from './qc.js';

/** Callable function names and their request/response shapes, shared by web and functions. */
const DocId = z.string().regex(/^[A-Za-z0-9_-]{1,128}$/, 'Invalid id');

export const CreateUploadUrlsRequest = z.object({
  orderId: DocId,
  files: z
    .array(
      z.object({
        name: z.string().min(1).max(200),
        contentType: UploadContentType,
        size: z.number().int().positive().max(MAX_UPLOAD_BYTES, 'File is larger than 25 MB'),
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

export const GetFileUrlsRequest = z.object({
  orderId: DocId,
  kind: z.enum(['photo-thumb', 'image', 'image-thumb']),
  ids: z.array(DocId).min(1).max(200),
  download: z.boolean().optional(),
});
export type GetFileUrlsRequest = z.infer<typeof GetFileUrlsRequest>;
export const GetFileUrlsResponse = z.object({
  urls: z.record(z.string(), z.string()),
  expiresAt: z.number(),
});
export type GetFileUrlsResponse = z.infer<typeof GetFileUrlsResponse>;

export const CreateZipDownloadRequest = z.object({ orderId: DocId, favoritesOnly: z.boolean().optional() });
export type CreateZipDownloadRequest = z.infer<typeof CreateZipDownloadRequest>;
export const CreateZipDownloadResponse = z.object({
  url: z.string().url(),
  count: z.number(),
  expiresAt: z.number(),
});
export type CreateZipDownloadResponse = z.infer<typeof CreateZipDownloadResponse>;

export const CALLABLES = {
  createUploadUrls: 'createUploadUrls',
  confirmUploads: 'confirmUploads',
  createCheckout: 'createCheckout',
  getFileUrls: 'getFileUrls',
  createZipDownload: 'createZipDownload',
} as const;
