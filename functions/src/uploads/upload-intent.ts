import { TimestampLike, UploadContentType } from '@likeness/core';
import { z } from 'zod';

/** `orders/{orderId}/uploadIntents/{photoId}`: written by createUploadUrls, consumed by confirmUploads. */
export const UploadIntent = z.object({
  uid: z.string(),
  fileName: z.string(),
  contentType: UploadContentType,
  size: z.number().int().positive(),
  storagePath: z.string(),
  expiresAt: TimestampLike,
  createdAt: TimestampLike,
});
export type UploadIntent = z.infer<typeof UploadIntent>;
