import { FieldValue } from 'firebase-admin/firestore';
import type Stripe from 'stripe';
import { recordDispute } from './dispute-events.js';
import { recordOnce, type StripeEventOutcome } from './event-record.js';
import { fulfilPayment, orderIdOf } from './fulfil-payment.js';
import { recordRefund } from './refund-events.js';
import { orderLogger } from '../shared/order-log.js';

/** An expired or failed session frees the order to create a new one. */
async function releaseCheckout(
  event: Stripe.Event,
  session: Stripe.Checkout.Session,
): Promise<StripeEventOutcome> {
  const orderId = orderIdOf(session);
  const base = { type: event.type, orderId, sessionId: session.id };
  if (!orderId) return (await recordOnce(event, { ...base, outcome: 'unknown-order' })).outcome;
  const { outcome } = await recordOnce(
    event,
    { ...base, outcome: 'checkout-kept' },
    async (tx, order, ref) => {
      // Only the session the order points at: expiry of an older one must not drop a newer one.
      if (order.checkout?.sessionId !== session.id) return 'checkout-kept';
      tx.update(ref, { checkout: FieldValue.delete(), updatedAt: FieldValue.serverTimestamp() });
      return 'checkout-cleared';
    },
  );
  if (outcome === 'unknown-order')
    orderLogger(orderId, 'payment').error('stripeWebhook: event for an unknown order', { eventId: event.id });
  return outcome;
}

/** The Stripe events the product acts on; every other verified event is recorded and ignored. */
export async function handleStripeEvent(event: Stripe.Event): Promise<StripeEventOutcome> {
  switch (event.type) {
    case 'checkout.session.completed':
    case 'checkout.session.async_payment_succeeded':
      return fulfilPayment(event, event.data.object.id);
    case 'checkout.session.expired':
    case 'checkout.session.async_payment_failed':
      return releaseCheckout(event, event.data.object);
    case 'charge.refunded':
      return recordRefund(event, event.data.object.id);
    case 'charge.dispute.created':
    case 'charge.dispute.updated':
    case 'charge.dispute.closed':
      return recordDispute(event, event.data.object);
    default:
      return (
        await recordOnce(event, { type: event.type, orderId: null, sessionId: null, outcome: 'ignored' })
      ).outcome;
  }
}
