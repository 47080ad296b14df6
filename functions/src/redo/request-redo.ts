import {
  buildPrompt,
  customerRedoImageId,
  customerRedoJobId,
  ImageDoc,
  OrderDoc,
  redoRefusal,
  redosLeft,
  slotOf,
  type CallableRequest,
  type CallableResponse,
  type JobDoc,
} from '@likeness/core';
import { FieldValue } from 'firebase-admin/firestore';
import { HttpsError } from 'firebase-functions/v2/https';
import { seedFor } from '../generation/seed.js';
import type { Caller } from '../shared/callable.js';
import { config } from '../shared/config.js';
import { imageRef, jobRef, orderRef } from '../shared/db.js';
import { followUps } from '../shared/follow-ups.js';
import { orderLogger } from '../shared/order-log.js';
import { enqueueAll } from '../shared/tasks.js';
import { runTransaction } from '../shared/transaction.js';

/**
 * redoHeadshot: one new image for one headshot, with the customer's own model, the same style and a
 * new seed. The allowance is taken, the redo job created and the image marked pending in one
 * transaction, so a double click finds the image pending and is refused, and the job id (the n-th
 * request of the order) never repeats. The prediction runs through the same tasks as generation.
 */
export async function redoHeadshotFor(
  req: CallableRequest<'redoHeadshot'>,
  caller: Caller,
): Promise<CallableResponse<'redoHeadshot'>> {
  const { orderId, imageId } = req;
  const oRef = orderRef(orderId);
  const iRef = imageRef(orderId, imageId);
  const started = await runTransaction(async (tx) => {
    const [orderSnap, imageSnap] = await tx.getAll(oRef, iRef);
    if (!orderSnap!.exists) throw new HttpsError('not-found', 'No such order.');
    const order = OrderDoc.parse(orderSnap!.data());
    const image = imageSnap!.exists ? ImageDoc.parse(imageSnap!.data()) : null;
    const refusal = redoRefusal(order, image, caller.uid);
    if (refusal) throw new HttpsError(refusal.code, refusal.message);

    const n = (order.redos?.requested ?? 0) + 1;
    const slot = slotOf(image!, imageId);
    const jobId = customerRedoJobId(slot, n);
    const now = FieldValue.serverTimestamp();
    const job: Omit<JobDoc, 'createdAt' | 'updatedAt'> = {
      orderId,
      styleId: image!.styleId,
      batch: 0,
      prompt: buildPrompt(image!.styleId, order.subjectClass),
      numOutputs: 1,
      seed: seedFor(orderId, jobId),
      status: 'queued',
      attempt: 1,
      maxAttempts: config().MAX_PREDICTION_ATTEMPTS,
      predictionId: null,
      error: null,
      ingested: false,
      redo: {
        kind: 'customer',
        slot: { imageId: slot, jobId: image!.jobId, index: image!.index },
        replaces: imageId,
        imageId: customerRedoImageId(slot, n),
      },
    };
    tx.create(jobRef(orderId, jobId), { ...job, createdAt: now, updatedAt: now });
    tx.update(iRef, { redo: { jobId, kind: 'customer', at: now }, redoFailed: null });
    tx.update(oRef, { 'redos.requested': FieldValue.increment(1), updatedAt: now });
    const after = { ...order, redos: { ...order.redos, requested: n } };
    return { jobId, redosLeft: redosLeft(after) };
  });
  // A lost enqueue leaves the job queued; the stuck-work sweep enqueues it again.
  await enqueueAll([followUps.runPrediction(orderId, started.jobId, 1)]);
  orderLogger(orderId, 'redo').info('Headshot redo requested', { imageId, ...started });
  return started;
}
