/**
 * Multi-currency prices in the Stripe stand-in, through the official SDK: `currency_options` on a
 * price (includable, updatable in place) and a Checkout Session's `currency` choosing among them.
 */
import type Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  sessionParams,
  startStandinUnderTest,
  submitPayForm,
  type StandinUnderTest,
} from './test-harness.js';

let harness: StandinUnderTest;
let stripe: Stripe;
let priceId: string;

beforeAll(async () => {
  harness = await startStandinUnderTest();
  stripe = harness.stripe;
  await stripe.products.create({ id: 'prod_multi', name: 'Starter' });
  priceId = (
    await stripe.prices.create({
      product: 'prod_multi',
      currency: 'usd',
      unit_amount: 2900,
      currency_options: { gbp: { unit_amount: 2500 }, cad: { unit_amount: 3900 } },
    })
  ).id;
});
afterAll(() => harness.stop());

const sessionIn = (currency?: string) =>
  stripe.checkout.sessions.create(
    sessionParams({ line_items: [{ price: priceId, quantity: 1 }], ...(currency ? { currency } : {}) }),
  );

const stripeError = (e: unknown) => {
  const err = e as { type?: string; statusCode?: number; param?: string; message?: string };
  return { type: err.type, statusCode: err.statusCode, param: err.param, message: err.message };
};

describe('currency_options on prices', () => {
  it('sends them only when expanded, with the price’s own currency among them', async () => {
    const plain = await stripe.prices.retrieve(priceId);
    expect(plain.currency_options).toBeUndefined();
    const full = await stripe.prices.retrieve(priceId, { expand: ['currency_options'] });
    expect(full.currency).toBe('usd');
    expect(Object.keys(full.currency_options ?? {}).sort()).toEqual(['cad', 'gbp', 'usd']);
    expect(full.currency_options?.gbp).toMatchObject({ unit_amount: 2500, tax_behavior: 'unspecified' });
    expect(full.currency_options?.usd?.unit_amount).toBe(2900);
    const listed = await stripe.prices.list({ expand: ['data.currency_options'], limit: 10 });
    expect(listed.data.find((p) => p.id === priceId)?.currency_options?.cad?.unit_amount).toBe(3900);
  });

  it('are added and changed in place by an update; other currencies stay', async () => {
    await stripe.prices.update(priceId, { currency_options: { aud: { unit_amount: 4500 } } });
    await stripe.prices.update(priceId, { currency_options: { cad: { unit_amount: 3500 } } });
    const p = await stripe.prices.retrieve(priceId, { expand: ['currency_options'] });
    expect(
      Object.fromEntries(Object.entries(p.currency_options ?? {}).map(([c, o]) => [c, o.unit_amount])),
    ).toEqual({ usd: 2900, gbp: 2500, cad: 3500, aud: 4500 });
    await stripe.prices.update(priceId, { currency_options: { cad: { unit_amount: 3900 } } });
  });

  it('refuse a currency that does not exist, and the price’s own currency, naming the param', async () => {
    const bad = await stripe.prices
      .create({
        product: 'prod_multi',
        currency: 'usd',
        unit_amount: 100,
        currency_options: { xyz: { unit_amount: 100 } },
      })
      .catch(stripeError);
    expect(bad).toMatchObject({
      type: 'StripeInvalidRequestError',
      statusCode: 400,
      param: 'currency_options[xyz]',
    });
    const own = await stripe.prices
      .update(priceId, { currency_options: { usd: { unit_amount: 100 } } })
      .catch(stripeError);
    expect(own).toMatchObject({ statusCode: 400, param: 'currency_options[usd]' });
  });
});

describe('a Checkout Session in another currency', () => {
  it('charges the price’s option in that currency, and the PaymentIntent follows', async () => {
    const s = await sessionIn('gbp');
    expect(s).toMatchObject({ currency: 'gbp', amount_subtotal: 2500, amount_total: 2500 });
    const items = await stripe.checkout.sessions.listLineItems(s.id);
    expect(items.data[0]).toMatchObject({ currency: 'gbp', amount_total: 2500 });
    expect(await (await fetch(s.url!)).text()).toContain('£25.00');

    expect((await submitPayForm(harness.standin, s.id)).status).toBe(303);
    const paid = await stripe.checkout.sessions.retrieve(s.id, { expand: ['payment_intent'] });
    expect(paid).toMatchObject({ status: 'complete', currency: 'gbp', amount_total: 2500 });
    expect(paid.payment_intent).toMatchObject({ amount: 2500, currency: 'gbp', status: 'succeeded' });
  });

  it('charges the price’s own currency when none is asked for, or when it is asked for by name', async () => {
    expect(await sessionIn()).toMatchObject({ currency: 'usd', amount_total: 2900 });
    expect(await sessionIn('usd')).toMatchObject({ currency: 'usd', amount_total: 2900 });
    expect(await sessionIn('CAD')).toMatchObject({ currency: 'cad', amount_total: 3900 });
  });

  it('refuses a currency the price is not sold in, in Stripe’s error shape', async () => {
    const err = await sessionIn('eur').catch(stripeError);
    expect(err).toEqual({
      type: 'StripeInvalidRequestError',
      statusCode: 400,
      param: 'line_items[0][price]',
      message:
        "The price specified supports currencies of `usd, gbp, cad, aud` which doesn't include the expected currency of `eur`.",
    });
  });

  it('refuses inline price_data in another currency than the session’s', async () => {
    const err = await stripe.checkout.sessions.create(sessionParams({ currency: 'gbp' })).catch(stripeError);
    expect(err).toMatchObject({ statusCode: 400, param: 'line_items[0][price_data][currency]' });
  });
});
