import { JobDoc, OrderDoc } from '@likeness/core';
import { orderRef } from '../shared/orders.js';
import { emailFor, followUps, type FollowUp } from './follow-ups.js';
import { jobsOf } from './refs.js';

/**
 * The tasks an order's current state still needs, derived from the state alone. A duplicate webhook or
 * a sweep calls this instead of trusting that the first delivery's enqueues went through.
 */
export async function followUpsForOrder(orderId: string, suffix?: string): Promise<FollowUp[]> {
  const snap = await orderRef(orderId).get();
  if (!snap.exists) return [];
  const order = OrderDoc.parse(snap.data());
  if (order.status === 'generating') {
    const queued = await jobsOf(orderId).where('status', '==', 'queued').get();
    return queued.docs.map((d) =>
      followUps.runPrediction(orderId, d.id, JobDoc.parse(d.data()).attempt, suffix),
    );
  }
  return emailFor(orderId, order.status);
}
