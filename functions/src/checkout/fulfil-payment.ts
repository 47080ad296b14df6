import { analyticsEventId, DocId, toCurrencyUnits, type PaymentIssue } from '@likeness/core';
import { FieldValue, Timestamp } from 'firebase-admin/firestore';
import type Stripe from 'stripe';
import { measurementProtocolTarget } from '../analytics/measurement-protocol.js';
import { recordServerEvent, sendAnalyticsFollowUp } from '../analytics/record-event.js';
import { stripeClient } from '../shared/clients.js';
import { followUps } from '../shared/follow-ups.js';
import { transition } from '../shared/orders.js';
import { enqueue } from '../shared/tasks.js';
import { auditMoney, recordOnce, type StripeEventOutcome } from './event-record.js';
import { refundPaymentIssues } from './issue-refunds.js';
import { judgePayment } from './judge-payment.js';
import { idOf } from './orders-by-payment.js';
import { orderLogger } from '../shared/order-log.js';

/**
 * The order a session of ours pays for. createCheckout puts the id in both client_reference_id and
 * metadata; a session without both (a Payment Link, another integration on the same account) is not
 * ours to act on, whatever its client_reference_id says.
 */
export function orderIdOf(session: Stripe.Checkout.Session): string | null {
  const id = session.metadata?.orderId;
  return id && id === session.client_reference_id && DocId.safeParse(id).success ? id : null;
}

/**
 * A completed (or asynchronously succeeded) Checkout Session. Paid or free (a 100 % code), it pays the
 * order only if judgePayment says it fits; otherwise the money is recorded on the order as a payment
 * issue and refunded, since it is not ours to keep.
 */
export async function fulfilPayment(event: Stripe.Event, sessionId: string): Promise<StripeEventOutcome> {
  // The event body is only a snapshot: re-read the session for the authoritative payment state.
  const session = await stripeClient().checkout.sessions.retrieve(sessionId);
  const orderId = orderIdOf(session);
  const paymentIntent = idOf(session.payment_intent);
  const base = {
    type: event.type,
    orderId,
    sessionId,
    details: {
      paymentStatus: session.payment_status,
      amountSubtotal: session.amount_subtotal,
      amountTotal: session.amount_total,
      currency: session.currency,
      paymentIntent,
    },
  };
  if (!orderId) {
    orderLogger(null, 'payment').warn('stripeWebhook: a session that is not ours', {
      eventId: event.id,
      sessionId,
    });
    return (await recordOnce(event, { ...base, outcome: 'foreign-session' })).outcome;
  }
  if (session.payment_status === 'unpaid') {
    // Delayed methods (bank debits) complete unpaid; async_payment_succeeded follows.
    return (await recordOnce(event, { ...base, outcome: 'not-paid' })).outcome;
  }

  const { outcome, status } = await recordOnce(
    event,
    { ...base, outcome: 'paid' },
    async (tx, order, ref) => {
      const verdict = judgePayment(session, order);
      if (verdict.kind === 'already-paid') return 'already-paid';
      if (verdict.kind === 'issue') {
        const issue: PaymentIssue = {
          code: verdict.code,
          message: verdict.message,
          sessionId,
          paymentIntent,
          amount: session.amount_total,
          currency: session.currency,
          refundId: null,
          // serverTimestamp() cannot sit inside an array element.
          at: Timestamp.now(),
        };
        await auditMoney(tx, event, orderId, {
          action: 'payment.issue',
          before: { status: order.status },
          after: { code: issue.code, sessionId, amount: issue.amount, currency: issue.currency },
        });
        tx.update(ref, {
          paymentIssues: FieldValue.arrayUnion(issue),
          updatedAt: FieldValue.serverTimestamp(),
        });
        orderLogger(orderId, 'payment').error('stripeWebhook: a payment that does not fit its order', {
          sessionId,
          ...verdict,
        });
        return 'payment-issue';
      }
      await auditMoney(tx, event, orderId, {
        action: 'payment.paid',
        before: { status: order.status },
        after: { status: 'paid', sessionId, amount: session.amount_total, currency: session.currency },
      });
      transition(tx, ref, order, 'paid', {
        payment: {
          sessionId,
          amountTotal: session.amount_total,
          currency: session.currency,
          discountCode: session.metadata?.discountCode ?? null,
          paymentIntent,
          paidAt: FieldValue.serverTimestamp(),
        },
      });
      // GA4's purchase, recorded with the payment so that it exists once; a task sends it.
      const currency = session.currency ?? 'usd';
      recordServerEvent(tx, orderId, order, 'purchase', {
        transaction_id: orderId,
        value: toCurrencyUnits(session.amount_total ?? 0, currency),
        currency,
        plan_id: order.planId,
      });
      return 'paid';
    },
  );
  if (outcome === 'unknown-order')
    orderLogger(orderId, 'payment').error('stripeWebhook: payment for an unknown order', {
      eventId: event.id,
    });

  // Also on replays: a previous delivery may have committed and then died before these. Task ids and
  // refund idempotency keys make a second run of each a no-op.
  if (outcome === 'payment-issue' || outcome === 'replay') await refundPaymentIssues(orderId);
  const nowPaid =
    outcome === 'paid' || (status === 'paid' && (outcome === 'replay' || outcome === 'already-paid'));
  if (nowPaid) await enqueue(followUps.startTraining(orderId));
  // The task id is the purchase's, so a replay enqueues nothing new and the sender sends once.
  if (nowPaid && measurementProtocolTarget())
    await enqueue(sendAnalyticsFollowUp(analyticsEventId(orderId, 'purchase')));
  return outcome;
}
