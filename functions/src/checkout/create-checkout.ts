import {
  MAX_DISCOUNT_ATTEMPTS,
  orderCurrency,
  orderGate,
  type CallableRequest,
  type CallableResponse,
  type OrderDoc,
} from '@likeness/core';
import { FieldValue } from 'firebase-admin/firestore';
import { HttpsError } from 'firebase-functions/v2/https';
import type Stripe from 'stripe';
import type { Caller } from '../shared/callable.js';
import { stripeClient } from '../shared/clients.js';
import { config } from '../shared/config.js';
import { orderRef } from '../shared/db.js';
import { orderOfCaller } from '../shared/orders.js';
import { promotionCodeRefusal, stripeCustomerOf } from '../winback/stripe-customer.js';
import { checkoutIdempotencyKey, checkoutSessionParams, sessionMatches } from './checkout-params.js';
import { PlanPriceUnavailable, planPriceId } from './plan-price.js';
import { runTransaction } from '../shared/transaction.js';
import { orderLogger } from '../shared/order-log.js';

/**
 * Each round follows one dead session of the idempotency chain (see checkoutIdempotencyKey); a
 * customer who lets several sessions expire within Stripe's 24-hour key memory walks a few of them.
 */
const MAX_CREATE_ROUNDS = 8;

/** The gate set-level QC wrote is the one the page shows; an order past checkout is already paid. */
function assertPayable(order: OrderDoc): void {
  if (orderGate(order).open) return;
  if (order.status === 'draft' || order.status === 'uploading') {
    throw new HttpsError('failed-precondition', orderGate(order).message);
  }
  throw new HttpsError('failed-precondition', 'This order is already paid.');
}

/** A completed session: paid, or a delayed payment method still settling. */
function alreadyPaying(session: Stripe.Checkout.Session): HttpsError {
  return new HttpsError(
    'failed-precondition',
    session.payment_status === 'paid'
      ? 'Payment for this order was received; the page will update in a moment.'
      : 'Your payment is being processed; this page updates as soon as it clears.',
  );
}

/**
 * The code's promotion id (and the customer it is restricted to); a wrong code, or one restricted
 * to another account, counts against the order's bounded attempts.
 */
async function promotionCodeFor(
  stripe: Stripe,
  orderId: string,
  order: OrderDoc,
  code: string,
  uid: string,
): Promise<{ promotionCodeId: string; customer?: string }> {
  if ((order.discountAttempts ?? 0) >= MAX_DISCOUNT_ATTEMPTS) {
    throw new HttpsError(
      'resource-exhausted',
      'Too many discount codes were tried on this order. Check out without one, or reply to any of our emails.',
    );
  }
  const found = await stripe.promotionCodes.list({ code, active: true, limit: 1 });
  const promo = found.data[0];
  const customer = typeof promo?.customer === 'string' ? promo.customer : promo?.customer?.id;
  if (!promo || (customer && customer !== (await stripeCustomerOf(uid)))) {
    await orderRef(orderId).update({ discountAttempts: FieldValue.increment(1) });
    throw new HttpsError('invalid-argument', "That discount code isn't valid.");
  }
  const refusal = promotionCodeRefusal(promo, Date.now());
  if (refusal) throw new HttpsError('failed-precondition', refusal);
  return { promotionCodeId: promo.id, ...(customer ? { customer } : {}) };
}

/**
 * The plan's Stripe Price. Missing or wrong is the operator's to fix (the sync was not run against
 * this account); the customer only learns that checkout is unavailable for now.
 */
async function priceForCheckout(stripe: Stripe, orderId: string, order: OrderDoc): Promise<string> {
  try {
    return await planPriceId(stripe, order.planId, orderCurrency(order));
  } catch (e) {
    if (!(e instanceof PlanPriceUnavailable)) throw e;
    orderLogger(orderId, 'checkout').error(`createCheckout: ${e.message}`, {
      planId: e.planId,
      lookupKey: e.lookupKey,
    });
    throw new HttpsError('unavailable', 'Checkout is unavailable right now — please try again later.');
  }
}

/** The order's open session when it still sells what is asked for; a stale open one is expired. */
async function reusableSession(
  stripe: Stripe,
  order: OrderDoc,
  discountCode: string | undefined,
): Promise<Stripe.Checkout.Session | null> {
  if (!order.checkout) return null;
  let session: Stripe.Checkout.Session;
  try {
    session = await stripe.checkout.sessions.retrieve(order.checkout.sessionId);
  } catch (err) {
    // A session Stripe no longer knows (e.g. made against another account) is simply replaced.
    if ((err as { code?: string }).code === 'resource_missing') return null;
    throw err;
  }
  if (session.status === 'complete') throw alreadyPaying(session);
  if (session.status !== 'open') return null;
  if (sessionMatches(session, { planId: order.planId, discountCode, currency: orderCurrency(order) }))
    return session;
  // Plan or code changed: one payable session per order, so a customer cannot pay twice.
  await stripe.checkout.sessions.expire(session.id);
  return null;
}

/**
 * Creates (or returns the open) Stripe Checkout Session of a ready order. A double click gets the
 * same session: the open one is reused, and concurrent creates share an idempotency key.
 */
export async function createCheckoutFor(
  req: CallableRequest<'createCheckout'>,
  { uid, email }: Caller,
): Promise<CallableResponse<'createCheckout'>> {
  const order = await orderOfCaller(uid, req.orderId);
  assertPayable(order);

  const stripe = stripeClient();
  // The code is checked first: a mistyped code must not cost the customer their open session.
  const discount = req.discountCode
    ? {
        code: req.discountCode,
        ...(await promotionCodeFor(stripe, req.orderId, order, req.discountCode, uid)),
      }
    : undefined;
  const existing = await reusableSession(stripe, order, req.discountCode);
  if (existing?.url) return { url: existing.url, sessionId: existing.id };
  const params = checkoutSessionParams({
    orderId: req.orderId,
    uid,
    planId: order.planId,
    priceId: await priceForCheckout(stripe, req.orderId, order),
    currency: orderCurrency(order),
    webUrl: config().PUBLIC_WEB_URL,
    email,
    discount,
  });

  let session: Stripe.Checkout.Session | undefined;
  let after: string | undefined;
  for (let round = 0; round < MAX_CREATE_ROUNDS; round++) {
    const key = checkoutIdempotencyKey(req.orderId, order.planId, req.discountCode, after);
    const response = await stripe.checkout.sessions
      .create(params, { idempotencyKey: key })
      .catch((e: unknown) => {
        // Used up or expired between our check and Stripe's: Stripe's own words, as a refusal.
        const err = e as { type?: string; param?: string; message?: string };
        if (err.type === 'StripeInvalidRequestError' && err.param === 'discounts[0][promotion_code]') {
          throw new HttpsError('failed-precondition', err.message ?? "That discount code can't be used.");
        }
        throw e;
      });
    // A replayed key returns the session as it was when first created; ask for how it is now.
    const created =
      response.lastResponse.headers['idempotent-replayed'] === 'true'
        ? await stripe.checkout.sessions.retrieve(response.id)
        : response;
    if (created.status === 'complete') throw alreadyPaying(created);
    if (created.status === 'open' && created.url) {
      session = created;
      break;
    }
    after = created.id;
  }
  if (!session?.url) {
    orderLogger(req.orderId, 'checkout').error('createCheckout: Stripe kept returning closed sessions', {
      after,
    });
    throw new HttpsError('unavailable', 'Checkout is unavailable right now — please try again in a minute.');
  }

  const ref = orderRef(req.orderId);
  const { url, id } = session;
  await runTransaction(async (tx) => {
    const snap = await tx.get(ref);
    // Paid meanwhile (webhook won the race): the session is history, nothing to remember.
    if (snap.get('status') !== 'ready') return;
    tx.update(ref, {
      checkout: { sessionId: id, url, createdAt: FieldValue.serverTimestamp() },
      updatedAt: FieldValue.serverTimestamp(),
    });
  });
  return { url, sessionId: id };
}
