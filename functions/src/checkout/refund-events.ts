import { analyticsEventId, toCurrencyUnits } from '@likeness/core';
import { FieldValue } from 'firebase-admin/firestore';
import type Stripe from 'stripe';
import { cancelProviderWork } from '../generation/stop-work.js';
import { measurementProtocolTarget } from '../analytics/measurement-protocol.js';
import { recordServerEvent, sendAnalyticsFollowUp } from '../analytics/record-event.js';
import { stripeClient } from '../shared/clients.js';
import { enqueue } from '../shared/tasks.js';
import { transition } from '../shared/orders.js';
import { auditMoney, recordOnce, type StripeEventOutcome } from './event-record.js';
import { idOf, orderIdPaidBy } from './orders-by-payment.js';
import { orderLogger } from '../shared/order-log.js';

/** Statuses a full refund ends: the work stops and the gallery closes. */
const REFUNDABLE = ['paid', 'training', 'generating', 'delivered', 'failed'] as const;

/**
 * `charge.refunded`: a refund of the order's own payment (from the Stripe dashboard, an operator
 * action or the guarantee). A full refund moves the order to `refunded`, which cancels its GPU work,
 * closes its gallery and owes the customer an email; a partial one is recorded.
 */
export async function recordRefund(event: Stripe.Event, chargeId: string): Promise<StripeEventOutcome> {
  // The event body is only a snapshot: re-read the charge for what is refunded now.
  const charge = await stripeClient().charges.retrieve(chargeId, { expand: ['refunds'] });
  const paymentIntent = idOf(charge.payment_intent);
  const orderId = await orderIdPaidBy(paymentIntent);
  const full = charge.refunded || charge.amount_refunded >= charge.amount;
  const base = {
    type: event.type,
    orderId,
    sessionId: null,
    details: { chargeId, paymentIntent, amountRefunded: charge.amount_refunded, amount: charge.amount, full },
  };
  // Refunds of a payment issue (a second payment) belong to no order's payment: recorded only.
  if (!orderId) return (await recordOnce(event, { ...base, outcome: 'not-an-order-payment' })).outcome;

  let trainingId: string | undefined;
  const { outcome } = await recordOnce(
    event,
    { ...base, outcome: 'refund-recorded' },
    async (tx, order, ref) => {
      const refund = {
        amountRefunded: charge.amount_refunded,
        currency: charge.currency,
        full,
        reason: charge.refunds?.data[0]?.reason ?? null,
        at: FieldValue.serverTimestamp(),
      };
      const ends = full && (REFUNDABLE as readonly string[]).includes(order.status);
      await auditMoney(tx, event, orderId, {
        action: full ? 'refund.full' : 'refund.partial',
        before: { status: order.status, amountRefunded: order.refund?.amountRefunded ?? 0 },
        after: { status: ends ? 'refunded' : order.status, amountRefunded: charge.amount_refunded, chargeId },
      });
      // GA4's refund of what this event added, once per refunded total (the record's id carries it).
      const added = charge.amount_refunded - (order.refund?.amountRefunded ?? 0);
      if (added > 0)
        recordServerEvent(
          tx,
          orderId,
          order,
          'refund',
          {
            transaction_id: orderId,
            value: toCurrencyUnits(added, charge.currency),
            currency: charge.currency,
          },
          String(charge.amount_refunded),
        );
      if (!ends) {
        tx.update(ref, { refund, updatedAt: FieldValue.serverTimestamp() });
        return 'refund-recorded';
      }
      if (order.status === 'training') trainingId = order.training?.id;
      transition(tx, ref, order, 'refunded', { refund });
      return 'refunded';
    },
  );
  if (measurementProtocolTarget() && ['refunded', 'refund-recorded', 'replay'].includes(outcome))
    await enqueue(sendAnalyticsFollowUp(analyticsEventId(orderId, 'refund', String(charge.amount_refunded))));
  if (outcome === 'refunded') {
    const cancelled = await cancelProviderWork(orderId, trainingId);
    orderLogger(orderId, 'refund').info('Order refunded', {
      amountRefunded: charge.amount_refunded,
      cancelled,
    });
  }
  return outcome;
}
