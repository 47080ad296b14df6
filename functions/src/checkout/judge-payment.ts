import { orderCurrency, PAID_STATUSES, PLANS, type OrderDoc, type PaymentIssue } from '@likeness/core';
import type Stripe from 'stripe';

export type PaymentVerdict =
  | { kind: 'pay' }
  /** The payment the order already records (another event about the same session). */
  | { kind: 'already-paid' }
  | { kind: 'issue'; code: PaymentIssue['code']; message: string };

export type SessionFacts = Pick<Stripe.Checkout.Session, 'id' | 'metadata' | 'amount_subtotal' | 'currency'>;

const money = (cents: number | null, currency: string | null) =>
  cents === null ? 'an unknown amount' : `${(cents / 100).toFixed(2)} ${(currency ?? '').toUpperCase()}`;

/**
 * Whether a completed, paid session pays for this order: it must be the session recorded on the
 * order (createCheckout records it before the customer sees the page), made for the order's owner
 * and plan, at the plan's price in the order's currency before discounts (the same plan at its price in
 * another currency is not it), while the order waits for payment. Pure, so each
 * way a payment can fail to fit is unit-tested.
 */
export function judgePayment(
  session: SessionFacts,
  order: Pick<OrderDoc, 'status' | 'uid' | 'planId' | 'checkout' | 'payment' | 'currency'>,
): PaymentVerdict {
  if (order.payment?.sessionId === session.id) return { kind: 'already-paid' };
  if (PAID_STATUSES.includes(order.status)) {
    return {
      kind: 'issue',
      code: 'second_payment',
      message: 'The order was already paid by another checkout.',
    };
  }
  if (order.checkout?.sessionId !== session.id) {
    return {
      kind: 'issue',
      code: 'not_this_orders_session',
      message: "The payment came from a checkout that is not the order's open one.",
    };
  }
  const meta = session.metadata ?? {};
  if (meta.uid !== order.uid || meta.planId !== order.planId) {
    return {
      kind: 'issue',
      code: 'plan_mismatch',
      message: `The checkout was for the ${meta.planId ?? 'unknown'} plan; the order is ${order.planId}.`,
    };
  }
  const plan = PLANS[order.planId];
  const currency = orderCurrency(order);
  const price = plan.prices[currency];
  if (session.amount_subtotal !== price || session.currency !== currency) {
    return {
      kind: 'issue',
      code: 'amount_mismatch',
      message: `The checkout charged ${money(session.amount_subtotal, session.currency)} before discounts; the ${plan.name} plan costs ${money(price, currency)}.`,
    };
  }
  if (order.status !== 'ready') {
    return {
      kind: 'issue',
      code: 'not_payable',
      message: `The order was "${order.status}", not ready for checkout, when the payment arrived.`,
    };
  }
  return { kind: 'pay' };
}
