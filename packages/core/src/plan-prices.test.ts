import { describe, expect, it } from 'vitest';
import {
  currencyOptionGaps,
  describePriceSyncStep,
  planCurrencyOptions,
  planPriceSync,
  priceSyncChanges,
  stripeProductId,
  stripeProductText,
  type PriceFacts,
  type ProductFacts,
} from './plan-prices.js';
import { PLANS, type Plan } from './plans.js';

const starter = PLANS.starter;
const productOf = (plan: Plan, over: Partial<ProductFacts> = {}): ProductFacts => ({
  id: stripeProductId(plan.id),
  ...stripeProductText(plan),
  active: true,
  ...over,
});
const priceOf = (plan: Plan, over: Partial<PriceFacts> = {}): PriceFacts => ({
  id: `price_${plan.id}`,
  lookupKey: plan.lookupKey,
  product: stripeProductId(plan.id),
  unitAmount: plan.priceCents,
  currency: plan.currency,
  type: 'one_time',
  active: true,
  // As Stripe lists them when expanded: the base currency too.
  currencyOptions: { ...plan.prices },
  ...over,
});

describe('plan lookup keys', () => {
  it('name the plan and currency with a version, and differ between plans', () => {
    const keys = Object.values(PLANS).map((p) => p.lookupKey);
    expect(new Set(keys).size).toBe(keys.length);
    for (const plan of Object.values(PLANS)) {
      expect(plan.lookupKey).toMatch(new RegExp(`^likeness_${plan.id}_${plan.currency}_v\\d+$`));
    }
  });
});

describe('planPriceSync', () => {
  it('creates every product and price on an empty account', () => {
    const steps = planPriceSync(Object.values(PLANS), { products: [], prices: [] });
    expect(steps.map((s) => s.kind)).toEqual([
      'create-product',
      'create-price',
      'create-product',
      'create-price',
      'create-product',
      'create-price',
    ]);
    expect(steps[1]).toEqual({
      kind: 'create-price',
      planId: 'starter',
      lookupKey: starter.lookupKey,
      productId: 'likeness_starter',
      unitAmount: 2900,
      currency: 'usd',
      currencyOptions: { cad: 3900, gbp: 2500, aud: 4500 },
      transferLookupKey: false,
    });
  });

  it('changes nothing when the catalog already matches (running it twice is a no-op)', () => {
    const plans = Object.values(PLANS);
    const steps = planPriceSync(plans, {
      products: plans.map((p) => productOf(p)),
      prices: plans.map((p) => priceOf(p)),
    });
    expect(steps.every((s) => s.kind === 'keep-price')).toBe(true);
    expect(priceSyncChanges(steps)).toBe(false);
  });

  it('replaces a price whose amount differs: new price takes the key, the old one is archived', () => {
    const steps = planPriceSync([starter], {
      products: [productOf(starter)],
      prices: [priceOf(starter, { id: 'price_old', unitAmount: 1900 })],
    });
    expect(steps).toEqual([
      expect.objectContaining({ kind: 'create-price', unitAmount: 2900, transferLookupKey: true }),
      { kind: 'deactivate-price', planId: 'starter', lookupKey: starter.lookupKey, priceId: 'price_old' },
    ]);
  });

  it('replaces a price in another currency, of another product, or recurring', () => {
    for (const over of [
      { currency: 'eur' },
      { product: 'prod_someone_else' },
      { type: 'recurring' as const },
    ]) {
      const steps = planPriceSync([starter], {
        products: [productOf(starter)],
        prices: [priceOf(starter, over)],
      });
      expect(steps.map((s) => s.kind)).toEqual(['create-price', 'deactivate-price']);
    }
  });

  it('takes the key from an archived wrong price without archiving it again', () => {
    const steps = planPriceSync([starter], {
      products: [productOf(starter)],
      prices: [priceOf(starter, { unitAmount: 100, active: false })],
    });
    expect(steps).toEqual([expect.objectContaining({ kind: 'create-price', transferLookupKey: true })]);
  });

  it('reactivates an archived price that still fits', () => {
    const steps = planPriceSync([starter], {
      products: [productOf(starter)],
      prices: [priceOf(starter, { active: false })],
    });
    expect(steps).toEqual([
      { kind: 'activate-price', planId: 'starter', lookupKey: starter.lookupKey, priceId: 'price_starter' },
    ]);
  });

  it('rewrites a product whose text changed or that was archived', () => {
    for (const over of [{ name: 'Old name' }, { description: null }, { active: false }]) {
      const steps = planPriceSync([starter], {
        products: [productOf(starter, over)],
        prices: [priceOf(starter)],
      });
      expect(steps.map((s) => s.kind)).toEqual(['update-product', 'keep-price']);
    }
  });

  it('refuses plans that share a lookup key', () => {
    expect(() =>
      planPriceSync([starter, { ...PLANS.professional, lookupKey: starter.lookupKey }], {
        products: [],
        prices: [],
      }),
    ).toThrow(/share the Stripe lookup key likeness_starter_usd_v1/);
  });

  it('describes each step in words', () => {
    const steps = planPriceSync([starter], {
      products: [],
      prices: [priceOf(starter, { id: 'price_old', unitAmount: 1900 })],
    });
    expect(steps.map(describePriceSyncStep)).toEqual([
      'create product likeness_starter "Likeness Starter — 40 AI headshots"',
      'create price $29.00 / CA$39.00 / £25.00 / A$45.00 for likeness_starter_usd_v1 (moving the key from the old price)',
      'deactivate old price price_old (it held likeness_starter_usd_v1)',
    ]);
  });
});

describe('currency options in the sync', () => {
  it('asks a price for every currency but the base one, at the plan price there', () => {
    expect(planCurrencyOptions(PLANS.executive)).toEqual({ cad: 10900, gbp: 6500, aud: 11900 });
  });

  it('adds missing currency options to the existing price in place, not a new price', () => {
    const steps = planPriceSync([starter], {
      products: [productOf(starter)],
      prices: [priceOf(starter, { currencyOptions: { usd: 2900 } })],
    });
    expect(steps).toEqual([
      {
        kind: 'update-currency-options',
        planId: 'starter',
        lookupKey: starter.lookupKey,
        priceId: 'price_starter',
        currencies: ['cad', 'gbp', 'aud'],
        currencyOptions: { cad: 3900, gbp: 2500, aud: 4500 },
      },
    ]);
    expect(priceSyncChanges(steps)).toBe(true);
    expect(describePriceSyncStep(steps[0]!)).toBe(
      'set CA$39.00, £25.00, A$45.00 on price price_starter for likeness_starter_usd_v1 (active)',
    );
  });

  it('fixes one wrong local amount, and reactivates an archived price while at it', () => {
    const steps = planPriceSync([starter], {
      products: [productOf(starter)],
      prices: [priceOf(starter, { active: false, currencyOptions: { ...starter.prices, gbp: 2300 } })],
    });
    expect(steps).toEqual([
      expect.objectContaining({ kind: 'update-currency-options', currencies: ['gbp'] }),
    ]);
  });

  it('ignores options in currencies we do not sell, and unread options count as missing', () => {
    expect(currencyOptionGaps({ ...starter.prices, eur: 2700 }, starter)).toEqual([]);
    expect(currencyOptionGaps(null, starter)).toEqual(['cad', 'gbp', 'aud']);
  });
});
