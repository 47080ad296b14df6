/**
 * The operator who can act, and the refund guarantee, against the local stack: operator refunds
 * through Stripe (full, partial, once per request), retries of a failed training and of failed
 * predictions, and the customer's "Not happy? Refund". Run under the launcher:
 *   node packages/devstack/dist/launcher.js --offset 50 --project demo-opmoney --no-web \
 *     --fn-env QC_DUPLICATE_MIN_COSINE=0.999 \
 *     --exec "node_modules/.bin/vitest run --project emulator functions/test/operator-money.test.ts"
 */
import {
  COLLECTIONS,
  REFUND_GUARANTEE,
  type OperatorRefundResponse,
  type OperatorRetryOrderResponse,
  type RequestRefundResponse,
} from '@likeness/core';
import { FieldValue, Timestamp } from 'firebase-admin/firestore';
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { payOnStandin, readOrderDoc, standinStripe } from './helpers/customer.js';
import {
  CallableError,
  callError,
  callFunction,
  signUp,
  testDb,
  waitFor,
  type TestUser,
} from './helpers/emulator.js';
import { auditEntriesOf, hashBefore, newOperator, seedHeadshots } from './helpers/operator.js';
import {
  callTask,
  env,
  failNext,
  jobsOf,
  seedPaidOrder,
  trainingsFor,
  waitForStatus,
} from './helpers/pipeline.js';
import { poolSize, requireDeployment, setPoolSize, WARM } from './helpers/predictor-deployment.js';

type RefundAnswer = z.infer<typeof OperatorRefundResponse>;
type RetryAnswer = z.infer<typeof OperatorRetryOrderResponse>;
type GuaranteeAnswer = z.infer<typeof RequestRefundResponse>;

const DAY = 86_400_000;
const PRICE = 2900;
const stripe = standinStripe();
const orderDoc = (orderId: string) => testDb.collection(COLLECTIONS.orders).doc(orderId);

/**
 * A real $29 payment on the Stripe stand-in, made outside our checkout (no order in its metadata,
 * so the webhook leaves it alone); returns its PaymentIntent.
 */
async function cardPayment(email: string): Promise<{ sessionId: string; paymentIntent: string }> {
  const session = await stripe.checkout.sessions.create({
    mode: 'payment',
    line_items: [
      { quantity: 1, price_data: { currency: 'usd', unit_amount: PRICE, product_data: { name: 'Starter' } } },
    ],
    success_url: 'http://localhost:3000/',
  });
  const paid = await payOnStandin(session.id, email);
  expect(paid.status).toBeLessThan(400);
  const pi = (await stripe.checkout.sessions.retrieve(session.id)).payment_intent;
  if (typeof pi !== 'string') throw new Error(`session ${session.id} has no PaymentIntent`);
  return { sessionId: session.id, paymentIntent: pi };
}

/**
 * A delivered order of `user` with two headshots (files and image docs), paid by card unless
 * `free`, delivered `deliveredDaysAgo` ago.
 */
async function deliveredOrder(
  user: TestUser,
  opts: { deliveredDaysAgo?: number; free?: boolean; status?: string } = {},
): Promise<{ orderId: string; imageIds: string[]; paymentIntent: string | null }> {
  const orderId = `money${randomUUID().replace(/-/g, '').slice(0, 16)}`;
  const payment = opts.free ? null : await cardPayment(user.email);
  const deliveredAt = Timestamp.fromMillis(Date.now() - (opts.deliveredDaysAgo ?? 1) * DAY);
  await orderDoc(orderId).set({
    uid: user.uid,
    status: opts.status ?? 'delivered',
    subjectClass: 'woman',
    styleIds: ['corporate-grey'],
    planId: 'starter',
    images: { planned: 2, done: 2, failed: 0 },
    statusAt: { paid: deliveredAt, delivered: deliveredAt },
    payment: {
      sessionId: payment?.sessionId ?? `cs_free_${orderId}`,
      amountTotal: payment ? PRICE : 0,
      currency: 'usd',
      discountCode: payment ? null : 'FREE100',
      paymentIntent: payment?.paymentIntent ?? null,
      paidAt: deliveredAt,
    },
    createdAt: FieldValue.serverTimestamp(),
    updatedAt: FieldValue.serverTimestamp(),
  });
  const imageIds = await seedHeadshots(user.uid, orderId);
  return { orderId, imageIds, paymentIntent: payment?.paymentIntent ?? null };
}

const refundsOf = async (paymentIntent: string) =>
  (await stripe.refunds.list({ payment_intent: paymentIntent })).data;

const waitForOrder = (
  orderId: string,
  what: string,
  ok: (o: Awaited<ReturnType<typeof readOrderDoc>>) => boolean,
) =>
  waitFor(
    async () => {
      const o = await readOrderDoc(orderId);
      return ok(o) ? o : null;
    },
    { what, timeoutMs: 20_000 },
  );

let operator: TestUser;
let customer: TestUser;

beforeAll(async () => {
  [operator, customer] = await Promise.all([newOperator(), signUp()]);
});

const refund = (data: Record<string, unknown>) =>
  callFunction<RefundAnswer>('operatorRefund', data, operator.idToken);

describe('operatorRefund', () => {
  it('refunds part, then the rest; each is audited and chained, and the webhook ends the order refunded', async () => {
    const { orderId, paymentIntent } = await deliveredOrder(customer);
    const partial = await refund({
      orderId,
      amount: 900,
      reason: 'two styles came out wrong',
      requestId: randomUUID(),
    });
    expect(partial).toMatchObject({
      amount: 900,
      currency: 'usd',
      repeated: false,
      refundId: expect.stringMatching(/^re_/),
    });
    const [made] = await refundsOf(paymentIntent!);
    expect(made).toMatchObject({
      id: partial.refundId,
      amount: 900,
      reason: 'requested_by_customer',
      metadata: { orderId, by: operator.email },
    });
    const recorded = await waitForOrder(
      orderId,
      'the partial refund',
      (o) => o.refund?.amountRefunded === 900,
    );
    expect(recorded.refund?.full).toBe(false);
    expect(recorded.status).toBe('delivered');

    const rest = await refund({ orderId, reason: 'customer still unhappy', requestId: randomUUID() });
    expect(rest.amount).toBe(PRICE - 900);
    const ended = await waitForOrder(orderId, 'the order to be refunded', (o) => o.status === 'refunded');
    expect(ended.refund).toMatchObject({ amountRefunded: PRICE, full: true });
    expect(await refundsOf(paymentIntent!)).toHaveLength(2);

    const entries = await auditEntriesOf(orderId, 'refund.operator');
    expect(
      entries.map((e) => [e.before.amountRefunded, e.after.amountRefunded, e.after.amount, e.reason]),
    ).toEqual([
      [0, 900, 900, 'two styles came out wrong'],
      [900, PRICE, PRICE - 900, 'customer still unhappy'],
    ]);
    for (const e of entries) {
      expect(e.actor).toEqual({ uid: operator.uid, email: operator.email });
      expect(e.prevHash).toBe(await hashBefore(e.seq));
    }

    const none = await callError(
      'operatorRefund',
      { orderId, reason: 'one more time', requestId: randomUUID() },
      operator.idToken,
    );
    expect(none.status).toBe('FAILED_PRECONDITION');
    expect(none.message).toContain('already fully refunded');
  });

  it('refunds once for a double click, and again only for a new request', async () => {
    const { orderId, paymentIntent } = await deliveredOrder(customer);
    const click = { orderId, amount: 500, reason: 'goodwill', requestId: randomUUID() };
    const [a, b] = await Promise.all([refund(click), refund(click)]);
    expect(a.refundId).toBe(b.refundId);
    expect(await refundsOf(paymentIntent!)).toHaveLength(1);
    // Later, the same request (a retried call) is still the same refund.
    expect(await refund(click)).toEqual({
      refundId: a.refundId,
      amount: 500,
      currency: 'usd',
      repeated: true,
    });
    expect(await auditEntriesOf(orderId, 'refund.operator')).toHaveLength(1);

    const second = await refund({ ...click, requestId: randomUUID() });
    expect(second.refundId).not.toBe(a.refundId);
    expect((await refundsOf(paymentIntent!)).map((r) => r.amount)).toEqual([500, 500]);
    expect(await auditEntriesOf(orderId, 'refund.operator')).toHaveLength(2);
  });

  it('refuses more than is left, a free order and an unpaid one, in words, and refunds nothing', async () => {
    const { orderId, paymentIntent } = await deliveredOrder(customer);
    const over = await callError(
      'operatorRefund',
      { orderId, amount: PRICE + 1, reason: 'typo', requestId: randomUUID() },
      operator.idToken,
    );
    expect(over.status).toBe('FAILED_PRECONDITION');
    expect(over.message).toContain('The payment was $29.00; a refund cannot be more than that.');
    expect(await refundsOf(paymentIntent!)).toHaveLength(0);

    const free = await deliveredOrder(customer, { free: true });
    const freeErr = await callError(
      'operatorRefund',
      { orderId: free.orderId, reason: 'goodwill', requestId: randomUUID() },
      operator.idToken,
    );
    expect(freeErr.status).toBe('FAILED_PRECONDITION');
    expect(freeErr.message).toContain('free');

    const unpaid = `money${randomUUID().replace(/-/g, '').slice(0, 16)}`;
    await orderDoc(unpaid).set({
      uid: customer.uid,
      status: 'ready',
      subjectClass: 'woman',
      styleIds: ['corporate-grey'],
      planId: 'starter',
      createdAt: FieldValue.serverTimestamp(),
      updatedAt: FieldValue.serverTimestamp(),
    });
    const unpaidErr = await callError(
      'operatorRefund',
      { orderId: unpaid, reason: 'goodwill', requestId: randomUUID() },
      operator.idToken,
    );
    expect(unpaidErr.message).toContain('has not been paid');
    for (const id of [orderId, free.orderId, unpaid])
      expect(await auditEntriesOf(id, 'refund.operator')).toEqual([]);
  });
});

describe('operator money actions are operator-only', () => {
  it('refuse the signed-out and customers, before looking at the request', async () => {
    const { orderId, paymentIntent } = await deliveredOrder(customer);
    const requests = {
      operatorRefund: { orderId, reason: 'mine now', requestId: randomUUID() },
      operatorRetryOrder: { orderId, scope: 'failed-predictions', reason: 'let me' },
    };
    for (const [name, data] of Object.entries(requests)) {
      expect((await callError(name, data)).status, name).toBe('UNAUTHENTICATED');
      expect((await callError(name, data, customer.idToken)).status, name).toBe('PERMISSION_DENIED');
    }
    expect(await refundsOf(paymentIntent!)).toHaveLength(0);
    expect((await readOrderDoc(orderId)).status).toBe('delivered');
  });
});

describe('refund guarantee', () => {
  const ask = (orderId: string, user: TestUser = customer, reason = 'Not me in these photos') =>
    callFunction<GuaranteeAnswer>('requestRefund', { orderId, reason }, user.idToken);

  it('refunds a delivered order at once when nothing was downloaded, audited as the guarantee', async () => {
    const { orderId, imageIds, paymentIntent } = await deliveredOrder(customer);
    // Looking at the gallery is not downloading.
    await callFunction('getFileUrls', { orderId, kind: 'image', ids: imageIds }, customer.idToken);
    expect((await readOrderDoc(orderId)).downloads).toBeUndefined();
    const stranger = await signUp();
    expect((await callError('requestRefund', { orderId, reason: 'not mine' }, stranger.idToken)).status).toBe(
      'PERMISSION_DENIED',
    );

    const answer = await ask(orderId);
    expect(answer).toMatchObject({ outcome: 'refunded', amount: PRICE, currency: 'usd' });
    expect(answer.message).toContain('We refunded $29.00 to your card');
    const ended = await waitForOrder(orderId, 'the order to be refunded', (o) => o.status === 'refunded');
    expect(ended.refund).toMatchObject({ full: true, amountRefunded: PRICE });
    const refunds = await refundsOf(paymentIntent!);
    expect(refunds).toHaveLength(1);
    expect(refunds[0]!.metadata).toMatchObject({ orderId, by: 'refund-guarantee' });

    const [entry] = await auditEntriesOf(orderId, 'refund.guarantee');
    expect(entry).toMatchObject({
      actor: { system: 'refund-guarantee' },
      reason: 'Not me in these photos',
      before: { amountRefunded: 0 },
      after: { amountRefunded: PRICE, amount: PRICE, refundId: answer.refundId, requestedBy: customer.uid },
    });
    expect(entry!.prevHash).toBe(await hashBefore(entry!.seq));

    // Nothing more to refund, and nothing left to download.
    const again = await callError('requestRefund', { orderId, reason: 'again' }, customer.idToken);
    expect(again.message).toContain('This order has already been refunded.');
    const download = await callError(
      'getFileUrls',
      { orderId, kind: 'image', ids: imageIds, download: true },
      customer.idToken,
    );
    expect(download.status).toBe('FAILED_PRECONDITION');
    expect(await refundsOf(paymentIntent!)).toHaveLength(1);
  });

  it('after a download, records the request for the operator, who refunds it from the queue', async () => {
    const { orderId, imageIds, paymentIntent } = await deliveredOrder(customer);
    await callFunction(
      'getFileUrls',
      { orderId, kind: 'image', ids: imageIds.slice(0, 1), download: true },
      customer.idToken,
    );
    const downloaded = await readOrderDoc(orderId);
    expect(downloaded.downloads?.count).toBe(1);
    expect(downloaded.downloads?.firstAt).toBeDefined();

    const answer = await ask(orderId, customer, 'The colours are off');
    expect(answer).toMatchObject({ outcome: 'requested', refundId: null, amount: null });
    expect(answer.message).toBe(
      'Headshots of this order were downloaded, so the automatic refund does not apply. We have passed your request to our team, who will look at it.',
    );
    const requested = await readOrderDoc(orderId);
    expect(requested.refundRequest).toMatchObject({ reason: 'The colours are off', uid: customer.uid });
    expect(requested.status).toBe('delivered');
    expect(await refundsOf(paymentIntent!)).toHaveLength(0);
    expect((await ask(orderId)).outcome).toBe('already-requested');

    // The queue's "Refund" action: the request is answered and leaves the queue.
    await refund({ orderId, reason: 'agreed with the customer', requestId: randomUUID() });
    const answered = await waitForOrder(orderId, 'the order to be refunded', (o) => o.status === 'refunded');
    expect(answered.refundRequest).toBeNull();
    const [entry] = await auditEntriesOf(orderId, 'refund.operator');
    expect(entry!.before).toEqual({ amountRefunded: 0, refundRequest: 'The colours are off' });
  });

  it('counts a zip download, and sends a request past the window to the operator', async () => {
    const zipped = await deliveredOrder(customer);
    await callFunction('createZipDownload', { orderId: zipped.orderId }, customer.idToken);
    expect((await readOrderDoc(zipped.orderId)).downloads?.count).toBe(1);
    expect((await ask(zipped.orderId)).outcome).toBe('requested');

    const late = await deliveredOrder(customer, { deliveredDaysAgo: REFUND_GUARANTEE.days + 1 });
    const answer = await ask(late.orderId);
    expect(answer.outcome).toBe('requested');
    expect(answer.message).toContain(`more than ${REFUND_GUARANTEE.days} days ago`);
    expect(await refundsOf(late.paymentIntent!)).toHaveLength(0);
    expect(await refundsOf(zipped.paymentIntent!)).toHaveLength(0);
  });
});

const JOBS = 10; // starter plan: 40 headshots in batches of 4
const MAX = env.MAX_PREDICTION_ATTEMPTS;

const retry = (orderId: string, scope: 'training' | 'failed-predictions', reason = 'provider hiccup fixed') =>
  callFunction<RetryAnswer>('operatorRetryOrder', { orderId, scope, reason }, operator.idToken);

/** A seeded paid order through startTraining to where its first run ends. */
async function runOrder() {
  const seeded = await seedPaidOrder({ planId: 'starter', styleIds: ['corporate-grey', 'modern-office'] });
  expect(await callTask('startTraining', { orderId: seeded.orderId })).toBe(204);
  const order = await waitForStatus(seeded.orderId, ['delivered', 'failed'], 240_000);
  return { orderId: seeded.orderId, order };
}

describe('operatorRetryOrder', () => {
  it('trains a failed order again from scratch, once for a double click, through to delivered', async () => {
    await failNext('training', 1);
    const { orderId, order } = await runOrder();
    expect(order.status).toBe('failed');
    expect(order.error.code).toBe('training_failed');
    const wrongScope = await callError(
      'operatorRetryOrder',
      { orderId, scope: 'failed-predictions', reason: 'wrong button' },
      operator.idToken,
    );
    expect(wrongScope.message).toContain('retry its training instead');

    const answers = await Promise.all([retry(orderId, 'training'), retry(orderId, 'training')]);
    expect(answers.map((a) => a.started).sort()).toEqual([false, true]);
    expect(answers.find((a) => a.started)).toEqual({ started: true, jobs: 0, status: 'paid' });
    const entries = await auditEntriesOf(orderId, 'order.retry');
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      before: { status: 'failed', error: 'training_failed' },
      after: { status: 'paid', scope: 'training' },
    });

    const delivered = await waitForStatus(orderId, ['delivered', 'failed'], 240_000);
    expect(delivered.status).toBe('delivered');
    expect(delivered.error).toBeNull();
    expect(delivered.images).toEqual({ planned: 40, done: 40, failed: 0 });
    expect(await trainingsFor(orderId)).toHaveLength(2);
    const refused = await callError(
      'operatorRetryOrder',
      { orderId, scope: 'training', reason: 'again' },
      operator.idToken,
    );
    expect(refused.message).toContain('this order is "delivered"');
  }, 600_000);

  it('runs the failed predictions of a delivered order again and delivers every headshot', async () => {
    // More failures than two rounds of every job: at least 5 jobs use up all their attempts.
    await failNext('prediction', (MAX - 1) * JOBS + 5);
    const { orderId, order } = await runOrder();
    expect(order.status).toBe('delivered');
    const failedJobs = (await jobsOf(orderId)).filter((j) => j.status === 'failed');
    expect(failedJobs.length).toBeGreaterThanOrEqual(5);
    expect(order.images.failed).toBe(failedJobs.length * 4);

    // A double click. The second one does nothing, in one of two ways: it finds the jobs running
    // again (started: false), or, when its transaction lost the race long enough for the five jobs
    // to finish, it finds the order delivered with nothing left to retry.
    const answers = await Promise.allSettled([
      retry(orderId, 'failed-predictions'),
      retry(orderId, 'failed-predictions'),
    ]);
    const started = answers.flatMap((a) => (a.status === 'fulfilled' && a.value.started ? [a.value] : []));
    expect(started).toEqual([{ started: true, jobs: failedJobs.length, status: 'generating' }]);
    const second = answers.find((a) => a.status === 'rejected' || !a.value.started)!;
    if (second.status === 'fulfilled') expect(second.value.started).toBe(false);
    else {
      expect(second.reason).toBeInstanceOf(CallableError);
      expect((second.reason as CallableError).status).toBe('FAILED_PRECONDITION');
      expect((second.reason as CallableError).message).toContain('nothing to retry');
    }
    const entries = await auditEntriesOf(orderId, 'order.retry');
    expect(entries).toHaveLength(1);
    const [entry] = entries;
    expect(entry).toMatchObject({
      before: { status: 'delivered', images: { planned: 40, failed: failedJobs.length * 4 } },
      after: { status: 'generating', images: { planned: 40, failed: 0 } },
    });
    expect([...entry!.after.jobs].sort()).toEqual(failedJobs.map((j) => j.id).sort());

    const again = await waitFor(
      async () => {
        const o = (await orderDoc(orderId).get()).data()!;
        return o.status === 'delivered' && o.images.done === 40 ? o : null;
      },
      { timeoutMs: 240_000, intervalMs: 250, what: 'the order to be delivered again with every headshot' },
    );
    expect(again.images).toEqual({ planned: 40, done: 40, failed: 0 });
    const jobs = await jobsOf(orderId);
    expect(jobs.every((j) => j.status === 'succeeded' && j.ingested)).toBe(true);
    for (const j of jobs.filter((j) => failedJobs.some((f) => f.id === j.id))) {
      expect(j.attempt).toBe(MAX + 1);
      expect(j.maxAttempts).toBe(2 * MAX);
    }
  }, 600_000);

  it('brings an order whose every prediction failed back from failed', async () => {
    await failNext('prediction', MAX * JOBS);
    const { orderId, order } = await runOrder();
    expect(order.status).toBe('failed');
    expect(order.images).toEqual({ planned: 40, done: 0, failed: 40 });
    // A quiet night since: the warm pool went idle (scheduled scaling does not run on the emulator).
    requireDeployment();
    await setPoolSize(0);
    const answer = await retry(orderId, 'failed-predictions');
    expect(answer).toEqual({ started: true, jobs: JOBS, status: 'generating' });
    // The retry warms the pool at once rather than at the next schedule.
    await waitFor(async () => ((await poolSize()) === WARM ? true : null), {
      timeoutMs: 30_000,
      intervalMs: 250,
      what: 'the retry to warm the predictor pool',
    });
    const delivered = await waitForStatus(orderId, ['delivered'], 240_000);
    expect(delivered.images).toEqual({ planned: 40, done: 40, failed: 0 });
    expect(delivered.error).toBeNull();
  }, 600_000);
});
