import { OrderDoc } from '@likeness/core';
import { FieldValue, type DocumentReference, type Transaction } from 'firebase-admin/firestore';
import { orderRef } from '../shared/db.js';
import { transition } from '../shared/orders.js';
import { settlement } from './plan.js';
import { runTransaction } from '../shared/transaction.js';

/**
 * Adds a job's finished or failed images to the order's counters inside the transaction that
 * settles the job. Increments are blind writes: the jobs of one order finish at the same time, and
 * reading the order in each of their transactions would make them queue up behind each other.
 */
export function countImages(
  tx: Transaction,
  ref: DocumentReference,
  delta: { done: number; failed: number; blocked?: number; redoing?: number; weakKept?: number },
): void {
  const optional = (field: string, n: number | undefined) =>
    n ? { [`images.${field}`]: FieldValue.increment(n) } : {};
  tx.update(ref, {
    'images.done': FieldValue.increment(delta.done),
    'images.failed': FieldValue.increment(delta.failed),
    ...optional('blocked', delta.blocked),
    ...optional('redoing', delta.redoing),
    ...optional('weakKept', delta.weakKept),
    ...(delta.redoing ? { 'redos.auto': FieldValue.increment(delta.redoing) } : {}),
    updatedAt: FieldValue.serverTimestamp(),
  });
}

/**
 * Moves a generating order to delivered (or failed when no image exists) once every planned image is
 * done or failed for good. Safe to call any number of times, from any job: it decides from the
 * counters alone. The email the final status owes follows from the status change (email/index.ts).
 */
export async function settleOrder(orderId: string): Promise<void> {
  const ref = orderRef(orderId);
  await runTransaction(async (tx) => {
    const snap = await tx.get(ref);
    if (!snap.exists) return;
    const order = OrderDoc.parse(snap.data());
    if (order.status !== 'generating') return;
    const to = order.images ? settlement(order.images) : null;
    if (!to) return;
    const fields: Record<string, unknown> = {};
    if (to === 'failed') {
      fields.error = {
        code: 'generation_failed',
        message: 'None of the headshots could be generated; every attempt on the GPU failed.',
        at: FieldValue.serverTimestamp(),
      };
    }
    transition(tx, ref, order, to, fields);
  });
}
