import { z } from 'zod';

export const PlanId = z.enum(['starter', 'professional', 'executive']);
export type PlanId = z.infer<typeof PlanId>;

/**
 * The currencies a customer can pay in (Stripe's lowercase codes): the four countries of the city
 * pages. Each plan has its own round price in every one of them (`Plan.prices`), set by us and
 * carried by the plan's one Stripe Price as `currency_options`; nothing is converted at runtime.
 */
export const Currency = z.enum(['usd', 'cad', 'gbp', 'aud']);
export type Currency = z.infer<typeof Currency>;
export const CURRENCIES = Currency.options;
/** The Stripe Price's own currency; the others are its currency options. */
export const BASE_CURRENCY: Currency = 'usd';

export interface Plan {
  id: PlanId;
  name: string;
  /** Price in the base currency's smallest unit (cents); the same as `prices.usd`. */
  priceCents: number;
  currency: typeof BASE_CURRENCY;
  /** Price in each currency's smallest unit: round local prices, not conversions. */
  prices: Record<Currency, number>;
  /**
   * The Stripe Price's `lookup_key` (`likeness_<planId>_<currency>_v<n>`): checkout finds the price by
   * it, and `scripts/stripe-sync-prices.mjs` creates it. A Stripe price's amount in its own currency
   * cannot change, so a new base amount may get a new version here (the sync makes a new price for
   * it either way); its currency options can, and the sync sets them on the same price.
   */
  lookupKey: string;
  headshots: number;
  /** Headshots the customer may have redone from the gallery (functions/src/redo), one at a time. */
  redos: number;
  maxStyles: number;
  blurb: string;
}

export const PLANS: Record<PlanId, Plan> = {
  starter: {
    id: 'starter',
    name: 'Starter',
    priceCents: 2900,
    currency: 'usd',
    prices: { usd: 2900, cad: 3900, gbp: 2500, aud: 4500 },
    lookupKey: 'likeness_starter_usd_v1',
    headshots: 40,
    redos: 5,
    maxStyles: 2,
    blurb: '40 headshots in up to 2 styles',
  },
  professional: {
    id: 'professional',
    name: 'Professional',
    priceCents: 4900,
    currency: 'usd',
    prices: { usd: 4900, cad: 6900, gbp: 3900, aud: 7500 },
    lookupKey: 'likeness_professional_usd_v1',
    headshots: 100,
    redos: 10,
    maxStyles: 5,
    blurb: '100 headshots in up to 5 styles',
  },
  executive: {
    id: 'executive',
    name: 'Executive',
    priceCents: 7900,
    currency: 'usd',
    prices: { usd: 7900, cad: 10900, gbp: 6500, aud: 11900 },
    lookupKey: 'likeness_executive_usd_v1',
    headshots: 200,
    redos: 20,
    maxStyles: 10,
    blurb: '200 headshots in up to 10 styles',
  },
};

/** Outputs per prediction: the predictor batches this many images on one warm GPU call. */
export const OUTPUTS_PER_PREDICTION = 4;

export interface PlannedPrediction {
  styleId: string;
  /** Index of this prediction within its style; with the style it makes a stable job id. */
  batch: number;
  numOutputs: number;
}

/**
 * Splits a plan's headshots across the chosen styles as evenly as possible (earlier styles take the
 * remainder) and then into predictions of at most OUTPUTS_PER_PREDICTION images.
 */
export function planPredictions(total: number, styleIds: readonly string[]): PlannedPrediction[] {
  if (styleIds.length === 0) throw new Error('At least one style is required');
  if (!Number.isInteger(total) || total < 1) throw new Error('Headshot count must be a positive integer');
  const base = Math.floor(total / styleIds.length);
  const extra = total % styleIds.length;
  const out: PlannedPrediction[] = [];
  styleIds.forEach((styleId, i) => {
    let remaining = base + (i < extra ? 1 : 0);
    let batch = 0;
    while (remaining > 0) {
      const n = Math.min(OUTPUTS_PER_PREDICTION, remaining);
      out.push({ styleId, batch, numOutputs: n });
      remaining -= n;
      batch += 1;
    }
  });
  return out;
}

/** A plan's price in a currency, in that currency's smallest unit. */
export const planPrice = (plan: Plan, currency: Currency): number => plan.prices[currency];

/**
 * The currency a link asked for (`?currency=gbp` from a UK city page), or the base currency when the
 * value is missing or not one we sell in. Case-insensitive, as people type URLs.
 */
export function chooseCurrency(requested: string | null | undefined): Currency {
  const parsed = Currency.safeParse((requested ?? '').trim().toLowerCase());
  return parsed.success ? parsed.data : BASE_CURRENCY;
}

/** The currency an order is priced in; orders from before currencies were stored are in USD. */
export const orderCurrency = (order: { currency?: Currency | undefined }): Currency =>
  order.currency ?? BASE_CURRENCY;

export function formatPrice(cents: number, currency = 'usd'): string {
  return new Intl.NumberFormat('en-US', { style: 'currency', currency: currency.toUpperCase() }).format(
    cents / 100,
  );
}
