/**
 * Nothing stays pending, paid or training forever: the deadlines sweep, run as if the time had
 * passed, gives a stuck photo its verdict and fails stuck orders with the reason in words, which
 * emails the customer.
 */
import { COLLECTIONS, STAGE_DEADLINES_MS } from '@likeness/core';
import { describe, expect, it } from 'vitest';
import { enforceDeadlines } from '../src/deadlines/enforce-deadlines.js';
import { orderData, seedPaidOrder, testDb, Timestamp, waitFor } from './helpers/pipeline.js';

const longAgo = (ms: number) => Timestamp.fromMillis(Date.now() - ms - 60_000);
const orderDoc = (orderId: string) => testDb.collection(COLLECTIONS.orders).doc(orderId);

async function failureEmailSent(orderId: string) {
  return waitFor(
    async () => {
      const snap = await testDb.collection(COLLECTIONS.mail).doc(`failed-${orderId}`).get();
      return snap.get('status') === 'sent' ? snap : null;
    },
    { what: `the failure email of ${orderId}` },
  );
}

describe('stage deadlines', () => {
  it('fails a paid order whose training never started, and one whose training never finished', async () => {
    const notStarted = await seedPaidOrder();
    await orderDoc(notStarted.orderId).update({ updatedAt: longAgo(STAGE_DEADLINES_MS.paid) });
    const neverFinished = await seedPaidOrder();
    await orderDoc(neverFinished.orderId).update({
      status: 'training',
      training: { id: 'tr_lost_forever', status: 'processing' },
      updatedAt: longAgo(STAGE_DEADLINES_MS.training),
    });

    const report = await enforceDeadlines();
    expect(report.ordersFailed).toBeGreaterThanOrEqual(2);

    const first = await orderData(notStarted.orderId);
    expect(first.status).toBe('failed');
    expect(first.error).toMatchObject({ code: 'training_not_started' });
    expect(first.error.message).toContain('within 2 hours');
    const second = await orderData(neverFinished.orderId);
    expect(second.status).toBe('failed');
    expect(second.error).toMatchObject({ code: 'training_timeout' });
    await failureEmailSent(notStarted.orderId);
    await failureEmailSent(neverFinished.orderId);

    // Run again: nothing left to do for these orders.
    const again = await enforceDeadlines();
    expect((await orderData(notStarted.orderId)).statusAt.failed).toEqual(first.statusAt.failed);
    expect(again.ordersFailed).toBe(0);
  });

  it('gives a photo whose check never finished a verdict in words', async () => {
    const { orderId } = await seedPaidOrder();
    const photo = orderDoc(orderId).collection(COLLECTIONS.photos).doc('photo00');
    await photo.update({ status: 'pending', reasons: [], createdAt: longAgo(STAGE_DEADLINES_MS.photoCheck) });

    expect((await enforceDeadlines()).photosJudged).toBeGreaterThanOrEqual(1);
    const judged = (await photo.get()).data()!;
    expect(judged.status).toBe('rejected');
    expect(judged.reasons).toEqual([expect.objectContaining({ code: 'check_failed' })]);
    expect(judged.reasons[0].message).toContain('could not check this photo');
    expect((await orderData(orderId)).photos.pending).toBe(0);
  });

  it('settles a generation that stopped moving with the images it has, failing the rest', async () => {
    const { orderId } = await seedPaidOrder();
    const jobs = orderDoc(orderId).collection(COLLECTIONS.jobs);
    const job = (id: string, status: string) => ({
      orderId,
      styleId: 'corporate-grey',
      batch: Number(id.split('-').pop()),
      prompt: 'a photo',
      numOutputs: 4,
      seed: 1,
      status,
      attempt: 1,
      maxAttempts: 3,
      predictionId: status === 'running' ? 'p-lost' : null,
      error: null,
      ingested: status === 'succeeded',
      createdAt: Timestamp.now(),
      updatedAt: Timestamp.now(),
    });
    await jobs.doc('corporate-grey-0').set(job('corporate-grey-0', 'succeeded'));
    await jobs.doc('corporate-grey-1').set(job('corporate-grey-1', 'running'));
    await jobs.doc('corporate-grey-2').set(job('corporate-grey-2', 'queued'));
    await orderDoc(orderId).update({
      status: 'generating',
      images: { planned: 12, done: 4, failed: 0 },
      updatedAt: longAgo(STAGE_DEADLINES_MS.generating),
    });

    expect((await enforceDeadlines()).jobsExpired).toBeGreaterThanOrEqual(2);
    const order = await orderData(orderId);
    expect(order.status).toBe('delivered');
    expect(order.images).toEqual({ planned: 12, done: 4, failed: 8 });
    expect((await jobs.doc('corporate-grey-2').get()).get('error.code')).toBe('deadline');
  });
});
