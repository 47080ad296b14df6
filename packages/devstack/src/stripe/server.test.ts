import type Stripe from 'stripe';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { WebhookReceiver } from '../http/webhook-receiver.js';
import type { StripeStandin } from './server.js';
import {
  sessionParams,
  startStandinUnderTest,
  stripeOn,
  submitPayForm,
  TEST_KEY,
  TEST_WEBHOOK_SECRET,
  type StandinUnderTest,
} from './test-harness.js';

const KEY = TEST_KEY;
const WHSEC = TEST_WEBHOOK_SECRET;
const stripeFor = stripeOn;
let standin: StripeStandin;
let receiver: WebhookReceiver;
let stripe: Stripe;
let harness: StandinUnderTest;

beforeAll(async () => {
  harness = await startStandinUnderTest();
  ({ standin, receiver, stripe } = harness);
});

afterAll(() => harness.stop());

beforeEach(() => {
  receiver.received.length = 0;
  receiver.respond = () => 200;
});

const pay = (session: Stripe.Checkout.Session, card?: string, extra?: Record<string, string>) =>
  submitPayForm(standin, session.id, card, extra);

describe('Stripe stand-in API with the official SDK', () => {
  it('creates and retrieves a Checkout Session with Stripe fields', async () => {
    const s = await stripe.checkout.sessions.create(sessionParams());
    expect(s.id).toMatch(/^cs_test_[A-Za-z0-9]{58}$/);
    expect(s).toMatchObject({
      object: 'checkout.session',
      status: 'open',
      payment_status: 'unpaid',
      amount_subtotal: 2900,
      amount_total: 2900,
      currency: 'usd',
      client_reference_id: 'o1',
      metadata: { orderId: 'o1', uid: 'u1' },
      mode: 'payment',
      total_details: { amount_discount: 0 },
      url: `${standin.url}/pay/${s.id}`,
    });
    expect(s.expires_at - s.created).toBe(24 * 3600);
    const got = await stripe.checkout.sessions.retrieve(s.id, { expand: ['line_items'] });
    expect(got.line_items?.data).toHaveLength(1);
    expect(got.line_items?.data[0]).toMatchObject({
      object: 'item',
      description: 'Pro plan: 120 headshots',
      quantity: 1,
      amount_total: 2900,
    });
    expect((await stripe.checkout.sessions.retrieve(s.id)).line_items).toBeUndefined();
  });

  it('refuses a wrong key with 401 in Stripe error shape', async () => {
    const bad = stripeFor('sk_test_wrong_key_000000000', standin.port);
    await expect(bad.checkout.sessions.create(sessionParams())).rejects.toMatchObject({
      type: 'StripeAuthenticationError',
      statusCode: 401,
    });
    const raw = await fetch(`${standin.url}/v1/events/evt_x`, {
      headers: { Authorization: 'Bearer sk_test_nope' },
    });
    expect(raw.status).toBe(401);
    expect(await raw.json()).toMatchObject({
      error: {
        type: 'invalid_request_error',
        code: 'api_key_invalid',
        message: expect.stringContaining('Invalid API Key'),
      },
    });
  });

  it('answers unknown ids with 404 resource_missing', async () => {
    await expect(stripe.checkout.sessions.retrieve('cs_test_missing')).rejects.toMatchObject({
      statusCode: 404,
      code: 'resource_missing',
      param: 'id',
    });
    await expect(stripe.events.retrieve('evt_missing')).rejects.toMatchObject({
      statusCode: 404,
      code: 'resource_missing',
    });
  });

  it('refuses bad parameters with 400 invalid_request_error naming the param', async () => {
    const noQty = sessionParams({
      line_items: [{ price_data: { currency: 'usd', unit_amount: 100, product_data: { name: 'x' } } }],
    });
    await expect(stripe.checkout.sessions.create(noQty)).rejects.toMatchObject({
      statusCode: 400,
      type: 'StripeInvalidRequestError',
      param: 'line_items[0][quantity]',
    });
    const res = await fetch(`${standin.url}/v1/checkout/sessions`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${KEY}`, 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'mode=payment&line_items[0][price_data][currency]=usd&line_items[0][price_data][unit_amount]=abc&line_items[0][quantity]=1',
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({
      error: { type: 'invalid_request_error', param: 'line_items[0][price_data][unit_amount]' },
    });
    // The current API moved the coupon under `promotion`; the old top-level form is refused.
    const coupon = await stripe.coupons.create({ percent_off: 10, duration: 'once' });
    await expect(
      stripe.promotionCodes.create({ coupon: coupon.id } as unknown as Stripe.PromotionCodeCreateParams),
    ).rejects.toMatchObject({ statusCode: 400, code: 'parameter_unknown', param: 'coupon' });
  });

  it('honours Idempotency-Key: same key, same response; other params, idempotency_error', async () => {
    const a = await stripe.checkout.sessions.create(sessionParams(), { idempotencyKey: 'order-o7' });
    const b = await stripe.checkout.sessions.create(sessionParams(), { idempotencyKey: 'order-o7' });
    expect(b.id).toBe(a.id);
    expect(b.lastResponse.headers['idempotent-replayed']).toBe('true');
    await expect(
      stripe.checkout.sessions.create(sessionParams({ client_reference_id: 'o8' }), {
        idempotencyKey: 'order-o7',
      }),
    ).rejects.toMatchObject({
      type: 'StripeIdempotencyError',
    });
  });

  it('applies a promotion code (current promotion shape) and a coupon, and finds codes by code', async () => {
    const coupon = await stripe.coupons.create({ percent_off: 25, duration: 'once', name: 'Comeback 25%' });
    const promo = await stripe.promotionCodes.create({
      promotion: { type: 'coupon', coupon: coupon.id },
      code: 'BACK25',
      max_redemptions: 1,
    });
    expect(promo).toMatchObject({
      object: 'promotion_code',
      code: 'BACK25',
      active: true,
      promotion: { type: 'coupon', coupon: coupon.id },
    });
    const found = await stripe.promotionCodes.list({ code: 'back25', active: true });
    expect(found.data.map((p) => p.id)).toEqual([promo.id]);

    const s = await stripe.checkout.sessions.create(
      sessionParams({ discounts: [{ promotion_code: promo.id }] }),
    );
    expect(s).toMatchObject({
      amount_subtotal: 2900,
      amount_total: 2175,
      total_details: { amount_discount: 725 },
    });
    expect(s.discounts).toEqual([{ coupon: coupon.id, promotion_code: promo.id }]);

    const fixed = await stripe.coupons.create({ amount_off: 500, currency: 'usd', duration: 'once' });
    const s2 = await stripe.checkout.sessions.create(sessionParams({ discounts: [{ coupon: fixed.id }] }));
    expect(s2.amount_total).toBe(2400);

    await expect(
      stripe.checkout.sessions.create(
        sessionParams({ discounts: [{ coupon: fixed.id }], allow_promotion_codes: true }),
      ),
    ).rejects.toMatchObject({ statusCode: 400, param: 'allow_promotion_codes' });

    // Single use: paying with it redeems it, and the next session cannot use it.
    expect((await pay(s)).status).toBe(303);
    expect((await stripe.promotionCodes.retrieve(promo.id)).times_redeemed).toBe(1);
    await expect(
      stripe.checkout.sessions.create(sessionParams({ discounts: [{ promotion_code: promo.id }] })),
    ).rejects.toMatchObject({
      statusCode: 400,
      param: 'discounts[0][promotion_code]',
    });
  });
});

describe('promotion codes restricted to one customer', () => {
  it('redeem only in a session made for that customer, once, and not after they expire', async () => {
    const ana = await stripe.customers.create({ email: 'ana@example.com', metadata: { uid: 'u1' } });
    const ben = await stripe.customers.create({ email: 'ben@example.com' });
    expect(await stripe.customers.retrieve(ana.id)).toMatchObject({
      object: 'customer',
      email: 'ana@example.com',
    });
    const coupon = await stripe.coupons.create({ percent_off: 20, duration: 'once' });
    const promo = await stripe.promotionCodes.create({
      promotion: { type: 'coupon', coupon: coupon.id },
      customer: ana.id,
      max_redemptions: 1,
      expires_at: Math.floor(Date.now() / 1000) + 3600,
    });
    expect(promo).toMatchObject({ customer: ana.id, max_redemptions: 1, times_redeemed: 0 });
    expect((await stripe.promotionCodes.list({ customer: ana.id })).data.map((p) => p.id)).toEqual([
      promo.id,
    ]);

    const withCode = (over: Partial<Stripe.Checkout.SessionCreateParams>) =>
      stripe.checkout.sessions.create(sessionParams({ discounts: [{ promotion_code: promo.id }], ...over }));
    for (const over of [{}, { customer: ben.id }, { customer_email: 'ana@example.com' }]) {
      await expect(withCode(over)).rejects.toMatchObject({
        type: 'StripeInvalidRequestError',
        statusCode: 400,
        param: 'discounts[0][promotion_code]',
        message: 'This promotion code cannot be redeemed by this customer.',
      });
    }
    await expect(withCode({ customer: 'cus_nope', customer_email: 'a@b.co' })).rejects.toMatchObject({
      param: 'customer_email',
    });
    await expect(withCode({ customer: 'cus_nope' })).rejects.toMatchObject({ code: 'resource_missing' });

    const first = await withCode({ customer: ana.id });
    const second = await withCode({ customer: ana.id });
    expect(first).toMatchObject({ customer: ana.id, amount_total: 2320, customer_email: null });
    expect((await pay(first)).status).toBe(303);
    expect(await stripe.checkout.sessions.retrieve(first.id)).toMatchObject({
      status: 'complete',
      customer_details: { email: 'ana@example.com' },
    });
    expect((await stripe.promotionCodes.retrieve(promo.id)).times_redeemed).toBe(1);
    // Redeemed once: a new session is refused, and one opened before cannot be paid with it.
    await expect(withCode({ customer: ana.id })).rejects.toMatchObject({
      statusCode: 400,
      message: 'This promotion code has already been used the maximum number of times.',
    });
    const late = await pay(second);
    expect(late.status).toBe(400);
    expect(await late.text()).toContain('already been used');
    expect((await stripe.promotionCodes.retrieve(promo.id)).times_redeemed).toBe(1);

    const soon = Math.floor(Date.now() / 1000) + 1;
    const expiring = await stripe.promotionCodes.create({
      promotion: { type: 'coupon', coupon: coupon.id },
      customer: ana.id,
      expires_at: soon,
    });
    await new Promise((r) => setTimeout(r, 2100));
    await expect(
      stripe.checkout.sessions.create(
        sessionParams({ customer: ana.id, discounts: [{ promotion_code: expiring.id }] }),
      ),
    ).rejects.toMatchObject({ statusCode: 400, message: 'This promotion code has expired.' });
    await expect(
      stripe.promotionCodes.create({
        promotion: { type: 'coupon', coupon: coupon.id },
        customer: 'cus_nope',
      }),
    ).rejects.toMatchObject({ statusCode: 400, param: 'customer', code: 'resource_missing' });

    // A deleted customer is gone for good: no retrieve, no new session for them.
    expect(await stripe.customers.del(ben.id)).toEqual({ id: ben.id, object: 'customer', deleted: true });
    await expect(stripe.customers.retrieve(ben.id)).rejects.toMatchObject({ statusCode: 404 });
    await expect(stripe.checkout.sessions.create(sessionParams({ customer: ben.id }))).rejects.toMatchObject({
      statusCode: 400,
      param: 'customer',
    });
  });
});

describe('hosted checkout page and webhooks', () => {
  it('shows the page, pays, redirects with the session id and sends a verifiable signed event', async () => {
    const s = await stripe.checkout.sessions.create(sessionParams());
    const pageRes = await fetch(s.url!);
    const page = await pageRes.text();
    expect(pageRes.status).toBe(200);
    expect(page).toContain('data-testid="pay-now"');
    expect(page).toContain('data-testid="cancel-checkout"');
    expect(page).toContain('value="4242 4242 4242 4242"');
    expect(page).toContain('$29.00');

    const res = await pay(s);
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`http://localhost:3000/orders/o1/paid?session_id=${s.id}`);

    const [hook] = await receiver.waitFor((r) => r.length >= 1);
    expect(hook!.url).toBe('/stripeWebhook');
    const event = stripe.webhooks.constructEvent(
      hook!.rawBody,
      String(hook!.headers['stripe-signature']),
      WHSEC,
    );
    expect(event.type).toBe('checkout.session.completed');
    const obj = event.data.object as Stripe.Checkout.Session;
    expect(obj).toMatchObject({
      id: s.id,
      status: 'complete',
      payment_status: 'paid',
      client_reference_id: 'o1',
      metadata: { orderId: 'o1' },
    });
    expect(obj.customer_details?.email).toBe('ana@example.com');
    expect(() =>
      stripe.webhooks.constructEvent(hook!.rawBody, String(hook!.headers['stripe-signature']), 'whsec_other'),
    ).toThrow();

    expect((await stripe.events.retrieve(event.id)).type).toBe('checkout.session.completed');
    const after = await stripe.checkout.sessions.retrieve(s.id);
    expect(after).toMatchObject({ status: 'complete', payment_status: 'paid', url: null });
    expect(after.payment_intent).toMatch(/^pi_/);
  });

  it('sends one event for a double submit', async () => {
    const s = await stripe.checkout.sessions.create(sessionParams());
    const [a, b] = await Promise.all([pay(s), pay(s)]);
    expect([a.status, b.status]).toEqual([303, 303]);
    expect((await pay(s)).status).toBe(303);
    await receiver.waitFor((r) => r.length >= 1);
    await new Promise((r) => setTimeout(r, 300));
    const completed = receiver.received.filter((h) => JSON.parse(h.rawBody).data.object.id === s.id);
    expect(completed).toHaveLength(1);
    const events = await stripe.events.list({ type: 'checkout.session.completed', limit: 100 });
    expect(events.data.filter((e) => (e.data.object as Stripe.Checkout.Session).id === s.id)).toHaveLength(1);
  });

  it('declines 4000 0000 0000 0002 with a visible error and no event', async () => {
    const s = await stripe.checkout.sessions.create(sessionParams());
    const res = await pay(s, '4000 0000 0000 0002');
    expect(res.status).toBe(402);
    const html = await res.text();
    expect(html).toContain('data-testid="card-error"');
    expect(html).toContain('Your card was declined.');
    expect(html).toContain('value="4000 0000 0000 0002"');
    await new Promise((r) => setTimeout(r, 200));
    expect(receiver.received).toHaveLength(0);
    expect((await stripe.checkout.sessions.retrieve(s.id)).status).toBe('open');
    expect((await pay(s, '4242 4242 4242 4241')).status).toBe(402);
  });

  it('retries a failing endpoint with backoff, signing each attempt afresh', async () => {
    receiver.respond = (_h, i) => (i < 2 ? 500 : 200);
    const s = await stripe.checkout.sessions.create(sessionParams());
    await pay(s);
    const hooks = await receiver.waitFor((r) => r.length >= 3);
    const ids = hooks.map((h) => JSON.parse(h.rawBody).id as string);
    expect(new Set(ids).size).toBe(1);
    for (const h of hooks)
      expect(() =>
        stripe.webhooks.constructEvent(h.rawBody, String(h.headers['stripe-signature']), WHSEC),
      ).not.toThrow();
    await vi.waitFor(() =>
      expect(standin.webhooks.attempts.get(ids[0]!)?.map((a) => a.status)).toEqual([500, 500, 200]),
    );
    expect((await stripe.events.retrieve(ids[0]!)).pending_webhooks).toBe(0);
  });

  it('gives up after the bounded number of attempts', async () => {
    receiver.respond = () => 503;
    const s = await stripe.checkout.sessions.create(sessionParams());
    await pay(s);
    await receiver.waitFor((r) => r.length >= 4);
    await new Promise((r) => setTimeout(r, 300));
    expect(receiver.received).toHaveLength(4);
  });

  it('re-delivers the same signed event on request (replay)', async () => {
    const s = await stripe.checkout.sessions.create(sessionParams());
    await pay(s);
    const [first] = await receiver.waitFor((r) => r.length >= 1);
    const id = JSON.parse(first!.rawBody).id as string;
    const res = await fetch(`${standin.url}/_standin/events/${id}/resend`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${KEY}` },
    });
    expect(await res.json()).toMatchObject({ id, delivered: true });
    const hooks = await receiver.waitFor((r) => r.length >= 2);
    expect(JSON.parse(hooks[1]!.rawBody).id).toBe(id);
    expect(hooks[1]!.rawBody).toBe(first!.rawBody);
    const noAuth = await fetch(`${standin.url}/_standin/events/${id}/resend`, { method: 'POST' });
    expect(noAuth.status).toBe(401);
  });

  it('expires a session on request: checkout.session.expired, and the page refuses to pay', async () => {
    const s = await stripe.checkout.sessions.create(sessionParams());
    const res = await fetch(`${standin.url}/_standin/sessions/${s.id}/expire`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${KEY}` },
    });
    expect(res.status).toBe(200);
    const [hook] = await receiver.waitFor((r) => r.length >= 1);
    const event = stripe.webhooks.constructEvent(
      hook!.rawBody,
      String(hook!.headers['stripe-signature']),
      WHSEC,
    );
    expect(event.type).toBe('checkout.session.expired');
    expect((await fetch(`${standin.url}/pay/${s.id}`)).status).toBe(410);
    expect((await pay(s)).status).toBe(410);
    await expect(stripe.checkout.sessions.expire(s.id)).rejects.toMatchObject({ statusCode: 400 });
  });

  it('accepts a promotion code typed on the page when allow_promotion_codes is set', async () => {
    const coupon = await stripe.coupons.create({ percent_off: 100, duration: 'once' });
    await stripe.promotionCodes.create({
      promotion: { type: 'coupon', coupon: coupon.id },
      code: 'FREEPASS',
    });
    const s = await stripe.checkout.sessions.create(sessionParams({ allow_promotion_codes: true }));
    const bad = await fetch(`${standin.url}/pay/${s.id}`, {
      method: 'POST',
      body: new URLSearchParams({ action: 'apply-code', promotion_code: 'NOPE' }),
    });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('This code is invalid.');
    const ok = await fetch(`${standin.url}/pay/${s.id}`, {
      method: 'POST',
      body: new URLSearchParams({ action: 'apply-code', promotion_code: 'freepass' }),
    });
    expect(await ok.text()).toContain('data-testid="checkout-discount"');
    expect((await pay(s)).status).toBe(303);
    const [hook] = await receiver.waitFor((r) => r.length >= 1);
    expect(JSON.parse(hook!.rawBody).data.object).toMatchObject({
      amount_total: 0,
      payment_status: 'no_payment_required',
    });
  });
});

describe('automatic expiry', () => {
  it('expires open sessions after their lifetime and sends checkout.session.expired', async () => {
    const short = await startStandinUnderTest({ sessionTtlSec: 1, expirySweepMs: 100 });
    try {
      const s = await short.stripe.checkout.sessions.create(sessionParams());
      const [hook] = await short.receiver.waitFor((r) => r.length >= 1, 5000);
      expect(JSON.parse(hook!.rawBody)).toMatchObject({
        type: 'checkout.session.expired',
        data: { object: { id: s.id, status: 'expired' } },
      });
    } finally {
      await short.stop();
    }
  });
});
