/**
 * An order in pounds, against the local stack: createCheckout asks Stripe (the stand-in) for the
 * plan's GBP price among its currency options, the customer pays on the hosted page, the signed
 * webhook pays the order in GBP; a checkout in another currency than the order's is refused and
 * refunded. Run under the launcher (see README, "Tests").
 */
import {
  analyticsEventId,
  COLLECTIONS,
  MIN_ACCEPTED_PHOTOS,
  PLANS,
  type CreateCheckoutResponse,
  type Currency,
} from '@likeness/core';
import { describe, expect, it } from 'vitest';
import {
  createDraftOrder,
  payOnStandin,
  readOrderDoc,
  selfie,
  standinStripe,
  uploadPhotos,
} from './helpers/customer.js';
import { callFunction, signUp, testDb, waitFor } from './helpers/emulator.js';

const stripe = standinStripe();
const orderDoc = (orderId: string) => testDb.collection(COLLECTIONS.orders).doc(orderId);

/**
 * A ready order made in `currency`, as a city page's `?currency=` makes it: the draft carries the
 * currency from its creation (the rules test covers the browser's write of it).
 */
async function readyOrderIn(currency: Currency, firstSelfie: number) {
  const user = await signUp();
  const orderId = await createDraftOrder(user, { planId: 'starter' });
  await orderDoc(orderId).update({ currency });
  const files = await Promise.all(
    Array.from({ length: MIN_ACCEPTED_PHOTOS }, (_, i) => selfie(firstSelfie + i)),
  );
  await uploadPhotos(user, orderId, files);
  // The first order of the file also waits for cold QC workers (face models load per worker).
  await waitFor(async () => (await readOrderDoc(orderId)).status === 'ready', {
    timeoutMs: 300_000,
    what: `order ${orderId} to become ready`,
  });
  return { user, orderId };
}

const checkout = (orderId: string, idToken: string) =>
  callFunction<CreateCheckoutResponse>('createCheckout', { orderId }, idToken);

describe('checkout in the order’s currency', () => {
  it('charges a pound order the plan’s pound price and pays it in pounds', async () => {
    const { user, orderId } = await readyOrderIn('gbp', 30);
    const gbp = PLANS.starter.prices.gbp;
    const { sessionId } = await checkout(orderId, user.idToken);
    const session = await stripe.checkout.sessions.retrieve(sessionId);
    expect(session).toMatchObject({ currency: 'gbp', amount_subtotal: gbp, amount_total: gbp });
    // The same session again: the open one still fits the order's currency.
    expect((await checkout(orderId, user.idToken)).sessionId).toBe(sessionId);

    expect([302, 303]).toContain((await payOnStandin(sessionId, user.email)).status);
    const order = await waitFor(
      async () => {
        const o = await readOrderDoc(orderId);
        return o.payment ? o : null;
      },
      { what: 'the pound order to be paid' },
    );
    expect(order.currency).toBe('gbp');
    expect(['paid', 'training', 'generating', 'delivered']).toContain(order.status);
    expect(order.statusAt?.paid).toBeDefined();
    expect(order.payment).toMatchObject({ sessionId, amountTotal: gbp, currency: 'gbp' });
    expect(order.paymentIssues).toBeUndefined();
    const intent = await stripe.paymentIntents.retrieve(order.payment!.paymentIntent!);
    expect(intent).toMatchObject({ amount: gbp, currency: 'gbp', status: 'succeeded' });
    // GA4's purchase carries the order's currency and value in pounds.
    const purchase = await testDb
      .collection(COLLECTIONS.analyticsEvents)
      .doc(analyticsEventId(orderId, 'purchase'))
      .get();
    expect(purchase.get('params')).toMatchObject({ currency: 'GBP', value: gbp / 100 });
  }, 400_000);

  it('refuses and refunds a checkout whose currency is not the order’s', async () => {
    const { user, orderId } = await readyOrderIn('gbp', 330);
    const { sessionId } = await checkout(orderId, user.idToken);
    // The order now costs dollars while its open checkout charges pounds (the rules refuse this
    // change from a browser; here it stands for any way the two could part).
    await orderDoc(orderId).update({ currency: 'usd' });
    await payOnStandin(sessionId, user.email);

    const [issue] = await waitFor(
      async () => {
        const issues = (await readOrderDoc(orderId)).paymentIssues ?? [];
        return issues.length > 0 && issues.every((i) => i.refundId) ? issues : null;
      },
      { what: 'the mismatched payment to be recorded and refunded' },
    );
    expect(issue).toMatchObject({
      code: 'amount_mismatch',
      sessionId,
      amount: PLANS.starter.prices.gbp,
      currency: 'gbp',
      refundId: expect.stringMatching(/^re_/),
    });
    expect(issue!.message).toBe(
      'The checkout charged 25.00 GBP before discounts; the Starter plan costs 29.00 USD.',
    );
    const refund = await stripe.refunds.retrieve(issue!.refundId!);
    expect(refund).toMatchObject({ amount: PLANS.starter.prices.gbp, currency: 'gbp' });
    const order = await readOrderDoc(orderId);
    expect(order.status).toBe('ready');
    expect(order.payment).toBeUndefined();
  }, 240_000);
});
