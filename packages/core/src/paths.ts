/**
 * Storage layout. Everything of one order sits under one prefix so that deletion is one prefix
 * delete, and signed URLs are scoped by these paths.
 */
import { CropFormat } from './crops.js';

const ID = /^[A-Za-z0-9_-]{1,128}$/;

function id(value: string, what: string): string {
  if (!ID.test(value)) throw new Error(`Invalid ${what}: ${JSON.stringify(value)}`);
  return value;
}

export const storagePaths = {
  user: (uid: string) => `users/${id(uid, 'uid')}/`,
  order: (uid: string, orderId: string) => `users/${id(uid, 'uid')}/orders/${id(orderId, 'orderId')}/`,
  upload: (uid: string, orderId: string, photoId: string) =>
    `${storagePaths.order(uid, orderId)}uploads/${id(photoId, 'photoId')}`,
  crop: (uid: string, orderId: string, photoId: string) =>
    `${storagePaths.order(uid, orderId)}crops/${id(photoId, 'photoId')}.jpg`,
  photoThumb: (uid: string, orderId: string, photoId: string) =>
    `${storagePaths.order(uid, orderId)}crops/${id(photoId, 'photoId')}_thumb.webp`,
  trainingSet: (uid: string, orderId: string) => `${storagePaths.order(uid, orderId)}training/dataset.zip`,
  image: (uid: string, orderId: string, imageId: string, ext: string) =>
    `${storagePaths.order(uid, orderId)}images/${id(imageId, 'imageId')}.${ext}`,
  imageThumb: (uid: string, orderId: string, imageId: string) =>
    `${storagePaths.order(uid, orderId)}thumbs/${id(imageId, 'imageId')}.webp`,
  /** A headshot's profile crops (core/crops.ts), cut on first request; one folder per image. */
  imageFormats: (uid: string, orderId: string, imageId: string) =>
    `${storagePaths.order(uid, orderId)}formats/${id(imageId, 'imageId')}/`,
  imageFormat: (uid: string, orderId: string, imageId: string, format: CropFormat) =>
    `${storagePaths.imageFormats(uid, orderId, imageId)}${CropFormat.parse(format)}.jpg`,
  export: (uid: string, orderId: string) => `${storagePaths.order(uid, orderId)}exports/headshots.zip`,
};
