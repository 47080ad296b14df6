import type { CallableRequest, CallableResponse, PhotoDoc } from '@likeness/core';
import { FieldValue } from 'firebase-admin/firestore';
import { HttpsError } from 'firebase-functions/v2/https';
import { blobStore } from '../shared/blob.js';
import type { Caller } from '../shared/callable.js';
import { orderRef, photoRef, uploadIntentRef } from '../shared/db.js';
import { db } from '../shared/firebase.js';
import { orderLogger } from '../shared/order-log.js';
import { orderOfCaller, readOrder, transition } from '../shared/orders.js';
import { assertPhotosEditable } from './editable.js';
import { countsOf, tooManyUploadsMessage, uploadsLeft, withConfirmed } from './photo-counts.js';
import { UploadIntent } from './upload-intent.js';
import { runTransaction } from '../shared/transaction.js';

type NewPhoto = Omit<PhotoDoc, 'createdAt' | 'checkedAt'>;

/**
 * Turns uploaded files into photo docs (which starts QC). Idempotent: a photo already confirmed is
 * reported as confirmed and counted once, so the browser may simply retry the whole call.
 */
export async function confirmUploadsFor(
  req: CallableRequest<'confirmUploads'>,
  { uid }: Caller,
): Promise<CallableResponse<'confirmUploads'>> {
  assertPhotosEditable(await orderOfCaller(uid, req.orderId));
  const photoIds = [...new Set(req.photoIds)];

  // Storage is checked outside the transaction: it is slow, and an object that exists stays.
  const intents = await db().getAll(...photoIds.map((id) => uploadIntentRef(req.orderId, id)));
  const arrived = new Map<string, { size: number }>();
  await Promise.all(
    intents.map(async (snap) => {
      if (!snap.exists) return;
      const intent = UploadIntent.parse(snap.data());
      if (intent.uid !== uid) return;
      const stat = await blobStore().stat(intent.storagePath);
      if (stat) arrived.set(snap.id, { size: stat.size });
    }),
  );

  const ref = orderRef(req.orderId);
  const result = await runTransaction(async (tx) => {
    const order = await readOrder(tx, ref);
    assertPhotosEditable(order);
    const photoSnaps = await tx.getAll(...photoIds.map((id) => photoRef(req.orderId, id)));
    const intentSnaps = await tx.getAll(...photoIds.map((id) => uploadIntentRef(req.orderId, id)));
    const confirmed: string[] = [];
    const missing: string[] = [];
    const created: string[] = [];
    for (const [i, photoId] of photoIds.entries()) {
      if (photoSnaps[i]!.exists) {
        confirmed.push(photoId);
        continue;
      }
      const intentSnap = intentSnaps[i]!;
      const upload = arrived.get(photoId);
      if (!intentSnap.exists || !upload) {
        missing.push(photoId);
        continue;
      }
      const intent = UploadIntent.parse(intentSnap.data());
      const photo: NewPhoto = {
        uid,
        orderId: req.orderId,
        fileName: intent.fileName,
        contentType: intent.contentType,
        size: upload.size,
        storagePath: intent.storagePath,
        status: 'pending',
        reasons: [],
      };
      tx.create(photoRef(req.orderId, photoId), { ...photo, createdAt: FieldValue.serverTimestamp() });
      tx.delete(intentSnap.ref);
      created.push(photoId);
      confirmed.push(photoId);
    }
    if (created.length === 0) return { confirmed, missing };

    const counts = countsOf(order);
    if (created.length > uploadsLeft(counts)) {
      throw new HttpsError('resource-exhausted', tooManyUploadsMessage(counts, created.length));
    }
    const photos = withConfirmed(counts, created.length);
    if (order.status === 'draft') transition(tx, ref, order, 'uploading', { photos });
    else tx.update(ref, { photos, updatedAt: FieldValue.serverTimestamp() });
    return { confirmed, missing };
  });

  if (result.missing.length > 0)
    orderLogger(req.orderId, 'upload').info('confirmUploads: uploads not found', { missing: result.missing });
  return result;
}
