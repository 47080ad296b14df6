import {
  BASE_CURRENCY,
  currencyOptionGaps,
  formatPrice,
  PLANS,
  priceFitsPlan,
  type Currency,
  type PlanId,
} from '@likeness/core';
import type Stripe from 'stripe';
import { currencyAmounts } from './sync-plan-prices.js';

/**
 * The Stripe Price that checkout sells a plan at, found by the plan's lookup key, and checked to charge
 * the plan's price in the order's currency (its `currency_options` for all but the base one). The sync
 * (`scripts/stripe-sync-prices.mjs`) creates it; checkout never makes prices up inline, so what a
 * customer pays is what the Stripe catalog says, and the catalog is what the code says.
 */

/** The plan has no usable price in this Stripe account: an operator must run the sync. */
export class PlanPriceUnavailable extends Error {
  constructor(
    readonly planId: PlanId,
    readonly lookupKey: string,
    reason: string,
  ) {
    super(
      `Stripe has no usable price for plan ${planId} (lookup key ${lookupKey}): ${reason}. ` +
        'Run `STRIPE_SECRET_KEY=… node scripts/stripe-sync-prices.mjs` against this account.',
    );
    this.name = 'PlanPriceUnavailable';
  }
}

/**
 * Per instance, so a checkout costs one Stripe call, not two. Bounded in time so that a price the
 * sync moved or an operator archived reaches warm instances without a deploy.
 */
const CACHE_MS = 10 * 60 * 1000;
const cache = new Map<string, { priceId: string; at: number }>();

export async function planPriceId(
  stripe: Stripe,
  planId: PlanId,
  currency: Currency = BASE_CURRENCY,
  now = Date.now(),
): Promise<string> {
  const plan = PLANS[planId];
  const cacheKey = `${plan.lookupKey}:${currency}`;
  const cached = cache.get(cacheKey);
  if (cached && now - cached.at < CACHE_MS) return cached.priceId;

  const found = await stripe.prices.list({
    lookup_keys: [plan.lookupKey],
    active: true,
    limit: 1,
    expand: ['data.currency_options'],
  });
  const price = found.data[0];
  if (!price) throw new PlanPriceUnavailable(planId, plan.lookupKey, 'no active price has that key');
  // The webhook refuses a payment whose subtotal is not the plan's price: selling at another amount
  // would only end in an automatic refund.
  const facts = {
    unitAmount: price.unit_amount,
    currency: price.currency,
    type: price.type,
    product: typeof price.product === 'string' ? price.product : price.product.id,
  };
  if (!priceFitsPlan(facts, plan)) {
    const charged =
      facts.unitAmount === null ? 'no fixed amount' : formatPrice(facts.unitAmount, facts.currency);
    throw new PlanPriceUnavailable(
      planId,
      plan.lookupKey,
      `price ${price.id} (${facts.type}, ${charged}, product ${facts.product}) does not sell the plan at ` +
        formatPrice(plan.priceCents, plan.currency),
    );
  }
  if (currency !== plan.currency && currencyOptionGaps(currencyAmounts(price), plan).includes(currency)) {
    const option = price.currency_options?.[currency]?.unit_amount;
    throw new PlanPriceUnavailable(
      planId,
      plan.lookupKey,
      `price ${price.id} charges ${option == null ? 'nothing' : formatPrice(option, currency)} in ` +
        `${currency.toUpperCase()}, not the plan's ${formatPrice(plan.prices[currency], currency)}`,
    );
  }
  cache.set(cacheKey, { priceId: price.id, at: now });
  return price.id;
}

/** Tests start from an empty cache. */
export function forgetPlanPrices(): void {
  cache.clear();
}
