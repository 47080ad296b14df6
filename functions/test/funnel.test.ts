/**
 * Server-side funnel events against the local stack: the Stripe webhook's purchase and refund reach
 * the GA4 stand-in through the Measurement Protocol once each, whatever Stripe replays.
 *   node packages/devstack/dist/launcher.js --offset 50 --project demo-x --no-web \
 *     --exec "node_modules/.bin/vitest run --project emulator functions/test/funnel.test.ts"
 */
import { COLLECTIONS, PLANS, type CreateCheckoutResponse } from '@likeness/core';
import type Stripe from 'stripe';
import { beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  payOnStandin,
  postStripeWebhook,
  readOrderDoc,
  readyOrder,
  standinStripe,
} from './helpers/customer.js';
import { callFunction, sleep, testDb, waitFor, type TestUser } from './helpers/emulator.js';

const analyticsUrl = z
  .object({ analytics: z.string().url() })
  .parse(JSON.parse(process.env.LIKENESS_STANDIN_URLS ?? '{}')).analytics;

interface Collected {
  name: string;
  channel: string;
  clientId: string;
  params: Record<string, unknown>;
  consent: Record<string, unknown>;
}
const serverEvents = async (name: string, orderId: string) =>
  (
    (await (
      await fetch(`${analyticsUrl}/api/events?channel=measurement-protocol&name=${name}`)
    ).json()) as Collected[]
  ).filter((e) => e.params.transaction_id === orderId);

const stripe = standinStripe();
async function stripeEvent(
  type: string,
  match: (o: Record<string, unknown>) => boolean,
): Promise<Stripe.Event> {
  return waitFor(
    async () =>
      (await stripe.events.list({ type, limit: 100 })).data.find((e) => match(e.data.object as never)),
    { what: `a ${type} event` },
  );
}

/** Long enough for a task the emulator would dispatch for a replay to have run. */
const TASK_SETTLE_MS = 4_000;

describe('GA4 purchase and refund through the Measurement Protocol', () => {
  let user: TestUser;
  let orderId: string;
  let sessionId: string;

  beforeAll(async () => {
    ({ user, orderId } = await readyOrder({ planId: 'starter', firstSelfie: 80 }));
    // What the browser stores at draft creation when the visitor allowed analytics and ads.
    await testDb
      .collection(COLLECTIONS.orders)
      .doc(orderId)
      .update({
        attribution: { source: 'houston-page', gaClientId: '1234567.1700000000', adsConsent: true },
      });
    ({ sessionId } = await callFunction<CreateCheckoutResponse>('createCheckout', { orderId }, user.idToken));
  }, 240_000);

  it('sends one purchase with transaction_id = order id; a replayed webhook sends none more', async () => {
    const pay = await payOnStandin(sessionId, user.email);
    expect([302, 303]).toContain(pay.status);

    const [purchase] = await waitFor(
      async () => {
        const got = await serverEvents('purchase', orderId);
        return got.length > 0 ? got : null;
      },
      { what: 'the purchase at the GA4 stand-in', timeoutMs: 30_000 },
    );
    expect(purchase).toMatchObject({
      clientId: '1234567.1700000000',
      params: {
        transaction_id: orderId,
        value: PLANS.starter.priceCents / 100,
        currency: 'USD',
        plan_id: 'starter',
      },
      consent: { adUserData: 'GRANTED', adPersonalization: 'GRANTED' },
    });
    // Marked sent once GA took it (just after the collector answered).
    await waitFor(
      async () =>
        (await testDb.collection(COLLECTIONS.analyticsEvents).doc(`${orderId}_purchase`).get()).get('sentAt'),
      { what: 'the purchase record marked sent' },
    );

    const completed = await stripeEvent('checkout.session.completed', (s) => s.id === sessionId);
    const replay = await postStripeWebhook(JSON.stringify(completed));
    expect(await replay.json()).toMatchObject({ outcome: 'replay' });
    const again = await postStripeWebhook(
      JSON.stringify({
        ...completed,
        id: `${completed.id}x`,
        type: 'checkout.session.async_payment_succeeded',
      }),
    );
    expect(await again.json()).toMatchObject({ outcome: 'already-paid' });
    await sleep(TASK_SETTLE_MS);
    expect(await serverEvents('purchase', orderId)).toHaveLength(1);
  });

  it('sends a refund for the amount refunded, once', async () => {
    const order = await readOrderDoc(orderId);
    const paymentIntent = order.payment!.paymentIntent!;
    await stripe.refunds.create({ payment_intent: paymentIntent });

    const [refund] = await waitFor(
      async () => {
        const got = await serverEvents('refund', orderId);
        return got.length > 0 ? got : null;
      },
      { what: 'the refund at the GA4 stand-in', timeoutMs: 30_000 },
    );
    expect(refund!.params).toEqual({
      transaction_id: orderId,
      value: PLANS.starter.priceCents / 100,
      currency: 'USD',
    });

    const refunded = await stripeEvent('charge.refunded', (c) => c.payment_intent === paymentIntent);
    expect(await (await postStripeWebhook(JSON.stringify(refunded))).json()).toMatchObject({
      outcome: 'replay',
    });
    await sleep(TASK_SETTLE_MS);
    expect(await serverEvents('refund', orderId)).toHaveLength(1);
  });
});
