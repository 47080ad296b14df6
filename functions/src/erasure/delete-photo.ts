import { PhotoDoc, storagePaths, type CallableRequest, type CallableResponse } from '@likeness/core';
import { refreshSetQc } from '../qc/refresh-set-qc.js';
import { blobStore } from '../shared/blob.js';
import type { Caller } from '../shared/callable.js';
import { photoRef, qcSignalsOf, uploadIntentRef } from '../shared/db.js';
import { db } from '../shared/firebase.js';
import { orderOfCaller } from '../shared/orders.js';
import { assertPhotosEditable } from '../uploads/editable.js';

/**
 * deletePhoto: before payment the customer removes one selfie: its file, crops and thumbnail, its
 * face signals and its record; set-level QC and the checkout gate are recomputed without it.
 * After payment the photos are the training set, and only deleting the order removes them.
 */
export async function deletePhotoFor(
  req: CallableRequest<'deletePhoto'>,
  { uid }: Caller,
): Promise<CallableResponse<'deletePhoto'>> {
  const order = await orderOfCaller(uid, req.orderId);
  assertPhotosEditable(order);
  const ref = photoRef(req.orderId, req.photoId);
  const snap = await ref.get();
  if (!snap.exists) return { deleted: false };
  PhotoDoc.parse(snap.data());

  const store = blobStore();
  // Photo ids have one length, so the crop prefix matches this photo's crop and thumbnail only.
  const cropPrefix = storagePaths.crop(uid, req.orderId, req.photoId).replace(/\.jpg$/, '');
  await Promise.all([
    store.deletePrefix(storagePaths.upload(uid, req.orderId, req.photoId)),
    store.deletePrefix(cropPrefix),
  ]);
  const batch = db().batch();
  batch.delete(ref);
  batch.delete(qcSignalsOf(req.orderId).doc(req.photoId));
  batch.delete(uploadIntentRef(req.orderId, req.photoId));
  await batch.commit();
  await refreshSetQc(req.orderId);
  return { deleted: true };
}
