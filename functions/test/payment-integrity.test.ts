/**
 * Money that goes wrong, against the local stack: a payment that does not fit its order is recorded
 * on the order and refunded, a free code pays, the order is locked while a checkout is open, refunds
 * and disputes reach the order. Each case is a defect the code once had.
 */
import { COLLECTIONS, type CreateCheckoutResponse } from '@likeness/core';
import { randomUUID } from 'node:crypto';
import type Stripe from 'stripe';
import { describe, expect, it } from 'vitest';
import {
  payOnStandin,
  readOrderDoc,
  readyOrder,
  selfie,
  standinStripe,
  uploadPhotos,
  strayCheckoutSession,
} from './helpers/customer.js';
import { callError, callFunction, testDb, waitFor } from './helpers/emulator.js';

const stripe = standinStripe();
const checkout = (orderId: string, idToken: string, discountCode?: string) =>
  callFunction<CreateCheckoutResponse>(
    'createCheckout',
    { orderId, ...(discountCode ? { discountCode } : {}) },
    idToken,
  );

async function issuesOf(orderId: string, count = 1) {
  return waitFor(
    async () => {
      const issues = (await readOrderDoc(orderId)).paymentIssues ?? [];
      return issues.length >= count && issues.every((i) => i.refundId || !i.paymentIntent) ? issues : null;
    },
    { what: `payment issues of ${orderId} to be recorded and refunded` },
  );
}

async function refundsOf(paymentIntent: string): Promise<Stripe.Refund[]> {
  return (await stripe.refunds.list({ payment_intent: paymentIntent })).data;
}

async function paidOrder() {
  const ready = await readyOrder({ firstSelfie: 80 });
  const { sessionId } = await checkout(ready.orderId, ready.user.idToken);
  await payOnStandin(sessionId, ready.user.email);
  const order = await waitFor(
    async () => ((await readOrderDoc(ready.orderId)).payment ? readOrderDoc(ready.orderId) : null),
    {
      what: 'the order to be paid',
    },
  );
  return { ...ready, sessionId, paymentIntent: order.payment!.paymentIntent! };
}

describe('payment integrity', () => {
  it('refunds a Starter checkout paid for an order switched to Executive, and keeps the order unpaid', async () => {
    const { user, orderId } = await readyOrder({ planId: 'starter' });
    const { sessionId } = await checkout(orderId, user.idToken);
    // What the old rules let the owner do while the checkout was open (now refused: see the rules test).
    await testDb.collection(COLLECTIONS.orders).doc(orderId).update({ planId: 'executive' });
    await payOnStandin(sessionId, user.email);

    const [issue] = await issuesOf(orderId);
    expect(issue).toMatchObject({
      code: 'plan_mismatch',
      sessionId,
      refundId: expect.stringMatching(/^re_/),
    });
    const order = await readOrderDoc(orderId);
    expect(order.status).toBe('ready');
    expect(order.payment).toBeUndefined();
    expect(await refundsOf(issue!.paymentIntent!)).toHaveLength(1);
    // The first test of the file also warms the QC workers up.
  }, 180_000);

  it("refunds a session that is not the order's own checkout; ignores one that is not ours at all", async () => {
    const { user, orderId } = await readyOrder({ firstSelfie: 30 });
    await checkout(orderId, user.idToken);
    // Another tab, an old session, or an integration that copied our metadata: not the order's checkout.
    const stray = await strayCheckoutSession(orderId, user.uid);
    await payOnStandin(stray.id, user.email);
    const [issue] = await issuesOf(orderId);
    expect(issue).toMatchObject({ code: 'not_this_orders_session', sessionId: stray.id });

    // A Payment Link or another integration that only names the order in client_reference_id.
    const foreign = await stripe.checkout.sessions.create({
      mode: 'payment',
      client_reference_id: orderId,
      line_items: [
        { quantity: 1, price_data: { currency: 'usd', unit_amount: 100, product_data: { name: 'Other' } } },
      ],
      success_url: 'http://localhost:3000/',
    });
    await payOnStandin(foreign.id, user.email);
    const recorded = await waitFor(
      async () => {
        const snaps = await testDb
          .collection(COLLECTIONS.stripeEvents)
          .where('sessionId', '==', foreign.id)
          .get();
        return snaps.docs[0];
      },
      { what: 'the foreign session to be recorded' },
    );
    expect(recorded.get('outcome')).toBe('foreign-session');
    const order = await readOrderDoc(orderId);
    expect(order.status).toBe('ready');
    expect(order.paymentIssues).toHaveLength(1);
  });

  it('a 100 % code pays the order (Stripe says no_payment_required)', async () => {
    const { user, orderId } = await readyOrder({ firstSelfie: 40 });
    const coupon = await stripe.coupons.create({ percent_off: 100, duration: 'once' });
    const code = `FREE${randomUUID().slice(0, 6).toUpperCase()}`;
    await stripe.promotionCodes.create({ promotion: { type: 'coupon', coupon: coupon.id }, code });
    const { sessionId } = await checkout(orderId, user.idToken, code);
    await payOnStandin(sessionId, user.email);
    const order = await waitFor(
      async () => ((await readOrderDoc(orderId)).payment ? readOrderDoc(orderId) : null),
      {
        what: 'the free order to be paid',
      },
    );
    expect(order.payment).toMatchObject({
      sessionId,
      amountTotal: 0,
      paymentIntent: null,
      discountCode: code,
    });
    expect(order.paymentIssues).toBeUndefined();
  });

  it('refunds a second payment of a paid order automatically', async () => {
    const { user, orderId, sessionId } = await paidOrder();
    const twice = await strayCheckoutSession(orderId, user.uid);
    await payOnStandin(twice.id, user.email);
    const [issue] = await issuesOf(orderId);
    expect(issue).toMatchObject({ code: 'second_payment', sessionId: twice.id });
    const order = await readOrderDoc(orderId);
    expect(order.payment?.sessionId).toBe(sessionId);
    expect(order.status).not.toBe('refunded');
    // Every money effect is in the audit log, by the system that did it.
    const audit = await testDb.collection(COLLECTIONS.auditLog).where('orderId', '==', orderId).get();
    expect(audit.docs.map((d) => d.get('action')).sort()).toEqual([
      'payment.issue',
      'payment.paid',
      'refund.payment-issue',
    ]);
    expect(audit.docs.every((d) => 'system' in d.get('actor'))).toBe(true);
  });

  it('locks photos while a checkout is open; cancelling the checkout expires it and unlocks them', async () => {
    const { user, orderId } = await readyOrder({ firstSelfie: 50 });
    const { sessionId } = await checkout(orderId, user.idToken);
    const file = await selfie(70);
    const locked = await callError(
      'createUploadUrls',
      { orderId, files: [{ name: file.name, contentType: file.contentType, size: file.bytes.length }] },
      user.idToken,
    );
    expect(locked.status).toBe('FAILED_PRECONDITION');
    expect(locked.message).toContain('Cancel the checkout to change your photos');

    expect(await callFunction('cancelCheckout', { orderId }, user.idToken)).toEqual({ cancelled: true });
    expect((await stripe.checkout.sessions.retrieve(sessionId)).status).toBe('expired');
    expect((await readOrderDoc(orderId)).checkout).toBeUndefined();
    await uploadPhotos(user, orderId, [file]);
    // Cancelling again is harmless.
    expect(await callFunction('cancelCheckout', { orderId }, user.idToken)).toEqual({ cancelled: false });
  });

  it('bounds wrong discount codes per order', async () => {
    const { user, orderId } = await readyOrder({ firstSelfie: 60 });
    await testDb.collection(COLLECTIONS.orders).doc(orderId).update({ discountAttempts: 9 });
    expect(
      (await callError('createCheckout', { orderId, discountCode: 'GUESS-1' }, user.idToken)).status,
    ).toBe('INVALID_ARGUMENT');
    const blocked = await callError('createCheckout', { orderId, discountCode: 'GUESS-2' }, user.idToken);
    expect(blocked.status).toBe('RESOURCE_EXHAUSTED');
    expect(blocked.message).toContain('Too many discount codes');
    // Paying without a code still works.
    expect((await checkout(orderId, user.idToken)).sessionId).toMatch(/^cs_/);
  });
});

describe('refunds and disputes', () => {
  it('a full refund ends the order as refunded, closes the gallery and emails the customer', async () => {
    const { user, orderId, paymentIntent } = await paidOrder();
    await stripe.refunds.create({ payment_intent: paymentIntent, amount: 500 });
    const partial = await waitFor(async () => (await readOrderDoc(orderId)).refund ?? null, {
      what: 'the partial refund to be recorded',
    });
    expect(partial).toMatchObject({ amountRefunded: 500, full: false });
    expect((await readOrderDoc(orderId)).status).not.toBe('refunded');

    await stripe.refunds.create({ payment_intent: paymentIntent });
    const order = await waitFor(
      async () => ((await readOrderDoc(orderId)).status === 'refunded' ? readOrderDoc(orderId) : null),
      { what: 'the order to be refunded' },
    );
    expect(order.refund).toMatchObject({ full: true, currency: 'usd' });
    const mail = await waitFor(
      async () => {
        const snap = await testDb.collection(COLLECTIONS.mail).doc(`refunded-${orderId}`).get();
        return snap.get('status') === 'sent' ? snap : null;
      },
      { what: 'the refund email' },
    );
    expect(mail.get('to')).toBe(user.email);
    const closed = await callError('createZipDownload', { orderId }, user.idToken);
    expect(closed.status).toBe('FAILED_PRECONDITION');
    expect(closed.message).toContain('refunded');
  });

  it('an open dispute holds the work; a lost one ends the order as refunded', async () => {
    const { user, orderId } = await readyOrder({ firstSelfie: 90 });
    const { sessionId } = await checkout(orderId, user.idToken);
    await payOnStandin(sessionId, user.email, '4000 0000 0000 0259');
    const disputed = await waitFor(
      async () => {
        const o = await readOrderDoc(orderId);
        return o.dispute?.open ? o : null;
      },
      { what: 'the dispute to be recorded' },
    );
    expect(disputed.dispute).toMatchObject({ status: 'needs_response', open: true });
    expect(['paid', 'training', 'generating']).toContain(disputed.status);

    await stripe.disputes.close(disputed.dispute!.id);
    const lost = await waitFor(
      async () => ((await readOrderDoc(orderId)).status === 'refunded' ? readOrderDoc(orderId) : null),
      { what: 'the lost dispute to end the order' },
    );
    expect(lost.dispute).toMatchObject({ status: 'lost', open: false });
  });
});
