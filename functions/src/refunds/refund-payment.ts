import { HttpsError } from 'firebase-functions/v2/https';
import type Stripe from 'stripe';
import { stripeClient } from '../shared/clients.js';
import { refundRefusal } from './refund-plan.js';

/** A refund of an order's payment, with the payment's refunded total around it (cents). */
export interface PaymentRefund {
  refundId: string;
  amount: number;
  currency: string;
  /** Refunded of the payment before and after this refund, as Stripe reported it just before. */
  refundedBefore: number;
  refundedAfter: number;
  /** True when a refund under this key existed already: nothing new was refunded. */
  repeated: boolean;
}

/** The charge of a PaymentIntent, as Stripe has it now. */
async function chargeOf(paymentIntent: string): Promise<Stripe.Charge> {
  const pi = await stripeClient().paymentIntents.retrieve(paymentIntent, { expand: ['latest_charge'] });
  const charge = pi.latest_charge;
  if (!charge || typeof charge === 'string') {
    throw new HttpsError('failed-precondition', 'The payment has no successful charge to refund.');
  }
  return charge;
}

/** The refund made earlier under this key, if any (Stripe keeps our key in the refund's metadata). */
async function refundUnderKey(paymentIntent: string, requestKey: string): Promise<Stripe.Refund | null> {
  const refunds = await stripeClient().refunds.list({ payment_intent: paymentIntent, limit: 100 });
  return refunds.data.find((r) => r.metadata?.requestKey === requestKey) ?? null;
}

/** Stripe's refusals (a disputed charge, an amount over what is left after a race) in words. */
function stripeRefusal(e: unknown): HttpsError | null {
  const type = (e as { type?: unknown }).type;
  const message = e instanceof Error ? e.message : String(e);
  if (type === 'StripeInvalidRequestError') {
    return new HttpsError('failed-precondition', `Stripe refused the refund: ${message}`);
  }
  if (type === 'StripeIdempotencyError') {
    return new HttpsError(
      'failed-precondition',
      'This request was already used for another refund; start again.',
    );
  }
  return null;
}

/**
 * Refunds the order's own payment (all that is left when `amount` is omitted) under `requestKey`,
 * which is both Stripe's idempotency key and the refund's metadata: the same key refunds once,
 * whether the calls overlap (Stripe replays) or follow each other (found in the payment's refunds).
 * The order's status follows from Stripe's `charge.refunded` webhook, not from here.
 */
export async function refundOrderPayment(p: {
  orderId: string;
  paymentIntent: string;
  amount: number | undefined;
  requestKey: string;
  /** Who asked (operator email or uid, or a system name), for the Stripe dashboard. */
  by: string;
}): Promise<PaymentRefund> {
  // Read the charge before looking for an earlier refund, so a refund made by an overlapping call in
  // between is found rather than mistaken for someone else's.
  const charge = await chargeOf(p.paymentIntent);
  const earlier = await refundUnderKey(p.paymentIntent, p.requestKey);
  if (earlier) {
    return {
      refundId: earlier.id,
      amount: earlier.amount,
      currency: earlier.currency,
      refundedBefore: charge.amount_refunded - earlier.amount,
      refundedAfter: charge.amount_refunded,
      repeated: true,
    };
  }
  const refusal = refundRefusal({
    requested: p.amount,
    charged: charge.amount,
    refunded: charge.amount_refunded,
    currency: charge.currency,
  });
  if (refusal) throw new HttpsError('failed-precondition', refusal);

  let refund: Stripe.Response<Stripe.Refund>;
  try {
    refund = await stripeClient().refunds.create(
      {
        payment_intent: p.paymentIntent,
        // Omitted for a full refund, so that overlapping calls send identical parameters.
        ...(p.amount !== undefined ? { amount: p.amount } : {}),
        reason: 'requested_by_customer',
        metadata: { orderId: p.orderId, by: p.by, requestKey: p.requestKey },
      },
      { idempotencyKey: p.requestKey },
    );
  } catch (e) {
    throw stripeRefusal(e) ?? e;
  }
  return {
    refundId: refund.id,
    amount: refund.amount,
    currency: refund.currency,
    refundedBefore: charge.amount_refunded,
    refundedAfter: charge.amount_refunded + refund.amount,
    repeated: refund.lastResponse.headers['idempotent-replayed'] === 'true',
  };
}
