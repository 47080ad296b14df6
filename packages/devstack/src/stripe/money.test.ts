import type Stripe from 'stripe';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { WebhookReceiver } from '../http/webhook-receiver.js';
import type { StripeStandin } from './server.js';
import {
  sessionParams,
  startStandinUnderTest,
  submitPayForm,
  TEST_KEY,
  TEST_WEBHOOK_SECRET,
  type StandinUnderTest,
} from './test-harness.js';

/*
 * Money that goes wrong, through the official SDK: the PaymentIntent and Charge of a paid session,
 * refunds (partial, full, over-refund, retried with one Idempotency-Key), disputes from Stripe's
 * dispute test card and their closing, and products/prices with lookup keys paid through Checkout.
 */

let standin: StripeStandin;
let receiver: WebhookReceiver;
let stripe: Stripe;
let harness: StandinUnderTest;

beforeAll(async () => {
  harness = await startStandinUnderTest({
    retry: { maxAttempts: 3, baseDelayMs: 20, maxDelayMs: 100, timeoutMs: 2000 },
    disputeDelayMs: 50,
  });
  ({ standin, receiver, stripe } = harness);
});

afterAll(() => harness.stop());

beforeEach(() => {
  receiver.respond = () => 200;
});

/** Pays on the hosted page and returns the session as it is then. */
async function pay(session: Stripe.Checkout.Session, card = '4242 4242 4242 4242') {
  const res = await submitPayForm(standin, session.id, card);
  expect(res.status).toBe(303);
  return stripe.checkout.sessions.retrieve(session.id);
}

/** A paid session and its PaymentIntent id. */
async function paidSession(over: Partial<Stripe.Checkout.SessionCreateParams> = {}, card?: string) {
  const session = await pay(await stripe.checkout.sessions.create(sessionParams(over)), card);
  return { session, pi: session.payment_intent as string };
}

/** Every event received so far, each checked with the SDK's own signature verification. */
function verifiedEvents(): Stripe.Event[] {
  return receiver.received.map((h) =>
    stripe.webhooks.constructEvent(h.rawBody, String(h.headers['stripe-signature']), TEST_WEBHOOK_SECRET),
  );
}

type Obj = { id: string; [k: string]: unknown };
const objOf = (e: Stripe.Event) => e.data.object as unknown as Obj;

/** Waits until an event of `type` whose object matches has arrived; returns it, verified. */
async function eventFor(type: string, match: (o: Obj) => boolean): Promise<Stripe.Event> {
  const find = () => verifiedEvents().find((e) => e.type === type && match(objOf(e)));
  await receiver.waitFor(() => find() !== undefined, 5000);
  return find()!;
}

const eventsFor = (type: string, match: (o: Obj) => boolean) =>
  verifiedEvents().filter((e) => e.type === type && match(objOf(e)));

const settle = (ms = 200) => new Promise((r) => setTimeout(r, ms));

describe('PaymentIntent and Charge of a paid session', () => {
  it('creates a succeeded PaymentIntent with its Charge, metadata from payment_intent_data', async () => {
    const { session, pi: piId } = await paidSession({
      payment_intent_data: { metadata: { orderId: 'o1', uid: 'u1' }, description: 'Likeness order o1' },
    });
    expect(piId).toMatch(/^pi_/);
    const pi = await stripe.paymentIntents.retrieve(piId);
    expect(pi).toMatchObject({
      id: piId,
      object: 'payment_intent',
      amount: 2900,
      amount_received: 2900,
      currency: 'usd',
      status: 'succeeded',
      metadata: { orderId: 'o1', uid: 'u1' },
      description: 'Likeness order o1',
      livemode: false,
    });
    expect(pi.latest_charge).toMatch(/^ch_/);
    const charge = await stripe.charges.retrieve(pi.latest_charge as string);
    expect(charge).toMatchObject({
      object: 'charge',
      amount: 2900,
      amount_captured: 2900,
      amount_refunded: 0,
      refunded: false,
      currency: 'usd',
      payment_intent: piId,
      disputed: false,
      paid: true,
      captured: true,
      status: 'succeeded',
      billing_details: { email: 'ana@example.com', name: 'Ana' },
      payment_method_details: { type: 'card', card: { brand: 'visa', last4: '4242', exp_year: 2034 } },
    });

    // Expansions, and finding the session back from its PaymentIntent.
    const expanded = await stripe.checkout.sessions.retrieve(session.id, {
      expand: ['payment_intent.latest_charge'],
    });
    const epi = expanded.payment_intent as Stripe.PaymentIntent;
    expect(epi.id).toBe(piId);
    expect((epi.latest_charge as Stripe.Charge).id).toBe(charge.id);
    expect(
      (
        (await stripe.paymentIntents.retrieve(piId, { expand: ['latest_charge'] }))
          .latest_charge as Stripe.Charge
      ).amount,
    ).toBe(2900);
    const found = await stripe.checkout.sessions.list({ payment_intent: piId });
    expect(found.data.map((s) => s.id)).toEqual([session.id]);
    expect((await stripe.charges.list({ payment_intent: piId })).data.map((c) => c.id)).toEqual([charge.id]);
  });

  it('copies nothing when payment_intent_data is absent, and makes no PaymentIntent for a free order', async () => {
    const { pi } = await paidSession();
    expect((await stripe.paymentIntents.retrieve(pi)).metadata).toEqual({});
    const coupon = await stripe.coupons.create({ percent_off: 100, duration: 'once' });
    const free = await pay(
      await stripe.checkout.sessions.create(sessionParams({ discounts: [{ coupon: coupon.id }] })),
    );
    expect(free).toMatchObject({ payment_status: 'no_payment_required', payment_intent: null });
    await expect(stripe.paymentIntents.retrieve('pi_missing')).rejects.toMatchObject({
      statusCode: 404,
      code: 'resource_missing',
    });
  });
});

describe('refunds', () => {
  it('refunds part, then the rest, updating the charge and sending signed refund.created and charge.refunded', async () => {
    const { pi } = await paidSession({ payment_intent_data: { metadata: { orderId: 'o9' } } });
    const part = await stripe.refunds.create({
      payment_intent: pi,
      amount: 1000,
      reason: 'requested_by_customer',
      metadata: { orderId: 'o9' },
    });
    expect(part).toMatchObject({
      object: 'refund',
      amount: 1000,
      currency: 'usd',
      payment_intent: pi,
      reason: 'requested_by_customer',
      status: 'succeeded',
      metadata: { orderId: 'o9' },
    });
    expect(part.id).toMatch(/^re_/);
    const chargeId = part.charge as string;
    expect(await stripe.charges.retrieve(chargeId)).toMatchObject({ amount_refunded: 1000, refunded: false });

    const created = await eventFor('refund.created', (o) => o.id === part.id);
    expect(created.data.object).toMatchObject({ id: part.id, amount: 1000, payment_intent: pi });
    expect(created.request).toMatchObject({ id: expect.stringMatching(/^req_/) });
    const refunded = await eventFor('charge.refunded', (o) => o.id === chargeId);
    expect(refunded.data.object).toMatchObject({
      id: chargeId,
      amount: 2900,
      amount_refunded: 1000,
      refunded: false,
      payment_intent: pi,
    });
    expect(refunded.data.previous_attributes).toEqual({ amount_refunded: 0 });
    // refund.created is sent before charge.refunded.
    const order = verifiedEvents()
      .filter((e) => [part.id, chargeId].includes(objOf(e).id))
      .map((e) => e.type);
    expect(order).toEqual(['refund.created', 'charge.refunded']);

    // No amount: what is left.
    const rest = await stripe.refunds.create({ charge: chargeId });
    expect(rest).toMatchObject({ amount: 1900, payment_intent: pi, charge: chargeId, reason: null });
    expect(await stripe.charges.retrieve(chargeId)).toMatchObject({ amount_refunded: 2900, refunded: true });
    const full = await eventFor('charge.refunded', (o) => o.id === chargeId && o.refunded === true);
    expect(full.data.object).toMatchObject({ amount_refunded: 2900 });
    expect(full.data.previous_attributes).toEqual({ amount_refunded: 1000, refunded: false });

    // The charge lists its refunds only when expanded (Stripe's API since 2022-11-15).
    expect((await stripe.charges.retrieve(chargeId)).refunds).toBeUndefined();
    const withRefunds = await stripe.charges.retrieve(chargeId, { expand: ['refunds'] });
    expect(withRefunds.refunds?.data.map((r) => [r.id, r.reason])).toEqual([
      [rest.id, null],
      [part.id, 'requested_by_customer'],
    ]);

    // Listing and retrieving.
    const list = await stripe.refunds.list({ payment_intent: pi });
    expect(list.data.map((r) => r.id)).toEqual([rest.id, part.id]);
    expect((await stripe.refunds.retrieve(part.id)).amount).toBe(1000);
    expect(
      ((await stripe.refunds.retrieve(part.id, { expand: ['charge'] })).charge as Stripe.Charge)
        .amount_refunded,
    ).toBe(2900);

    // Fully refunded: Stripe's charge_already_refunded.
    await expect(stripe.refunds.create({ payment_intent: pi })).rejects.toMatchObject({
      type: 'StripeInvalidRequestError',
      statusCode: 400,
      code: 'charge_already_refunded',
      message: `Charge ${chargeId} has already been refunded.`,
    });
  });

  it("refuses more than is left with Stripe's amount_too_large", async () => {
    const { pi } = await paidSession();
    await expect(stripe.refunds.create({ payment_intent: pi, amount: 3000 })).rejects.toMatchObject({
      statusCode: 400,
      type: 'StripeInvalidRequestError',
      code: 'amount_too_large',
      param: 'amount',
      message: 'Refund amount ($30.00) is greater than unrefunded amount on charge ($29.00)',
    });
    await stripe.refunds.create({ payment_intent: pi, amount: 2000 });
    await expect(stripe.refunds.create({ payment_intent: pi, amount: 1000 })).rejects.toMatchObject({
      code: 'amount_too_large',
      message: 'Refund amount ($10.00) is greater than unrefunded amount on charge ($9.00)',
    });
    await expect(stripe.refunds.create({ payment_intent: pi, amount: 0 })).rejects.toMatchObject({
      statusCode: 400,
      param: 'amount',
    });
  });

  it('answers unknown or missing references as Stripe does', async () => {
    await expect(stripe.refunds.create({ payment_intent: 'pi_nope' })).rejects.toMatchObject({
      statusCode: 404,
      code: 'resource_missing',
      param: 'payment_intent',
      message: "No such payment_intent: 'pi_nope'",
    });
    await expect(stripe.refunds.create({ charge: 'ch_nope' })).rejects.toMatchObject({
      statusCode: 404,
      code: 'resource_missing',
      param: 'charge',
    });
    await expect(stripe.refunds.create({ amount: 100 })).rejects.toMatchObject({ statusCode: 400 });
    await expect(stripe.refunds.retrieve('re_nope')).rejects.toMatchObject({ statusCode: 404 });
    const a = await paidSession();
    const b = await paidSession();
    const chargeB = (await stripe.paymentIntents.retrieve(b.pi)).latest_charge as string;
    await expect(stripe.refunds.create({ payment_intent: a.pi, charge: chargeB })).rejects.toMatchObject({
      statusCode: 400,
      param: 'charge',
    });
    await expect(
      stripe.refunds.create({ payment_intent: a.pi, reason: 'changed_mind' as 'duplicate' }),
    ).rejects.toMatchObject({ statusCode: 400, param: 'reason' });
  });

  it('refunds once for a retried request with the same Idempotency-Key', async () => {
    const { pi } = await paidSession();
    const params = { payment_intent: pi, amount: 500, reason: 'duplicate' as const };
    const first = await stripe.refunds.create(params, { idempotencyKey: `refund:${pi}` });
    const again = await stripe.refunds.create(params, { idempotencyKey: `refund:${pi}` });
    expect(again.id).toBe(first.id);
    expect(again.lastResponse.headers['idempotent-replayed']).toBe('true');
    const charge = await stripe.charges.retrieve(first.charge as string);
    expect(charge.amount_refunded).toBe(500);
    expect((await stripe.refunds.list({ payment_intent: pi })).data).toHaveLength(1);
    await settle();
    expect(eventsFor('refund.created', (o) => o.payment_intent === pi)).toHaveLength(1);

    // Same key, other parameters: Stripe's idempotency error, and still one refund.
    await expect(
      stripe.refunds.create({ ...params, amount: 600 }, { idempotencyKey: `refund:${pi}` }),
    ).rejects.toMatchObject({ type: 'StripeIdempotencyError' });

    // Two at once with one key: one runs, the other is refused (409) or replays it; one refund.
    const raw = () =>
      fetch(`${standin.url}/v1/refunds`, {
        method: 'POST',
        headers: {
          Authorization: `Bearer ${TEST_KEY}`,
          'Content-Type': 'application/x-www-form-urlencoded',
          'Idempotency-Key': `burst:${pi}`,
        },
        body: `payment_intent=${pi}&amount=700`,
      });
    const answers = await Promise.all([raw(), raw(), raw()]);
    const bodies = (await Promise.all(answers.map((r) => r.json()))) as Array<{ id?: string }>;
    for (const r of answers) expect([200, 409]).toContain(r.status);
    expect(new Set(bodies.filter((b) => b.id).map((b) => b.id)).size).toBe(1);
    expect((await stripe.charges.retrieve(first.charge as string)).amount_refunded).toBe(1200);
  });
});

describe('disputes', () => {
  it('pays with 4000 0000 0000 0259, then sends charge.dispute.created after checkout.session.completed', async () => {
    const { session, pi } = await paidSession({}, '4000 0000 0000 0259');
    expect(session.payment_status).toBe('paid');
    const created = await eventFor('charge.dispute.created', (o) => o.payment_intent === pi);
    const dispute = created.data.object as Stripe.Dispute;
    const chargeId = (await stripe.paymentIntents.retrieve(pi)).latest_charge as string;
    expect(dispute).toMatchObject({
      object: 'dispute',
      amount: 2900,
      currency: 'usd',
      charge: chargeId,
      payment_intent: pi,
      reason: 'fraudulent',
      status: 'needs_response',
      is_charge_refundable: false,
      evidence: { uncategorized_text: null },
      evidence_details: { has_evidence: false, submission_count: 0, past_due: false },
    });
    expect(dispute.id).toMatch(/^du_/);
    expect(dispute.evidence_details.due_by).toBeGreaterThan(dispute.created);
    expect(created.request).toEqual({ id: null, idempotency_key: null });

    // In order: the session's completion first, then the dispute.
    const types = verifiedEvents()
      .filter((e) => {
        const o = objOf(e);
        return o.id === session.id || o.payment_intent === pi;
      })
      .map((e) => e.type);
    expect(types).toEqual(['checkout.session.completed', 'charge.dispute.created']);

    expect(await stripe.charges.retrieve(chargeId)).toMatchObject({ disputed: true, refunded: false });
    expect((await stripe.disputes.retrieve(dispute.id)).status).toBe('needs_response');
    expect((await stripe.disputes.list({ payment_intent: pi })).data.map((d) => d.id)).toEqual([dispute.id]);

    // A charged-back charge cannot be refunded.
    await expect(stripe.refunds.create({ payment_intent: pi })).rejects.toMatchObject({
      statusCode: 400,
      code: 'charge_disputed',
      message: `Charge ${chargeId} has been charged back; cannot issue a refund.`,
    });
  });

  const disputeOf = async (card = '4000000000000259') => {
    const { pi } = await paidSession({}, card);
    const created = await eventFor('charge.dispute.created', (o) => o.payment_intent === pi);
    return { pi, dispute: created.data.object as Stripe.Dispute };
  };

  it('wins with winning_evidence and sends charge.dispute.closed; a closed dispute cannot change', async () => {
    const { dispute } = await disputeOf();
    // Staged evidence (submit=false) changes nothing but the evidence.
    const staged = await stripe.disputes.update(dispute.id, {
      evidence: { product_description: 'AI headshots, delivered' },
      submit: false,
    });
    expect(staged).toMatchObject({
      status: 'needs_response',
      evidence: { product_description: 'AI headshots, delivered' },
      evidence_details: { submission_count: 0 },
    });
    const updated = await eventFor('charge.dispute.updated', (o) => o.id === dispute.id);
    expect(updated.data.previous_attributes).toHaveProperty('evidence');

    const won = await stripe.disputes.update(dispute.id, {
      evidence: { uncategorized_text: 'winning_evidence' },
      metadata: { case: 'c1' },
    });
    expect(won).toMatchObject({
      status: 'won',
      metadata: { case: 'c1' },
      evidence: { uncategorized_text: 'winning_evidence', product_description: 'AI headshots, delivered' },
      evidence_details: { has_evidence: true, submission_count: 1 },
    });
    const closed = await eventFor('charge.dispute.closed', (o) => o.id === dispute.id);
    expect(closed.data.object).toMatchObject({ id: dispute.id, status: 'won', charge: dispute.charge });
    expect(closed.data.previous_attributes).toMatchObject({ status: 'needs_response' });

    await expect(
      stripe.disputes.update(dispute.id, { evidence: { uncategorized_text: 'losing_evidence' } }),
    ).rejects.toMatchObject({ statusCode: 400, type: 'StripeInvalidRequestError' });
    await expect(stripe.disputes.close(dispute.id)).rejects.toMatchObject({ statusCode: 400 });
  });

  it('loses with losing_evidence, and on close (accepting the dispute)', async () => {
    const lose = await disputeOf();
    const lost = await stripe.disputes.update(lose.dispute.id, {
      evidence: { uncategorized_text: 'losing_evidence' },
    });
    expect(lost.status).toBe('lost');
    expect(
      (await eventFor('charge.dispute.closed', (o) => o.id === lose.dispute.id)).data.object,
    ).toMatchObject({
      status: 'lost',
    });

    const accept = await disputeOf('4000 0000 0000 2685');
    expect(accept.dispute.reason).toBe('product_not_received');
    const closed = await stripe.disputes.close(accept.dispute.id);
    expect(closed).toMatchObject({ id: accept.dispute.id, status: 'lost' });
    const event = await eventFor('charge.dispute.closed', (o) => o.id === accept.dispute.id);
    expect(event.data.object).toMatchObject({ status: 'lost', payment_intent: accept.pi });

    // Other evidence leaves it under review (charge.dispute.updated).
    const other = await disputeOf();
    const review = await stripe.disputes.update(other.dispute.id, {
      evidence: { uncategorized_text: 'The customer downloaded all 120 photos.' },
    });
    expect(review.status).toBe('under_review');
    await eventFor('charge.dispute.updated', (o) => o.id === other.dispute.id && o.status === 'under_review');

    await expect(stripe.disputes.retrieve('du_nope')).rejects.toMatchObject({
      statusCode: 404,
      code: 'resource_missing',
    });
    await expect(
      stripe.disputes.update(other.dispute.id, {
        evidence: { not_a_field: 'x' } as Stripe.DisputeUpdateParams.Evidence,
      }),
    ).rejects.toMatchObject({ statusCode: 400, code: 'parameter_unknown', param: 'evidence[not_a_field]' });
  });

  it('disputes any paid charge through the control endpoint', async () => {
    const { pi } = await paidSession();
    const chargeId = (await stripe.paymentIntents.retrieve(pi)).latest_charge as string;
    const res = await fetch(`${standin.url}/_standin/charges/${chargeId}/dispute`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${TEST_KEY}`, 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'reason=duplicate',
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      dispute: { reason: 'duplicate', charge: chargeId },
      delivered: true,
    });
    expect((await stripe.charges.retrieve(chargeId)).disputed).toBe(true);
  });
});

describe('products and prices with lookup keys', () => {
  it('creates products and prices, keeps lookup keys unique, and transfers them on request', async () => {
    const product = await stripe.products.create({
      id: 'plan_pro_test',
      name: 'Pro plan',
      description: '120 headshots',
      metadata: { planId: 'pro' },
    });
    expect(product).toMatchObject({
      id: 'plan_pro_test',
      object: 'product',
      active: true,
      name: 'Pro plan',
      description: '120 headshots',
      metadata: { planId: 'pro' },
    });
    expect((await stripe.products.retrieve('plan_pro_test')).name).toBe('Pro plan');
    await expect(stripe.products.create({ id: 'plan_pro_test', name: 'Again' })).rejects.toMatchObject({
      statusCode: 400,
      code: 'resource_already_exists',
    });
    await expect(stripe.products.retrieve('prod_nope')).rejects.toMatchObject({ statusCode: 404 });

    const v1 = await stripe.prices.create({
      product: product.id,
      unit_amount: 2900,
      currency: 'usd',
      lookup_key: 'pro_test_usd',
      metadata: { planId: 'pro' },
    });
    expect(v1).toMatchObject({
      object: 'price',
      active: true,
      product: product.id,
      unit_amount: 2900,
      currency: 'usd',
      lookup_key: 'pro_test_usd',
      type: 'one_time',
      recurring: null,
      metadata: { planId: 'pro' },
    });
    expect(String(v1.unit_amount_decimal)).toBe('2900');

    await expect(
      stripe.prices.create({
        product: product.id,
        unit_amount: 3900,
        currency: 'usd',
        lookup_key: 'pro_test_usd',
      }),
    ).rejects.toMatchObject({
      statusCode: 400,
      type: 'StripeInvalidRequestError',
      param: 'lookup_key',
      message: `A price (\`${v1.id}\`) already uses that lookup key.`,
    });

    const v2 = await stripe.prices.create({
      product: product.id,
      unit_amount: 3900,
      currency: 'usd',
      lookup_key: 'pro_test_usd',
      transfer_lookup_key: true,
    });
    expect(v2.lookup_key).toBe('pro_test_usd');
    expect((await stripe.prices.retrieve(v1.id)).lookup_key).toBeNull();
    const byKey = await stripe.prices.list({ lookup_keys: ['pro_test_usd'], expand: ['data.product'] });
    expect(byKey.data.map((p) => p.id)).toEqual([v2.id]);
    expect((byKey.data[0]!.product as Stripe.Product).name).toBe('Pro plan');

    // Archive the old one; only active ones are listed with active=true.
    const archived = await stripe.prices.update(v1.id, { active: false, metadata: { planId: '' } });
    expect(archived).toMatchObject({ active: false, metadata: {} });
    const active = await stripe.prices.list({ product: product.id, active: true });
    expect(active.data.map((p) => p.id)).toEqual([v2.id]);

    // Moving the key back with an update needs transfer_lookup_key too.
    await expect(stripe.prices.update(v1.id, { lookup_key: 'pro_test_usd' })).rejects.toMatchObject({
      statusCode: 400,
      param: 'lookup_key',
    });
    const back = await stripe.prices.update(v1.id, { lookup_key: 'pro_test_usd', transfer_lookup_key: true });
    expect(back.lookup_key).toBe('pro_test_usd');
    expect((await stripe.prices.retrieve(v2.id)).lookup_key).toBeNull();
  });

  it('creates a price with product_data, and refuses what the stand-in or Stripe would not take', async () => {
    const price = await stripe.prices.create({
      product_data: { name: 'Starter plan', metadata: { planId: 'starter' } },
      unit_amount: 1900,
      currency: 'eur',
      lookup_key: 'starter_test_eur',
    });
    const product = await stripe.products.retrieve(price.product as string);
    expect(product).toMatchObject({ name: 'Starter plan', metadata: { planId: 'starter' } });
    expect((await stripe.prices.retrieve(price.id, { expand: ['product'] })).product).toMatchObject({
      id: product.id,
    });
    await expect(
      stripe.prices.create({ product: 'prod_nope', unit_amount: 100, currency: 'usd' }),
    ).rejects.toMatchObject({ statusCode: 400, code: 'resource_missing', param: 'product' });
    await expect(stripe.prices.create({ unit_amount: 100, currency: 'usd' })).rejects.toMatchObject({
      statusCode: 400,
      code: 'parameter_missing',
    });
    await expect(
      stripe.prices.create({
        product: product.id,
        unit_amount: 100,
        currency: 'usd',
        recurring: { interval: 'month' },
      }),
    ).rejects.toMatchObject({ statusCode: 400, param: 'recurring' });
    await expect(stripe.prices.retrieve('price_nope')).rejects.toMatchObject({ statusCode: 404 });
  });
});

describe('Checkout with a price id', () => {
  it('bills the price × quantity, shows it in line_items, and pays it', async () => {
    const price = await stripe.prices.create({
      product_data: { name: 'Team plan: 5 seats' },
      unit_amount: 4900,
      currency: 'usd',
      lookup_key: 'team_test_usd',
    });
    const [found] = (await stripe.prices.list({ lookup_keys: ['team_test_usd'], active: true })).data;
    const session = await stripe.checkout.sessions.create(
      sessionParams({ line_items: [{ price: found!.id, quantity: 2 }] }),
    );
    expect(session).toMatchObject({ amount_subtotal: 9800, amount_total: 9800, currency: 'usd' });
    const items = await stripe.checkout.sessions.listLineItems(session.id);
    expect(items.data[0]).toMatchObject({
      description: 'Team plan: 5 seats',
      quantity: 2,
      amount_subtotal: 9800,
      amount_total: 9800,
      price: { id: price.id, lookup_key: 'team_test_usd', unit_amount: 4900, product: price.product },
    });
    const page = await (await fetch(session.url!)).text();
    expect(page).toContain('$98.00');
    const paid = await pay(session);
    const pi = await stripe.paymentIntents.retrieve(paid.payment_intent as string);
    expect(pi.amount).toBe(9800);
    const completed = await eventFor('checkout.session.completed', (o) => o.id === session.id);
    expect(completed.data.object).toMatchObject({ amount_total: 9800, payment_status: 'paid' });
  });

  it('makes a product for price_data (and none for a refused request), and mixes both kinds of items', async () => {
    const price = await stripe.prices.create({
      product_data: { name: 'Extra pack' },
      unit_amount: 900,
      currency: 'usd',
    });
    const session = await stripe.checkout.sessions.create(
      sessionParams({
        line_items: [
          {
            price_data: { currency: 'usd', unit_amount: 2900, product_data: { name: 'Pro plan (inline)' } },
            quantity: 1,
          },
          { price: price.id, quantity: 1 },
        ],
      }),
    );
    expect(session.amount_subtotal).toBe(3800);
    const items = await stripe.checkout.sessions.listLineItems(session.id);
    const inline = items.data[0]!.price!;
    expect(inline.active).toBe(false);
    expect((await stripe.products.retrieve(inline.product as string)).name).toBe('Pro plan (inline)');

    const before = standin.state.catalog.products.size;
    await expect(
      stripe.checkout.sessions.create(
        sessionParams({
          line_items: [
            {
              price_data: { currency: 'usd', unit_amount: 100, product_data: { name: 'Refused' } },
              quantity: 1,
            },
            { price: price.id, quantity: 1 },
            {
              price_data: { currency: 'eur', unit_amount: 100, product_data: { name: 'Refused too' } },
              quantity: 1,
            },
          ],
        }),
      ),
    ).rejects.toMatchObject({ statusCode: 400, param: 'line_items[2][price_data][currency]' });
    expect(standin.state.catalog.products.size).toBe(before);
  });

  it("refuses an unknown or inactive price with Stripe's 400", async () => {
    await expect(
      stripe.checkout.sessions.create(sessionParams({ line_items: [{ price: 'price_nope', quantity: 1 }] })),
    ).rejects.toMatchObject({
      statusCode: 400,
      code: 'resource_missing',
      param: 'line_items[0][price]',
      message: "No such price: 'price_nope'",
    });
    const price = await stripe.prices.create({
      product_data: { name: 'Old plan' },
      unit_amount: 900,
      currency: 'usd',
    });
    await stripe.prices.update(price.id, { active: false });
    await expect(
      stripe.checkout.sessions.create(sessionParams({ line_items: [{ price: price.id, quantity: 1 }] })),
    ).rejects.toMatchObject({
      statusCode: 400,
      type: 'StripeInvalidRequestError',
      param: 'line_items[0][price]',
      message: 'The price specified is inactive. This field only accepts active prices.',
    });
    await expect(
      stripe.checkout.sessions.create(sessionParams({ line_items: [{ price: price.id }] })),
    ).rejects.toMatchObject({ statusCode: 400, param: 'line_items[0][quantity]' });
  });
});

describe('dashboard', () => {
  it('lists refunds and disputes', async () => {
    const { pi } = await paidSession();
    const refund = await stripe.refunds.create({ payment_intent: pi, amount: 100 });
    const { pi: disputedPi } = await paidSession({}, '4000000000000259');
    const created = await eventFor('charge.dispute.created', (o) => o.payment_intent === disputedPi);
    const html = await (await fetch(`${standin.url}/`)).text();
    expect(html).toContain('Refunds and disputes');
    expect(html).toContain(refund.id);
    expect(html).toContain(objOf(created).id);
  });
});
