import { BASE_CURRENCY, type Currency, type PlanId } from '@likeness/core';
import type Stripe from 'stripe';

/**
 * The Checkout Session we create for an order, as plain data so it can be checked without Stripe.
 * The order id travels twice (client_reference_id and metadata) because the webhook must find the
 * order from the session alone; the plan and code in metadata tell whether an open session still
 * matches what the customer is asking for.
 */
export interface CheckoutInput {
  orderId: string;
  uid: string;
  planId: PlanId;
  /** The plan's Stripe Price (planPriceId: found by the plan's lookup key). */
  priceId: string;
  /**
   * The order's currency: Stripe charges the price's `currency_options` entry for it (the base
   * currency when absent). Always sent, so Stripe never picks another one for the customer.
   */
  currency?: Currency | undefined;
  webUrl: string;
  email?: string | undefined;
  /**
   * `customer`: the Stripe Customer a promotion code is restricted to (win-back codes); Stripe
   * redeems such a code only in a session created for that customer, so it replaces the email.
   */
  discount?: { code: string; promotionCodeId: string; customer?: string | undefined } | undefined;
}

export function checkoutSessionParams(input: CheckoutInput): Stripe.Checkout.SessionCreateParams {
  const orderUrl = `${input.webUrl.replace(/\/$/, '')}/orders/${encodeURIComponent(input.orderId)}`;
  return {
    mode: 'payment',
    line_items: [{ price: input.priceId, quantity: 1 }],
    currency: input.currency ?? BASE_CURRENCY,
    client_reference_id: input.orderId,
    metadata: {
      orderId: input.orderId,
      uid: input.uid,
      planId: input.planId,
      ...(input.discount ? { discountCode: input.discount.code } : {}),
    },
    // Stripe replaces {CHECKOUT_SESSION_ID} itself; it must reach Stripe unencoded.
    success_url: `${orderUrl}?checkout=success&session_id={CHECKOUT_SESSION_ID}`,
    cancel_url: `${orderUrl}?checkout=cancel`,
    ...(input.discount?.customer
      ? { customer: input.discount.customer }
      : input.email
        ? { customer_email: input.email }
        : {}),
    ...(input.discount ? { discounts: [{ promotion_code: input.discount.promotionCodeId }] } : {}),
  };
}

/** Does an open session still sell what the customer is asking for now (plan, code, currency)? */
export function sessionMatches(
  session: Pick<Stripe.Checkout.Session, 'metadata' | 'currency'>,
  want: { planId: PlanId; discountCode?: string | undefined; currency?: Currency | undefined },
): boolean {
  const meta = session.metadata ?? {};
  return (
    meta.planId === want.planId &&
    (meta.discountCode ?? '') === (want.discountCode ?? '') &&
    session.currency === (want.currency ?? BASE_CURRENCY)
  );
}

/**
 * Same order, plan and code → same key → Stripe returns the same session to a double click or a
 * retried call. `after` moves on to a fresh key once the session of the previous key has expired
 * (Stripe remembers a key for 24 hours and would hand back the dead session).
 */
export function checkoutIdempotencyKey(
  orderId: string,
  planId: PlanId,
  discountCode: string | undefined,
  after?: string,
): string {
  const base = `checkout:${orderId}:${planId}:${discountCode ?? '-'}`;
  return after ? `${base}:after:${after}` : base;
}
