import { COLLECTIONS, OrderDoc, TURNAROUND_DOC, TURNAROUND_WINDOW, turnaroundOf } from '@likeness/core';
import type { DeliveredOrderTimes } from '@likeness/core';
import { FieldValue } from 'firebase-admin/firestore';
import { ordersCol } from '../shared/db.js';
import { db } from '../shared/firebase.js';
import { runTransaction } from '../shared/transaction.js';

export const turnaroundRef = () => db().collection(COLLECTIONS.publicStats).doc(TURNAROUND_DOC);

/** The stage stamps of a delivered order, or null when one is missing. */
function timesOf(data: unknown): DeliveredOrderTimes | null {
  const statusAt = OrderDoc.shape.statusAt.safeParse((data as { statusAt?: unknown }).statusAt);
  const at = statusAt.success ? statusAt.data : undefined;
  if (!at?.paid || !at.training || !at.generating || !at.delivered) return null;
  return {
    paidMs: at.paid.toMillis(),
    trainingMs: at.training.toMillis(),
    generatingMs: at.generating.toMillis(),
    deliveredMs: at.delivered.toMillis(),
  };
}

/**
 * Recomputes the published turnaround from the newest deliveries. It is a pure function of the
 * orders, so a trigger that runs twice writes the same figures; the transaction keeps two
 * deliveries landing together from publishing the older view last. No delivery in the window:
 * the document goes, and the site stops quoting a time.
 */
export async function refreshTurnaround(nowMs = Date.now()): Promise<'published' | 'withdrawn'> {
  const newest = ordersCol().orderBy('statusAt.delivered', 'desc').limit(TURNAROUND_WINDOW.orders);
  return runTransaction(async (tx) => {
    const snap = await tx.get(newest);
    const stats = turnaroundOf(
      snap.docs.map((d) => timesOf(d.data())).filter((t) => t !== null),
      nowMs,
    );
    if (!stats) {
      tx.delete(turnaroundRef());
      return 'withdrawn';
    }
    tx.set(turnaroundRef(), { ...stats, updatedAt: FieldValue.serverTimestamp() });
    return 'published';
  });
}
