import { UserDoc, WINBACK_CODE_VALID_SECONDS, winbackCodeFor } from '@likeness/core';
import { createHmac } from 'node:crypto';
import type Stripe from 'stripe';
import { stripeClient } from '../shared/clients.js';
import { config } from '../shared/config.js';
import { userRef } from '../shared/db.js';
import { runTransaction } from '../shared/transaction.js';

/** The account's Stripe Customer, when one was made for it (users/{uid}.billing). */
export async function stripeCustomerOf(uid: string): Promise<string | undefined> {
  const user = UserDoc.safeParse((await userRef(uid).get()).data() ?? {});
  return user.success ? user.data.billing?.stripeCustomerId : undefined;
}

/**
 * The account's Stripe Customer, made on first need. The idempotency key makes a retried create
 * return the same customer; the transaction keeps the first id recorded if two runs raced.
 */
export async function ensureStripeCustomer(uid: string, email: string): Promise<string> {
  const known = await stripeCustomerOf(uid);
  if (known) return known;
  const created = await stripeClient().customers.create(
    { email, metadata: { uid } },
    { idempotencyKey: `customer-${uid}` },
  );
  return runTransaction(async (tx) => {
    const snap = await tx.get(userRef(uid));
    const user = UserDoc.safeParse(snap.data() ?? {});
    const recorded = user.success ? user.data.billing?.stripeCustomerId : undefined;
    if (recorded) return recorded;
    tx.set(userRef(uid), { billing: { stripeCustomerId: created.id } }, { merge: true });
    return created.id;
  });
}

/**
 * Deletes the account's Stripe Customer (the account deletion): its email address goes, the
 * payments it made keep their records at Stripe. Gone already is done.
 */
export async function deleteStripeCustomerOf(uid: string): Promise<void> {
  const customer = await stripeCustomerOf(uid);
  if (!customer) return;
  await stripeClient()
    .customers.del(customer)
    .catch((e: unknown) => {
      if ((e as { code?: string }).code !== 'resource_missing') throw e;
    });
}

/** Why a code cannot be redeemed now, in words for the order page, or null when it can. */
export function promotionCodeRefusal(
  promo: Pick<Stripe.PromotionCode, 'expires_at' | 'max_redemptions' | 'times_redeemed'>,
  nowMs: number,
): string | null {
  if (promo.expires_at !== null && promo.expires_at * 1000 <= nowMs) return 'This discount code has expired.';
  if (promo.max_redemptions !== null && promo.times_redeemed >= promo.max_redemptions) {
    return 'This discount code was already used.';
  }
  return null;
}

/**
 * The code of one order's win-back step: derived from the order and step (keyed, so nobody can
 * work one out), which makes a retried send find the code it already made instead of a second one.
 */
export function winbackCode(orderId: string, step: number, percentOff: number): string {
  const tag = createHmac('sha256', config().EMAIL_LINK_SECRET)
    .update(`winback-code:${orderId}:${step}`)
    .digest('hex')
    .slice(0, 10)
    .toUpperCase();
  return winbackCodeFor(percentOff, tag);
}

/** One coupon per percentage, shared by every code of that step (Stripe coupons are reusable). */
async function winbackCoupon(stripe: Stripe, percentOff: number): Promise<string> {
  const id = `winback-${percentOff}`;
  try {
    return (await stripe.coupons.retrieve(id)).id;
  } catch (e) {
    if ((e as { code?: string }).code !== 'resource_missing') throw e;
  }
  try {
    return (
      await stripe.coupons.create({
        id,
        percent_off: percentOff,
        duration: 'once',
        name: `Win-back ${percentOff}%`,
      })
    ).id;
  } catch (e) {
    if ((e as { code?: string }).code === 'resource_already_exists') return id;
    throw e;
  }
}

/**
 * A single-use promotion code for this customer only, valid WINBACK_CODE_VALID_SECONDS from `nowMs`.
 * A second call for the same order and step returns the code the first one made.
 */
export async function winbackPromotionCode(m: {
  orderId: string;
  uid: string;
  step: number;
  percentOff: number;
  customer: string;
  nowMs: number;
}): Promise<{ code: string; expiresAt: number }> {
  const stripe = stripeClient();
  const code = winbackCode(m.orderId, m.step, m.percentOff);
  const existing = (await stripe.promotionCodes.list({ code, customer: m.customer, limit: 1 })).data[0];
  if (existing) return { code: existing.code, expiresAt: (existing.expires_at ?? 0) * 1000 };
  const expiresAt = Math.floor(m.nowMs / 1000) + WINBACK_CODE_VALID_SECONDS;
  const promo = await stripe.promotionCodes.create(
    {
      promotion: { type: 'coupon', coupon: await winbackCoupon(stripe, m.percentOff) },
      code,
      customer: m.customer,
      max_redemptions: 1,
      expires_at: expiresAt,
      metadata: { orderId: m.orderId, uid: m.uid, step: String(m.step) },
    },
    { idempotencyKey: `winback-promo-${m.orderId}-${m.step}` },
  );
  return { code: promo.code, expiresAt: expiresAt * 1000 };
}
