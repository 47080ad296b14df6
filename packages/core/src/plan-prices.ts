import { formatPrice, type Plan, type PlanId } from './plans.js';

/**
 * What the Stripe catalog must hold for the plans, and the steps that get it there from what it holds
 * now. Pure: the Stripe calls live with the functions (`functions/src/checkout/sync-plan-prices.ts`).
 * Each plan has a Product with a fixed id (so it is found without searching) and one active one-time
 * Price carrying the plan's lookup key; checkout finds the price by that key.
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
}

export type PriceSyncStep =
  | { kind: 'create-product'; planId: PlanId; productId: string; name: string; description: string }
  /** The product exists with other text, or archived: rewrite the text and make it active. */
  | { kind: 'update-product'; planId: PlanId; productId: string; name: string; description: string }
  | { kind: 'keep-price'; planId: PlanId; lookupKey: string; priceId: string }
  /** The key's price charges the right amount but was archived. */
  | { kind: 'activate-price'; planId: PlanId; lookupKey: string; priceId: string }
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
      transferLookupKey: boolean;
    }
  /** The price that held the key before, charging what the plan no longer costs. */
  | { kind: 'deactivate-price'; planId: PlanId; lookupKey: string; priceId: string };

/** Does this price sell the plan as the plan stands (amount, currency, one-time, our product)? */
export function priceFitsPlan(price: Omit<PriceFacts, 'id' | 'lookupKey' | 'active'>, plan: Plan): boolean {
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
    case 'create-price':
      return (
        `create price ${formatPrice(step.unitAmount, step.currency)} for ${step.lookupKey}` +
        (step.transferLookupKey ? ' (moving the key from the old price)' : '')
      );
    case 'deactivate-price':
      return `deactivate old price ${step.priceId} (it held ${step.lookupKey})`;
  }
}

/** True when the steps change something (anything but keeping prices as they are). */
export const priceSyncChanges = (steps: readonly PriceSyncStep[]) =>
  steps.some((s) => s.kind !== 'keep-price');
