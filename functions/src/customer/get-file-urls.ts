import { GetFileUrlsRequest, type GetFileUrlsResponse, storagePaths } from '@likeness/core';
import type { DocumentSnapshot } from 'firebase-admin/firestore';
import { onCall } from 'firebase-functions/v2/https';
import { blobStore } from '../shared/blob.js';
import { db } from '../shared/firebase.js';
import { orderOfCaller } from '../shared/orders.js';
import { parseRequest } from '../shared/validate.js';
import { callerUid } from './caller.js';
import { downloadNameFor } from './file-urls.js';
import { REGION, SIGNED_URL_TTL_SEC, secrets } from './options.js';
import { imagesOf, photosOf } from './refs.js';

type Kind = GetFileUrlsRequest['kind'];

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
export const getFileUrls = onCall(
  { region: REGION, secrets },
  async (request): Promise<GetFileUrlsResponse> => {
    const uid = callerUid(request);
    const req = parseRequest(GetFileUrlsRequest, request.data);
    const order = await orderOfCaller(uid, req.orderId);
    // Paths come from server-written docs; the prefix check keeps a bad doc from exposing another order.
    const prefix = storagePaths.order(order.uid, req.orderId);

    const { collection, field } = SOURCES[req.kind];
    const ids = [...new Set(req.ids)];
    const snaps = await db().getAll(...ids.map((id) => collection(req.orderId).doc(id)));
    const store = blobStore();
    const urls: Record<string, string> = {};
    let expiresAt = Date.now() + SIGNED_URL_TTL_SEC * 1000;
    await Promise.all(
      snaps.map(async (snap) => {
        const path = pathOf(snap, field);
        if (!path?.startsWith(prefix)) return;
        const signed = await store.signedGetUrl(path, {
          expiresInSec: SIGNED_URL_TTL_SEC,
          ...(req.download ? { downloadName: downloadNameFor(snap.id, path) } : {}),
        });
        urls[snap.id] = signed.url;
        expiresAt = Math.min(expiresAt, signed.expiresAt);
      }),
    );
    return { urls, expiresAt };
  },
);
