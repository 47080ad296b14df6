import {
  CONSENT_REQUIRED_MESSAGE,
  hasCurrentConsent,
  UserDoc,
  MAX_UPLOAD_BYTES,
  MAX_OPEN_ORDERS,
  MAX_UPLOADS_PER_ORDER,
  storagePaths,
  URL_LIFETIMES_SEC,
  type CallableRequest,
  type CallableResponse,
} from '@likeness/core';
import { FieldValue, Timestamp } from 'firebase-admin/firestore';
import { HttpsError } from 'firebase-functions/v2/https';
import { blobStore } from '../shared/blob.js';
import type { Caller } from '../shared/callable.js';
import { ordersCol, photosOf, uploadIntentRef, uploadIntentsOf, userRef } from '../shared/db.js';
import { db } from '../shared/firebase.js';
import { orderOfCaller } from '../shared/orders.js';
import { assertPhotosEditable } from './editable.js';
import { countsOf, tooManyUploadsMessage, uploadsLeft } from './photo-counts.js';
import type { UploadIntent } from './upload-intent.js';

/**
 * Hands out one signed PUT URL per selfie, scoped to the caller's order and bound to the announced
 * type and the size limit. The browser uploads straight to storage; confirmUploads follows.
 */
export async function createUploadUrlsFor(
  req: CallableRequest<'createUploadUrls'>,
  { uid }: Caller,
): Promise<CallableResponse<'createUploadUrls'>> {
  const order = await orderOfCaller(uid, req.orderId);
  assertPhotosEditable(order);
  // Face photos are biometric data: nothing is uploaded before the customer's informed consent to
  // the current privacy notice (given in the browser, stored under firestore.rules).
  const user = UserDoc.safeParse((await userRef(uid).get()).data() ?? {});
  if (!user.success || !hasCurrentConsent(user.data.consent)) {
    throw new HttpsError('failed-precondition', CONSENT_REQUIRED_MESSAGE);
  }

  // Counted against confirmed uploads: URLs that were never used must not lock the customer out.
  // confirmUploads enforces the same limit, so unused extra URLs cannot push an order past it.
  const counts = countsOf(order);
  if (req.files.length > uploadsLeft(counts)) {
    throw new HttpsError('resource-exhausted', tooManyUploadsMessage(counts, req.files.length));
  }
  // Drafts cost nothing; an order starts costing (storage, QC) with its first upload.
  if (order.status === 'draft') {
    const inProgress = (
      await ordersCol().where('uid', '==', uid).where('status', 'in', ['uploading', 'ready']).count().get()
    ).data().count;
    if (inProgress >= MAX_OPEN_ORDERS) {
      throw new HttpsError(
        'resource-exhausted',
        `You already have ${inProgress} orders waiting for photos or checkout: finish one of them first.`,
      );
    }
  }
  // URLs handed out but not yet used are bounded too, so a loop cannot mint them without end.
  const outstanding = (
    await uploadIntentsOf(req.orderId).where('expiresAt', '>', Timestamp.now()).count().get()
  ).data().count;
  if (outstanding + req.files.length > MAX_UPLOADS_PER_ORDER) {
    throw new HttpsError(
      'resource-exhausted',
      `${outstanding} uploads of this order are still in progress: let them finish, or try again in ${URL_LIFETIMES_SEC.upload / 60} minutes.`,
    );
  }

  const store = blobStore();
  const batch = db().batch();
  const uploads = await Promise.all(
    req.files.map(async (file) => {
      const photoId = photosOf(req.orderId).doc().id;
      const storagePath = storagePaths.upload(uid, req.orderId, photoId);
      const signed = await store.signedPutUrl(storagePath, {
        contentType: file.contentType,
        maxBytes: MAX_UPLOAD_BYTES,
        expiresInSec: URL_LIFETIMES_SEC.upload,
      });
      const intent: Omit<UploadIntent, 'createdAt' | 'expiresAt'> = {
        uid,
        fileName: file.name,
        contentType: file.contentType,
        size: file.size,
        storagePath,
      };
      batch.create(uploadIntentRef(req.orderId, photoId), {
        ...intent,
        expiresAt: Timestamp.fromMillis(signed.expiresAt),
        createdAt: FieldValue.serverTimestamp(),
      });
      return {
        photoId,
        url: signed.url,
        method: 'PUT' as const,
        headers: signed.headers,
        expiresAt: signed.expiresAt,
      };
    }),
  );
  await batch.commit();
  return { uploads };
}
