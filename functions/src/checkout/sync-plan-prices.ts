import {
  describePriceSyncStep,
  PLANS,
  planPriceSync,
  stripeProductId,
  type Plan,
  type PriceFacts,
  type PriceSyncStep,
  type ProductFacts,
} from '@likeness/core';
import type Stripe from 'stripe';

/**
 * Makes the Stripe account hold a Product and an active one-time Price per plan, the price carrying
 * the plan's lookup key and its local prices as `currency_options` (core/plan-prices.ts decides the steps; this reads the account and runs
 * them). Safe to run any number of times: a second run finds everything in place and changes nothing.
 * Run one at a time per account.
 */
export interface SyncOptions {
  /** Print the steps without changing anything. */
  dryRun?: boolean;
  plans?: readonly Plan[];
  log?: (line: string) => void;
}

/** Stripe accepts at most 10 lookup keys per list call. */
const KEYS_PER_LIST = 10;

async function productsOf(stripe: Stripe, plans: readonly Plan[]): Promise<ProductFacts[]> {
  const found = await Promise.all(
    plans.map((plan) =>
      stripe.products.retrieve(stripeProductId(plan.id)).catch((e: { code?: string }) => {
        if (e.code === 'resource_missing') return null;
        throw e;
      }),
    ),
  );
  return found
    .filter((p): p is Stripe.Response<Stripe.Product> => p !== null)
    .map((p) => ({ id: p.id, name: p.name, description: p.description, active: p.active }));
}

/** A price's currency options (expanded) as currency → unit amount. */
export function currencyAmounts(price: Stripe.Price): Record<string, number | null> | null {
  if (!price.currency_options) return null;
  return Object.fromEntries(Object.entries(price.currency_options).map(([c, o]) => [c, o.unit_amount]));
}

/** `currency_options` as Stripe takes them. */
const toStripeOptions = (options: Partial<Record<string, number>>) =>
  Object.fromEntries(Object.entries(options).map(([c, unit_amount]) => [c, { unit_amount }]));

/** Every price holding one of the keys, active or archived (a key names at most one price). */
async function pricesOf(stripe: Stripe, plans: readonly Plan[]): Promise<PriceFacts[]> {
  const keys = plans.map((p) => p.lookupKey);
  const out: PriceFacts[] = [];
  for (let i = 0; i < keys.length; i += KEYS_PER_LIST) {
    const lookup_keys = keys.slice(i, i + KEYS_PER_LIST);
    // currency_options is includable: without the expand Stripe leaves it out.
    for await (const price of stripe.prices.list({
      lookup_keys,
      limit: 100,
      expand: ['data.currency_options'],
    })) {
      out.push({
        id: price.id,
        lookupKey: price.lookup_key,
        product: typeof price.product === 'string' ? price.product : price.product.id,
        unitAmount: price.unit_amount,
        currency: price.currency,
        type: price.type,
        active: price.active,
        currencyOptions: currencyAmounts(price),
      });
    }
  }
  return out;
}

/** Runs one step; returns the id of what it created or changed. */
async function apply(stripe: Stripe, step: PriceSyncStep): Promise<string> {
  const metadata = { planId: step.planId };
  switch (step.kind) {
    case 'create-product':
      return (
        await stripe.products.create({
          id: step.productId,
          name: step.name,
          description: step.description,
          metadata,
        })
      ).id;
    case 'update-product':
      return (
        await stripe.products.update(step.productId, {
          name: step.name,
          description: step.description,
          active: true,
        })
      ).id;
    case 'keep-price':
      return step.priceId;
    case 'activate-price':
      return (await stripe.prices.update(step.priceId, { active: true })).id;
    case 'update-currency-options':
      return (
        await stripe.prices.update(step.priceId, {
          active: true,
          currency_options: toStripeOptions(step.currencyOptions),
        })
      ).id;
    case 'create-price':
      return (
        await stripe.prices.create({
          product: step.productId,
          unit_amount: step.unitAmount,
          currency: step.currency,
          currency_options: toStripeOptions(step.currencyOptions),
          lookup_key: step.lookupKey,
          ...(step.transferLookupKey ? { transfer_lookup_key: true } : {}),
          metadata,
        })
      ).id;
    case 'deactivate-price':
      return (await stripe.prices.update(step.priceId, { active: false })).id;
  }
}

/** Returns the steps it took (or, in a dry run, would take). */
export async function syncPlanPrices(stripe: Stripe, opts: SyncOptions = {}): Promise<PriceSyncStep[]> {
  const plans = opts.plans ?? Object.values(PLANS);
  const log = opts.log ?? (() => undefined);
  const [products, prices] = await Promise.all([productsOf(stripe, plans), pricesOf(stripe, plans)]);
  const steps = planPriceSync(plans, { products, prices });
  // In order: a product exists before its price, and a key has moved before its old price is archived.
  for (const step of steps) {
    if (opts.dryRun || step.kind === 'keep-price') {
      log(`${opts.dryRun && step.kind !== 'keep-price' ? 'would ' : ''}${describePriceSyncStep(step)}`);
      continue;
    }
    const id = await apply(stripe, step);
    log(`${describePriceSyncStep(step)}${step.kind === 'create-price' ? ` → ${id}` : ''}`);
  }
  return steps;
}
