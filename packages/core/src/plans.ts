import { z } from 'zod';

export const PlanId = z.enum(['starter', 'professional', 'executive']);
export type PlanId = z.infer<typeof PlanId>;

export interface Plan {
  id: PlanId;
  name: string;
  /** Price in the smallest currency unit (cents). */
  priceCents: number;
  currency: 'usd';
  /**
   * The Stripe Price's `lookup_key` (`likeness_<planId>_<currency>_v<n>`): checkout finds the price by
   * it, and `scripts/stripe-sync-prices.mjs` creates it. A Stripe price's amount cannot change, so a
   * new amount or currency gets a new version here, and the sync makes a new price for it.
   */
  lookupKey: string;
  headshots: number;
  maxStyles: number;
  blurb: string;
}

export const PLANS: Record<PlanId, Plan> = {
  starter: {
    id: 'starter',
    name: 'Starter',
    priceCents: 2900,
    currency: 'usd',
    lookupKey: 'likeness_starter_usd_v1',
    headshots: 40,
    maxStyles: 2,
    blurb: '40 headshots in up to 2 styles',
  },
  professional: {
    id: 'professional',
    name: 'Professional',
    priceCents: 4900,
    currency: 'usd',
    lookupKey: 'likeness_professional_usd_v1',
    headshots: 100,
    maxStyles: 5,
    blurb: '100 headshots in up to 5 styles',
  },
  executive: {
    id: 'executive',
    name: 'Executive',
    priceCents: 7900,
    currency: 'usd',
    lookupKey: 'likeness_executive_usd_v1',
    headshots: 200,
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

export function formatPrice(cents: number, currency = 'usd'): string {
  return new Intl.NumberFormat('en-US', { style: 'currency', currency: currency.toUpperCase() }).format(
    cents / 100,
  );
}
