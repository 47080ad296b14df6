import { BASE_CURRENCY, CURRENCIES, formatPrice, type Currency, type Plan, type PlanId } from './plans.js';

/**
 * What the Stripe catalog must hold for the plans, and the steps that get it there from what it holds
 * now. Pure: the Stripe calls live with the functions (`functions/src/checkout/sync-plan-prices.ts`).
 * Each plan has a Product with a fixed id (so it is found without searching) and one active one-time
 * Price carrying the plan's lookup key; checkout finds the price by that key. The price is in the base
 * currency and carries the plan's other prices as Stripe `currency_options` (a multi-currency price),
 * so a Checkout Session created with `currency` charges the plan's own price in that currency.
 */

/** Our Product id for a plan (Stripe accepts ids chosen by the caller on create). */
export const stripeProductId = (planId: PlanId) => `likeness_${planId}`;

/** What the customer reads on Stripe's checkout page. */
export const stripeProductText = (plan: Plan) => ({
  name: `Likeness ${plan.name} — ${plan.headshots} AI headshots`,
  description: plan.blurb,
});

/** The parts of a Stripe Product the sync compares. */
export interface ProductFacts {
  id: string;
  name: string;
  description: string | null;
  active: boolean;
}

/** The parts of a Stripe Price the sync compares. */
export interface PriceFacts {
  id: string;
  lookupKey: string | null;
  product: string;
  unitAmount: number | null;
  currency: string;
  /** `one_time` or `recurring` (Stripe may add kinds, so any string). */
  type: string;
  active: boolean;
  /**
   * `currency_options` (expanded: Stripe leaves it out unless asked) as currency → unit amount;
   * Stripe lists the base currency there too. Null when it was not read.
   */
  currencyOptions: Readonly<Record<string, number | null>> | null;
}

/** The plan's prices other than the base one: what a price's `currency_options` must hold. */
export function planCurrencyOptions(plan: Plan): Partial<Record<Currency, number>> {
  const out: Partial<Record<Currency, number>> = {};
  for (const c of CURRENCIES) if (c !== BASE_CURRENCY) out[c] = plan.prices[c];
  return out;
}

/**
 * The currencies whose option on this price does not charge the plan's price there (missing or
 * another amount). Options in currencies we do not sell are left alone: checkout never asks for them.
 */
export function currencyOptionGaps(options: PriceFacts['currencyOptions'], plan: Plan): Currency[] {
  return CURRENCIES.filter((c) => c !== BASE_CURRENCY && (options?.[c] ?? null) !== plan.prices[c]);
}

export type PriceSyncStep =
  | { kind: 'create-product'; planId: PlanId; productId: string; name: string; description: string }
  /** The product exists with other text, or archived: rewrite the text and make it active. */
  | { kind: 'update-product'; planId: PlanId; productId: string; name: string; description: string }
  | { kind: 'keep-price'; planId: PlanId; lookupKey: string; priceId: string }
  /** The key's price charges the right amount but was archived. */
  | { kind: 'activate-price'; planId: PlanId; lookupKey: string; priceId: string }
  /**
   * The key's price is right in the base currency but not in `currencies`: Stripe lets a price's
   * currency options change in place, so it is updated (and made active), not replaced.
   */
  | {
      kind: 'update-currency-options';
      planId: PlanId;
      lookupKey: string;
      priceId: string;
      currencies: Currency[];
      currencyOptions: Partial<Record<Currency, number>>;
    }
  /**
   * A new price for the key; `transferLookupKey` when another price holds the key (Stripe refuses a
   * taken key otherwise, and moving it clears it on the old price).
   */
  | {
      kind: 'create-price';
      planId: PlanId;
      lookupKey: string;
      productId: string;
      unitAmount: number;
      currency: string;
      currencyOptions: Partial<Record<Currency, number>>;
      transferLookupKey: boolean;
    }
  /** The price that held the key before, charging what the plan no longer costs. */
  | { kind: 'deactivate-price'; planId: PlanId; lookupKey: string; priceId: string };

/**
 * Does this price sell the plan in the base currency as the plan stands (amount, currency, one-time,
 * our product)? Its other currencies are checked apart (`currencyOptionGaps`): they can be fixed in
 * place, these cannot.
 */
export function priceFitsPlan(
  price: Omit<PriceFacts, 'id' | 'lookupKey' | 'active' | 'currencyOptions'>,
  plan: Plan,
): boolean {
  return (
    price.unitAmount === plan.priceCents &&
    price.currency === plan.currency &&
    price.type === 'one_time' &&
    price.product === stripeProductId(plan.id)
  );
}

/**
 * The steps that make the catalog match `plans`, in the order they must run (a product before its
 * price, a new price before the old one is archived). Nothing to do gives only `keep-price` steps, so
 * running the sync again is a no-op.
 */
export function planPriceSync(
  plans: readonly Plan[],
  found: { products: readonly ProductFacts[]; prices: readonly PriceFacts[] },
): PriceSyncStep[] {
  const keys = plans.map((p) => p.lookupKey);
  const repeated = keys.find((k, i) => keys.indexOf(k) !== i);
  if (repeated) throw new Error(`Two plans share the Stripe lookup key ${repeated}`);

  const steps: PriceSyncStep[] = [];
  for (const plan of plans) {
    const productId = stripeProductId(plan.id);
    const text = stripeProductText(plan);
    const product = found.products.find((p) => p.id === productId);
    if (!product) {
      steps.push({ kind: 'create-product', planId: plan.id, productId, ...text });
    } else if (!product.active || product.name !== text.name || product.description !== text.description) {
      steps.push({ kind: 'update-product', planId: plan.id, productId, ...text });
    }

    const { lookupKey } = plan;
    const holder = found.prices.find((p) => p.lookupKey === lookupKey);
    if (holder && priceFitsPlan(holder, plan)) {
      const currencies = currencyOptionGaps(holder.currencyOptions, plan);
      if (currencies.length > 0) {
        steps.push({
          kind: 'update-currency-options',
          planId: plan.id,
          lookupKey,
          priceId: holder.id,
          currencies,
          currencyOptions: planCurrencyOptions(plan),
        });
        continue;
      }
      steps.push({
        kind: holder.active ? 'keep-price' : 'activate-price',
        planId: plan.id,
        lookupKey,
        priceId: holder.id,
      });
      continue;
    }
    steps.push({
      kind: 'create-price',
      planId: plan.id,
      lookupKey,
      productId,
      unitAmount: plan.priceCents,
      currency: plan.currency,
      currencyOptions: planCurrencyOptions(plan),
      transferLookupKey: holder !== undefined,
    });
    if (holder?.active) {
      steps.push({ kind: 'deactivate-price', planId: plan.id, lookupKey, priceId: holder.id });
    }
  }
  return steps;
}

/** A step in words, for the sync's printout. */
export function describePriceSyncStep(step: PriceSyncStep): string {
  switch (step.kind) {
    case 'create-product':
      return `create product ${step.productId} "${step.name}"`;
    case 'update-product':
      return `update product ${step.productId} to "${step.name}" (active)`;
    case 'keep-price':
      return `keep price ${step.priceId} for ${step.lookupKey}`;
    case 'activate-price':
      return `reactivate price ${step.priceId} for ${step.lookupKey}`;
    case 'update-currency-options':
      return `set ${step.currencies.map((c) => formatPrice(step.currencyOptions[c] ?? 0, c)).join(', ')} on price ${step.priceId} for ${step.lookupKey} (active)`;
    case 'create-price':
      return (
        `create price ${[formatPrice(step.unitAmount, step.currency), ...Object.entries(step.currencyOptions).map(([c, a]) => formatPrice(a, c))].join(' / ')} for ${step.lookupKey}` +
        (step.transferLookupKey ? ' (moving the key from the old price)' : '')
      );
    case 'deactivate-price':
      return `deactivate old price ${step.priceId} (it held ${step.lookupKey})`;
  }
}

/** True when the steps change something (anything but keeping prices as they are). */
export const priceSyncChanges = (steps: readonly PriceSyncStep[]) =>
  steps.some((s) => s.kind !== 'keep-price');
