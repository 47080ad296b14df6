import { JobDoc, OrderDoc } from '@likeness/core';
import { jobsOf, orderRef } from '../shared/db.js';
import { followUps } from '../shared/follow-ups.js';
import type { FollowUp } from '../shared/tasks.js';

/**
 * The tasks an order's current state still needs, derived from the state alone. A duplicate webhook or
 * a sweep calls this instead of trusting that the first delivery's enqueues went through.
 */
export async function followUpsForOrder(orderId: string, suffix?: string): Promise<FollowUp[]> {
  const snap = await orderRef(orderId).get();
  if (!snap.exists) return [];
  const order = OrderDoc.parse(snap.data());
  if (order.status !== 'generating') return [];
  const queued = await jobsOf(orderId).where('status', '==', 'queued').get();
  return queued.docs.map((d) =>
    followUps.runPrediction(orderId, d.id, JobDoc.parse(d.data()).attempt, suffix),
  );
}
