import {
  ImageDoc,
  storagePaths,
  URL_LIFETIMES_SEC,
  type CallableRequest,
  type CallableResponse,
  type CropFormat,
} from '@likeness/core';
import type { DocumentSnapshot } from 'firebase-admin/firestore';
import { blobStore } from '../shared/blob.js';
import type { Caller } from '../shared/callable.js';
import { imagesOf, photosOf } from '../shared/db.js';
import { db } from '../shared/firebase.js';
import { orderLogger } from '../shared/order-log.js';
import { orderOfCaller } from '../shared/orders.js';
import { assertGalleryOpen } from './gallery-access.js';
import { downloadNameFor } from './file-urls.js';
import { storedCropPath } from './headshot-formats.js';
import { recordDownload } from './record-download.js';

type Kind = CallableRequest<'getFileUrls'>['kind'];

const SOURCES: Record<Kind, { collection: typeof photosOf; field: 'thumbPath' | 'storagePath' }> = {
  'photo-thumb': { collection: photosOf, field: 'thumbPath' },
  image: { collection: imagesOf, field: 'storagePath' },
  'image-thumb': { collection: imagesOf, field: 'thumbPath' },
};

function pathOf(snap: DocumentSnapshot, field: string): string | null {
  const value: unknown = snap.exists ? snap.get(field) : undefined;
  return typeof value === 'string' && value.length > 0 ? value : null;
}

/** The stored crop of a headshot, cut now if needed; null for a doc that is not a headshot's. */
async function cropPathOf(
  snap: DocumentSnapshot,
  owner: { uid: string; orderId: string },
  format: CropFormat,
): Promise<string | null> {
  const parsed = ImageDoc.safeParse(snap.data());
  if (!parsed.success) {
    orderLogger(owner.orderId, 'download').error('getFileUrls: malformed image doc', { path: snap.ref.path });
    return null;
  }
  // Stored under the order checked above, whatever the doc says.
  return storedCropPath({ ...parsed.data, id: snap.id, ...owner }, format);
}

/**
 * Short-lived signed GET URLs for the owner's selfie thumbnails and headshots, a headshot also as a
 * profile crop (`format`). Ids that do not exist (or have no file yet) are left out rather than
 * failing the whole gallery.
 */
export async function getFileUrlsFor(
  req: CallableRequest<'getFileUrls'>,
  { uid }: Caller,
): Promise<CallableResponse<'getFileUrls'>> {
  const order = await orderOfCaller(uid, req.orderId);
  if (req.kind !== 'photo-thumb') assertGalleryOpen(order); // selfies are the customer's own
  // Paths come from server-written docs; the prefix check keeps a bad doc from exposing another order.
  const prefix = storagePaths.order(order.uid, req.orderId);

  const { collection, field } = SOURCES[req.kind];
  const ids = [...new Set(req.ids)];
  const snaps = await db().getAll(...ids.map((id) => collection(req.orderId).doc(id)));
  const crop = req.kind === 'image' && req.format && req.format !== 'original' ? req.format : null;
  // Crops are cut (once) before anything is counted, so a failed cut costs no download.
  const files = (
    await Promise.all(
      snaps.map(async (snap) => {
        const source = pathOf(snap, field);
        if (!source?.startsWith(prefix)) return [];
        const path = crop ? await cropPathOf(snap, { uid: order.uid, orderId: req.orderId }, crop) : source;
        return path ? [{ id: snap.id, path }] : [];
      }),
    )
  ).flat();
  // A headshot saved to the customer's device counts against the refund guarantee; viewing does not.
  if (req.download === true && req.kind !== 'photo-thumb' && files.length > 0) {
    await recordDownload(req.orderId);
  }
  const store = blobStore();
  const urls: Record<string, string> = {};
  let expiresAt = Date.now() + URL_LIFETIMES_SEC.download * 1000;
  await Promise.all(
    files.map(async ({ id, path }) => {
      const signed = await store.signedGetUrl(path, {
        expiresInSec: URL_LIFETIMES_SEC.download,
        ...(req.download ? { downloadName: downloadNameFor(id, path, crop ?? undefined) } : {}),
      });
      urls[id] = signed.url;
      expiresAt = Math.min(expiresAt, signed.expiresAt);
    }),
  );
  return { urls, expiresAt };
}
