import { OrderDoc, storagePaths, type ErasureScope } from '@likeness/core';
import { FieldValue } from 'firebase-admin/firestore';
import { emailFor } from '../email/registry.js';
import { cancelProviderWork } from '../generation/stop-work.js';
import { blobStore } from '../shared/blob.js';
import { stripeClient } from '../shared/clients.js';
import { mailOfOrder, orderRef } from '../shared/db.js';
import { db } from '../shared/firebase.js';
import { readPipelineState } from '../shared/pipeline-state.js';
import { enqueue } from '../shared/tasks.js';
import {
  PERSONAL_ORDER_FIELDS,
  RECORD_COLLECTIONS,
  STORAGE_FOLDERS,
  stepsLeft,
  type ErasureStep,
} from './erasure-steps.js';
import { deleteProviderVersion } from './provider-model.js';
import { orderLogger } from '../shared/order-log.js';

export type EraseOutcome = 'erased' | 'already-erased' | 'no-erasure' | 'no-order';

const FINISHED_TRAINING = ['succeeded', 'failed', 'canceled', 'aborted'];

type Removed = Record<string, number>;

/** Runs one step; returns counts of what it removed. Each step is safe to run again. */
async function runStep(
  step: ErasureStep,
  orderId: string,
  order: OrderDoc,
  scope: ErasureScope,
): Promise<Removed> {
  switch (step) {
    case 'stop-work': {
      const trainingId =
        order.training && !FINISHED_TRAINING.includes(order.training.status) ? order.training.id : undefined;
      const cancelled = await cancelProviderWork(orderId, trainingId);
      // An open checkout could still be paid for an order that no longer exists.
      if (order.checkout) {
        const stripe = stripeClient();
        const session = await stripe.checkout.sessions.retrieve(order.checkout.sessionId);
        if (session.status === 'open') await stripe.checkout.sessions.expire(order.checkout.sessionId);
      }
      return { cancelled };
    }
    case 'provider-model': {
      const { replicateVersion } = await readPipelineState(orderId);
      if (!replicateVersion) return {};
      await deleteProviderVersion(replicateVersion, orderId);
      return { models: 1 };
    }
    case 'storage': {
      const prefix = storagePaths.order(order.uid, orderId);
      const folders = STORAGE_FOLDERS[scope];
      const store = blobStore();
      const counts = await Promise.all(
        folders === 'all' ? [store.deletePrefix(prefix)] : folders.map((f) => store.deletePrefix(prefix + f)),
      );
      return { files: counts.reduce((a, b) => a + b, 0) };
    }
    case 'records': {
      const ref = orderRef(orderId);
      const removed: Removed = {};
      for (const name of RECORD_COLLECTIONS[scope]) {
        const col = ref.collection(name);
        const n = (await col.count().get()).data().count;
        if (name === 'photos' || name === 'images') removed[name] = n;
        await db().recursiveDelete(col);
      }
      // Mail records hold the customer's address; the receipt that follows makes a new one.
      if (scope === 'everything')
        await Promise.all((await mailOfOrder(orderId).get()).docs.map((d) => d.ref.delete()));
      return removed;
    }
    case 'finish':
      return {};
  }
}

/**
 * The one deletion routine, for every path (the customer's order or account deletion, the
 * retention purge): runs the steps the order's `erasure` has not finished, recording each as done
 * in the same write as its counts, so a crash or a provider outage resumes where it stopped.
 * `sendReceipt` is false when the account deletion sends one receipt for everything.
 */
export async function eraseOrderData(orderId: string, { sendReceipt = true } = {}): Promise<EraseOutcome> {
  const ref = orderRef(orderId);
  const snap = await ref.get();
  if (!snap.exists) return 'no-order';
  const order = OrderDoc.parse(snap.data());
  const erasure = order.erasure;
  if (!erasure) return 'no-erasure';
  if (erasure.state === 'deleted') return 'already-erased';

  for (const step of stepsLeft(erasure.done)) {
    if (step === 'finish') break;
    const removed = await runStep(step, orderId, order, erasure.scope);
    await ref.update({
      'erasure.done': FieldValue.arrayUnion(step),
      ...Object.fromEntries(Object.entries(removed).map(([k, n]) => [`erasure.removed.${k}`, n])),
    });
    orderLogger(orderId, 'erasure').info('Erasure step done', { step, scope: erasure.scope, ...removed });
  }

  const everything = erasure.scope === 'everything';
  await ref.update({
    'erasure.done': FieldValue.arrayUnion('finish'),
    'erasure.state': 'deleted',
    'erasure.lastError': null,
    'erasure.finishedAt': FieldValue.serverTimestamp(),
    updatedAt: FieldValue.serverTimestamp(),
    ...(everything
      ? {
          ...Object.fromEntries(PERSONAL_ORDER_FIELDS.map((f) => [f, FieldValue.delete()])),
          // Who the photos showed is personal too; the field stays for the document's shape.
          subjectClass: 'person',
        }
      : { 'retention.trainingDataErasedAt': FieldValue.serverTimestamp() }),
  });
  if (sendReceipt) {
    if (erasure.reason === 'customer') await enqueue(emailFor('order-deleted', orderId));
    if (erasure.reason === 'retention' && !everything)
      await enqueue(emailFor('training-data-deleted', orderId));
  }
  return 'erased';
}

/**
 * Records a failed run on the order. After the queue's last attempt the erasure is `stuck`: the
 * operator console lists it, and the daily purge enqueues it again.
 */
export async function recordErasureFailure(
  orderId: string,
  error: unknown,
  lastAttempt: boolean,
): Promise<void> {
  await orderRef(orderId).update({
    'erasure.attempts': FieldValue.increment(1),
    'erasure.lastError': String(error).slice(0, 500),
    ...(lastAttempt ? { 'erasure.state': 'stuck' } : {}),
  });
}
