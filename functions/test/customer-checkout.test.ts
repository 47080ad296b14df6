/**
 * Checkout and payment against the local stack: createCheckout on the Stripe stand-in, paying on
 * its hosted page (which sends the signed event to our webhook), signature failures, replays,
 * expiry. Run under the launcher:
 *   node packages/devstack/dist/launcher.js --offset 100 --no-web --exec "npx vitest run functions/test/customer-checkout.test.ts"
 */
import { COLLECTIONS, type CreateCheckoutResponse, MIN_ACCEPTED_PHOTOS, PLANS } from '@likeness/core';
import { randomUUID } from 'node:crypto';
import Stripe from 'stripe';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkoutSessionParams } from '../src/checkout/checkout-params.js';
import { planPriceId } from '../src/checkout/plan-price.js';
import {
  createDraftOrder,
  payOnStandin,
  postStripeWebhook,
  readOrderDoc,
  readyOrder,
  standinStripe,
  strayCheckoutSession,
} from './helpers/customer.js';
import {
  callError,
  callFunction,
  signUp,
  stack,
  testDb,
  waitFor,
  type TestUser,
} from './helpers/emulator.js';

const stripe = standinStripe();
const eventsOfOrder = async (orderId: string) =>
  (await testDb.collection(COLLECTIONS.stripeEvents).where('orderId', '==', orderId).get()).docs;

async function completedEventOf(sessionId: string): Promise<Stripe.Event> {
  return waitFor(
    async () => {
      const list = await stripe.events.list({ type: 'checkout.session.completed', limit: 100 });
      return list.data.find((e) => (e.data.object as Stripe.Checkout.Session).id === sessionId);
    },
    { what: `the completed event of ${sessionId}` },
  );
}

describe('checkout', () => {
  it('refuses an order that has not passed the photo gate', async () => {
    const user = await signUp();
    const orderId = await createDraftOrder(user);
    const err = await callError('createCheckout', { orderId }, user.idToken);
    expect(err.status).toBe('FAILED_PRECONDITION');
    expect(err.message).toContain(`${MIN_ACCEPTED_PHOTOS} more good photos needed`);
  });

  describe('a ready order', () => {
    let user: TestUser;
    let orderId: string;
    let first: CreateCheckoutResponse;
    beforeAll(async () => {
      ({ user, orderId } = await readyOrder({ planId: 'starter' }));
    });

    it('gets one Checkout Session; calling again (or twice at once) returns the same one', async () => {
      first = await callFunction<CreateCheckoutResponse>('createCheckout', { orderId }, user.idToken);
      expect(first.url.startsWith(stack.LIKENESS_STANDIN_URLS.stripe)).toBe(true);
      const [again, concurrent] = await Promise.all([
        callFunction<CreateCheckoutResponse>('createCheckout', { orderId }, user.idToken),
        callFunction<CreateCheckoutResponse>('createCheckout', { orderId }, user.idToken),
      ]);
      expect(again).toEqual(first);
      expect(concurrent).toEqual(first);

      const order = await readOrderDoc(orderId);
      expect(order.checkout?.sessionId).toBe(first.sessionId);
      const session = await stripe.checkout.sessions.retrieve(first.sessionId);
      expect(session).toMatchObject({
        status: 'open',
        mode: 'payment',
        client_reference_id: orderId,
        amount_total: PLANS.starter.priceCents,
        customer_email: user.email,
        metadata: { orderId, uid: user.uid, planId: 'starter' },
      });
      expect(session.success_url).toContain(
        `/orders/${orderId}?checkout=success&session_id={CHECKOUT_SESSION_ID}`,
      );
    });

    it("refuses a discount code that doesn't exist", async () => {
      const err = await callError('createCheckout', { orderId, discountCode: 'NOPE-123' }, user.idToken);
      expect(err.status).toBe('INVALID_ARGUMENT');
      expect(err.message).toContain("That discount code isn't valid.");
      // A mistyped code leaves the open session alone.
      expect((await stripe.checkout.sessions.retrieve(first.sessionId)).status).toBe('open');
      expect((await readOrderDoc(orderId)).checkout?.sessionId).toBe(first.sessionId);
    });

    it('another customer cannot check out my order', async () => {
      const stranger = await signUp();
      expect((await callError('createCheckout', { orderId }, stranger.idToken)).status).toBe(
        'PERMISSION_DENIED',
      );
    });

    it('refuses an unsigned or badly signed webhook without writing anything', async () => {
      const forged = JSON.stringify({
        id: `evt_forged_${randomUUID().slice(0, 8)}`,
        object: 'event',
        type: 'checkout.session.completed',
        data: {
          object: {
            id: first.sessionId,
            object: 'checkout.session',
            client_reference_id: orderId,
            payment_status: 'paid',
          },
        },
      });
      const badSecret = Stripe.webhooks.generateTestHeaderString({
        payload: forged,
        secret: 'whsec_not_the_secret',
      });
      const responses = [await postStripeWebhook(forged, badSecret), await postStripeWebhook(forged, null)];
      for (const res of responses) {
        expect(res.status).toBe(400);
        expect(await res.text()).toMatch(/signature/i);
      }
      // Tampered body under a signature made for the original payload.
      const goodHeader = Stripe.webhooks.generateTestHeaderString({
        payload: forged,
        secret: stack.STRIPE_WEBHOOK_SECRET,
      });
      expect((await postStripeWebhook(forged.replace('"paid"', '"paid" '), goodHeader)).status).toBe(400);
      const get = await fetch(`${stack.LIKENESS_FUNCTIONS_URL}/stripeWebhook`);
      expect(get.status).toBe(405);

      const order = await readOrderDoc(orderId);
      expect(order.status).toBe('ready');
      expect(order.payment).toBeUndefined();
      expect(await eventsOfOrder(orderId)).toHaveLength(0);
    });

    it('is paid when the customer pays on the hosted page; replays and later events change nothing', async () => {
      const pay = await payOnStandin(first.sessionId, user.email);
      expect([302, 303]).toContain(pay.status);
      expect(pay.headers.get('location')).toContain(`session_id=${first.sessionId}`);

      const paid = await waitFor(
        async () => {
          const o = await readOrderDoc(orderId);
          return o.payment ? o : null;
        },
        { what: 'the order to be paid' },
      );
      expect(['paid', 'training', 'generating', 'delivered']).toContain(paid.status);
      expect(paid.payment).toMatchObject({
        sessionId: first.sessionId,
        amountTotal: PLANS.starter.priceCents,
        currency: 'usd',
        discountCode: null,
      });
      const paidAt = paid.statusAt!.paid!.toMillis();

      const event = await completedEventOf(first.sessionId);
      const recorded = await testDb.collection(COLLECTIONS.stripeEvents).doc(event.id).get();
      expect(recorded.get('outcome')).toBe('paid');
      expect(recorded.get('orderId')).toBe(orderId);

      // The same event again, correctly signed: recorded already, no second effect.
      const replay = await postStripeWebhook(JSON.stringify(event));
      expect(replay.status).toBe(200);
      expect(await replay.json()).toMatchObject({ outcome: 'replay' });

      // A second event about the same payment (another id and type): recorded, nothing else.
      const later = {
        ...event,
        id: `evt_test_${randomUUID().replace(/-/g, '').slice(0, 20)}`,
        type: 'checkout.session.async_payment_succeeded',
      };
      const second = await postStripeWebhook(JSON.stringify(later));
      expect(second.status).toBe(200);
      expect(await second.json()).toMatchObject({ outcome: 'already-paid' });

      // Paying twice (a second session for the same order, e.g. from another tab) does not pay the
      // order again: it is recorded as a payment issue and refunded (payment-integrity.test.ts).
      const twice = await strayCheckoutSession(orderId, user.uid);
      expect([302, 303]).toContain((await payOnStandin(twice.id, user.email)).status);
      const twiceEvent = await completedEventOf(twice.id);
      const twiceRecord = await waitFor(
        async () => {
          const snap = await testDb.collection(COLLECTIONS.stripeEvents).doc(twiceEvent.id).get();
          return snap.exists ? snap : null;
        },
        { what: 'the second payment to be recorded' },
      );
      expect(twiceRecord.get('outcome')).toBe('payment-issue');

      const after = await readOrderDoc(orderId);
      expect(after.statusAt!.paid!.toMillis()).toBe(paidAt);
      expect(after.payment?.sessionId).toBe(first.sessionId);
      expect((await eventsOfOrder(orderId)).map((d) => d.id).sort()).toEqual(
        [event.id, later.id, twiceEvent.id].sort(),
      );

      const again = await callError('createCheckout', { orderId }, user.idToken);
      expect(again.status).toBe('FAILED_PRECONDITION');
    });
  });

  it('applies a discount code, and a changed request replaces (expires) the open session', async () => {
    const { user, orderId } = await readyOrder({ planId: 'professional', firstSelfie: 40 });
    const coupon = await stripe.coupons.create({ percent_off: 20, duration: 'once' });
    const code = `WELCOME${randomUUID().slice(0, 6).toUpperCase()}`;
    await stripe.promotionCodes.create({ promotion: { type: 'coupon', coupon: coupon.id }, code });

    const withCode = await callFunction<CreateCheckoutResponse>(
      'createCheckout',
      { orderId, discountCode: code },
      user.idToken,
    );
    const discounted = await stripe.checkout.sessions.retrieve(withCode.sessionId);
    expect(discounted.amount_total).toBe(PLANS.professional.priceCents * 0.8);
    expect(discounted.metadata?.discountCode).toBe(code);

    const withoutCode = await callFunction<CreateCheckoutResponse>(
      'createCheckout',
      { orderId },
      user.idToken,
    );
    expect(withoutCode.sessionId).not.toBe(withCode.sessionId);
    expect((await stripe.checkout.sessions.retrieve(withCode.sessionId)).status).toBe('expired');
    expect((await stripe.checkout.sessions.retrieve(withoutCode.sessionId)).amount_total).toBe(
      PLANS.professional.priceCents,
    );

    // Back to the code: its idempotency key now replays an expired session, so a fresh one is made.
    const codeAgain = await callFunction<CreateCheckoutResponse>(
      'createCheckout',
      { orderId, discountCode: code },
      user.idToken,
    );
    expect([withCode.sessionId, withoutCode.sessionId]).not.toContain(codeAgain.sessionId);
    const fresh = await stripe.checkout.sessions.retrieve(codeAgain.sessionId);
    expect(fresh.status).toBe('open');
    expect(fresh.amount_total).toBe(PLANS.professional.priceCents * 0.8);
    expect((await readOrderDoc(orderId)).checkout?.sessionId).toBe(codeAgain.sessionId);
  });

  it('forgets an expired session so that the next checkout gets a new one', async () => {
    const { user, orderId } = await readyOrder({ firstSelfie: 60 });
    const first = await callFunction<CreateCheckoutResponse>('createCheckout', { orderId }, user.idToken);
    const res = await fetch(
      `${stack.LIKENESS_STANDIN_URLS.stripe}/_standin/sessions/${first.sessionId}/expire`,
      {
        method: 'POST',
        headers: { Authorization: `Bearer ${stack.STRIPE_SECRET_KEY}` },
      },
    );
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ delivered: true });
    const order = await readOrderDoc(orderId);
    expect(order.checkout).toBeUndefined();
    expect(order.status).toBe('ready');

    const next = await callFunction<CreateCheckoutResponse>('createCheckout', { orderId }, user.idToken);
    expect(next.sessionId).not.toBe(first.sessionId);
    expect((await stripe.checkout.sessions.retrieve(next.sessionId)).status).toBe('open');
  });

  it('answers 200 and records a payment for an unknown order, and ignores other event types', async () => {
    const ghostOrder = `ghost-${randomUUID().slice(0, 8)}`;
    const session = await stripe.checkout.sessions.create(
      checkoutSessionParams({
        orderId: ghostOrder,
        uid: 'nobody',
        planId: 'starter',
        priceId: await planPriceId(stripe, 'starter'),
        webUrl: 'http://localhost:3000',
      }),
    );
    const pay = await payOnStandin(session.id, 'ghost@example.test');
    expect([302, 303]).toContain(pay.status);
    const event = await completedEventOf(session.id);
    const recorded = await waitFor(
      async () => {
        const snap = await testDb.collection(COLLECTIONS.stripeEvents).doc(event.id).get();
        return snap.exists ? snap : null;
      },
      { what: 'the unknown-order event record' },
    );
    expect(recorded.get('outcome')).toBe('unknown-order');
    expect((await testDb.collection(COLLECTIONS.orders).doc(ghostOrder).get()).exists).toBe(false);

    const other = {
      id: `evt_test_${randomUUID().slice(0, 12)}`,
      object: 'event',
      type: 'customer.created',
      livemode: false,
      created: 1,
      data: { object: { id: 'cus_1', object: 'customer' } },
    };
    const res = await postStripeWebhook(JSON.stringify(other));
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ outcome: 'ignored' });
  });
});
