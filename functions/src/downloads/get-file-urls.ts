import { storagePaths, URL_LIFETIMES_SEC, type CallableRequest, type CallableResponse } from '@likeness/core';
import type { DocumentSnapshot } from 'firebase-admin/firestore';
import { blobStore } from '../shared/blob.js';
import type { Caller } from '../shared/callable.js';
import { imagesOf, photosOf } from '../shared/db.js';
import { db } from '../shared/firebase.js';
import { orderOfCaller } from '../shared/orders.js';
import { assertGalleryOpen } from './gallery-access.js';
import { downloadNameFor } from './file-urls.js';
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

/**
 * Short-lived signed GET URLs for the owner's selfie thumbnails and headshots. Ids that do not
 * exist (or have no file yet) are left out rather than failing the whole gallery.
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
  // A headshot saved to the customer's device counts against the refund guarantee; viewing does not.
  const savesHeadshots = req.download === true && req.kind !== 'photo-thumb';
  if (savesHeadshots && snaps.some((snap) => pathOf(snap, field)?.startsWith(prefix))) {
    await recordDownload(req.orderId);
  }
  const store = blobStore();
  const urls: Record<string, string> = {};
  let expiresAt = Date.now() + URL_LIFETIMES_SEC.download * 1000;
  await Promise.all(
    snaps.map(async (snap) => {
      const path = pathOf(snap, field);
      if (!path?.startsWith(prefix)) return;
      const signed = await store.signedGetUrl(path, {
        expiresInSec: URL_LIFETIMES_SEC.download,
        ...(req.download ? { downloadName: downloadNameFor(snap.id, path) } : {}),
      });
      urls[snap.id] = signed.url;
      expiresAt = Math.min(expiresAt, signed.expiresAt);
    }),
  );
  return { urls, expiresAt };
}
