import { FieldValue } from 'firebase-admin/firestore';
import type Stripe from 'stripe';
import { followUpsForOrder } from '../generation/resume.js';
import { cancelProviderWork } from '../generation/stop-work.js';
import { followUps } from '../shared/follow-ups.js';
import { transition } from '../shared/orders.js';
import { enqueueAll } from '../shared/tasks.js';
import { auditMoney, recordOnce, type StripeEventOutcome } from './event-record.js';
import { idOf, orderIdPaidBy } from './orders-by-payment.js';
import { orderLogger } from '../shared/order-log.js';

const CLOSED: readonly string[] = ['won', 'lost', 'warning_closed'];

/**
 * `charge.dispute.*` on the order's payment. While a dispute is open the order is flagged for the
 * operator and its GPU work waits (startTraining and runPrediction check the flag). Won: the work
 * resumes. Lost: the money went back to the cardholder, so the order ends as refunded.
 */
export async function recordDispute(
  event: Stripe.Event,
  dispute: Stripe.Dispute,
): Promise<StripeEventOutcome> {
  const paymentIntent = idOf(dispute.payment_intent);
  const orderId = await orderIdPaidBy(paymentIntent);
  const open = !CLOSED.includes(dispute.status);
  const base = {
    type: event.type,
    orderId,
    sessionId: null,
    details: {
      disputeId: dispute.id,
      status: dispute.status,
      reason: dispute.reason,
      amount: dispute.amount,
    },
  };
  if (!orderId) return (await recordOnce(event, { ...base, outcome: 'not-an-order-payment' })).outcome;

  let trainingId: string | undefined;
  const { outcome } = await recordOnce(
    event,
    { ...base, outcome: 'dispute-recorded' },
    async (tx, order, ref) => {
      const fields = {
        dispute: {
          id: dispute.id,
          status: dispute.status,
          reason: dispute.reason ?? null,
          amount: dispute.amount,
          currency: dispute.currency,
          open,
          at: FieldValue.serverTimestamp(),
        },
      };
      const ends = dispute.status === 'lost' && order.status !== 'refunded' && order.status !== 'deleted';
      await auditMoney(tx, event, orderId, {
        action: `dispute.${dispute.status}`,
        before: { status: order.status, dispute: order.dispute?.status ?? null },
        after: { status: ends ? 'refunded' : order.status, dispute: dispute.status, amount: dispute.amount },
      });
      if (ends) {
        if (order.status === 'training') trainingId = order.training?.id;
        transition(tx, ref, order, 'refunded', fields);
        return 'refunded';
      }
      tx.update(ref, { ...fields, updatedAt: FieldValue.serverTimestamp() });
      return 'dispute-recorded';
    },
  );
  if (outcome === 'refunded') await cancelProviderWork(orderId, trainingId);
  if (outcome === 'dispute-recorded' && !open) {
    // Won (or closed with a warning): pick the work up where it waited.
    const suffix = `dispute-${dispute.id}`;
    await enqueueAll([
      followUps.startTraining(orderId, suffix),
      ...(await followUpsForOrder(orderId, suffix)),
    ]);
  }
  orderLogger(orderId, 'dispute').warn('Dispute on an order payment', {
    dispute: dispute.id,
    status: dispute.status,
    outcome,
  });
  return outcome;
}
