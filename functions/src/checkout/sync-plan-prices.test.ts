/**
 * The price sync and checkout's price lookup against the Stripe stand-in (the official SDK pointed at
 * it, as in production): first run, second run, a key whose price charges the wrong amount.
 */
import { CURRENCIES, PLANS } from '@likeness/core';
import { startStripeStandin, type StripeStandin } from '@likeness/devstack';
import Stripe from 'stripe';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { checkoutSessionParams } from './checkout-params.js';
import { forgetPlanPrices, PlanPriceUnavailable, planPriceId } from './plan-price.js';
import { syncPlanPrices } from './sync-plan-prices.js';

const KEY = 'sk_test_local_pricesyncunittest';
let standin: StripeStandin;
let stripe: Stripe;

beforeAll(async () => {
  standin = await startStripeStandin({
    port: 0,
    host: '127.0.0.1',
    publicHost: '127.0.0.1',
    secretKey: KEY,
    webhookSecret: 'whsec_pricesyncunittest0000000000',
    // No session is paid here, so no webhook is sent.
    webhookUrl: 'http://127.0.0.1:9/stripeWebhook',
    log: () => undefined,
  });
  stripe = new Stripe(KEY, { host: '127.0.0.1', port: standin.port, protocol: 'http', maxNetworkRetries: 0 });
});
afterAll(async () => {
  await standin.stop();
});
beforeEach(() => forgetPlanPrices());

const kinds = (steps: { kind: string }[]) => steps.map((s) => s.kind);

describe('price sync and checkout price lookup', () => {
  it('checkout finds no price on an account the sync has not run against', async () => {
    const err = await planPriceId(stripe, 'starter').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PlanPriceUnavailable);
    expect((err as Error).message).toMatch(/likeness_starter_usd_v1\): no active price has that key/);
    expect((err as Error).message).toMatch(/stripe-sync-prices\.mjs/);
  });

  it('a dry run only says what it would do', async () => {
    const lines: string[] = [];
    const steps = await syncPlanPrices(stripe, { dryRun: true, log: (l) => lines.push(l) });
    expect(kinds(steps)).toContain('create-price');
    expect(lines[0]).toMatch(/^would create product likeness_starter/);
    expect((await stripe.prices.list({ limit: 100 })).data).toHaveLength(0);
  });

  it('creates each plan once; a second run changes nothing; checkout charges the plan price', async () => {
    const first = await syncPlanPrices(stripe);
    expect(kinds(first).filter((k) => k === 'create-price')).toHaveLength(Object.keys(PLANS).length);
    const second = await syncPlanPrices(stripe);
    expect(new Set(kinds(second))).toEqual(new Set(['keep-price']));

    for (const plan of Object.values(PLANS)) {
      const priceId = await planPriceId(stripe, plan.id);
      const price = await stripe.prices.retrieve(priceId, { expand: ['product'] });
      expect(price).toMatchObject({
        lookup_key: plan.lookupKey,
        unit_amount: plan.priceCents,
        currency: plan.currency,
        active: true,
        type: 'one_time',
      });
      expect((price.product as Stripe.Product).id).toBe(`likeness_${plan.id}`);
      // What the webhook's judgePayment compares with the plan price, in each currency.
      for (const currency of CURRENCIES) {
        expect(await planPriceId(stripe, plan.id, currency)).toBe(priceId);
        const session = await stripe.checkout.sessions.create(
          checkoutSessionParams({
            orderId: 'o1',
            uid: 'u1',
            planId: plan.id,
            priceId,
            currency,
            webUrl: 'http://x',
          }),
        );
        expect(session.amount_subtotal).toBe(plan.prices[currency]);
        expect(session.currency).toBe(currency);
      }
    }
  });

  it('adds local prices to a price made before them, in place, and checkout refuses until then', async () => {
    const starter = PLANS.starter;
    const usdOnly = await stripe.prices.create({
      product: 'likeness_starter',
      unit_amount: starter.priceCents,
      currency: 'usd',
      lookup_key: starter.lookupKey,
      transfer_lookup_key: true,
    });
    expect(await planPriceId(stripe, 'starter', 'usd')).toBe(usdOnly.id);
    await expect(planPriceId(stripe, 'starter', 'gbp')).rejects.toThrow(
      /charges nothing in GBP, not the plan's £25\.00/,
    );
    const steps = await syncPlanPrices(stripe);
    expect(steps.filter((s) => s.planId === 'starter')).toEqual([
      expect.objectContaining({ kind: 'update-currency-options', priceId: usdOnly.id }),
    ]);
    forgetPlanPrices();
    expect(await planPriceId(stripe, 'starter', 'gbp')).toBe(usdOnly.id);
    const options = (await stripe.prices.retrieve(usdOnly.id, { expand: ['currency_options'] }))
      .currency_options;
    for (const c of CURRENCIES) expect(options?.[c]?.unit_amount).toBe(starter.prices[c]);
    expect(new Set(kinds(await syncPlanPrices(stripe)))).toEqual(new Set(['keep-price']));
  });

  it('replaces a price that charges the wrong amount, moving the key and archiving the old one', async () => {
    const starter = PLANS.starter;
    const wrong = await stripe.prices.create({
      product: 'likeness_starter',
      unit_amount: 1900,
      currency: 'usd',
      lookup_key: starter.lookupKey,
      transfer_lookup_key: true,
    });
    // Checkout refuses to sell at an amount the webhook would refund.
    await expect(planPriceId(stripe, 'starter')).rejects.toThrow(/does not sell the plan at \$29\.00/);

    const steps = await syncPlanPrices(stripe);
    expect(steps.filter((s) => s.planId === 'starter').map((s) => s.kind)).toEqual([
      'create-price',
      'deactivate-price',
    ]);
    const old = await stripe.prices.retrieve(wrong.id);
    expect(old.active).toBe(false);
    expect(old.lookup_key).toBeNull();
    const current = await planPriceId(stripe, 'starter');
    expect(current).not.toBe(wrong.id);
    expect((await stripe.prices.retrieve(current)).unit_amount).toBe(starter.priceCents);
    expect(new Set(kinds(await syncPlanPrices(stripe)))).toEqual(new Set(['keep-price']));
  });

  it('caches a found price per instance for a while', async () => {
    const first = await planPriceId(stripe, 'professional', 'usd', 0);
    await stripe.prices.update(first, { active: false });
    expect(await planPriceId(stripe, 'professional', 'usd', 60_000)).toBe(first);
    // After the cache window it looks again, and tells the operator.
    await expect(planPriceId(stripe, 'professional', 'usd', 11 * 60_000)).rejects.toThrow(
      PlanPriceUnavailable,
    );
    await syncPlanPrices(stripe);
    expect((await stripe.prices.retrieve(await planPriceId(stripe, 'professional'))).active).toBe(true);
  });
});
