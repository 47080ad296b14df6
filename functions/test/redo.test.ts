/**
 * Redo of one headshot on the local stack: a delivered order of one person (trained on the Replicate
 * stand-in, scored against their selfies) has one image redone from the gallery's callable. The new
 * image must take the old one's place with its own score, the old files must go, a double click or a
 * replayed task must make one redo and use one allowance, a failed redo must give the allowance
 * back, and every refusal must say why without taking anything.
 */
import { ImageDoc, OrderDoc, PLANS, redosLeft, type RedoHeadshotResponse } from '@likeness/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { callError, callFunction, signUp, type TestUser } from './helpers/emulator.js';
import { writeQcSignals } from './helpers/likeness.js';
import { signIn } from './helpers/operator.js';
import {
  callTask,
  failNext,
  FieldValue,
  imagesOf,
  jobsOf,
  orderData,
  seedPaidOrder,
  testBlob,
  testDb,
  waitFor,
  waitForStatus,
  type SeededOrder,
} from './helpers/pipeline.js';

let seeded: SeededOrder;
let customer: TestUser;
/** Three headshots as first made (no automatic redo replaced them): the ones this test redoes. */
let picks: [string, string, string];
const orderDoc = () => testDb.doc(`orders/${seeded.orderId}`);
const imageDoc = async (id: string) => {
  const snap = await testDb.doc(`orders/${seeded.orderId}/images/${id}`).get();
  return snap.exists ? ImageDoc.parse(snap.data()) : null;
};
const redo = (imageId: string, user = customer) =>
  callFunction<RedoHeadshotResponse>('redoHeadshot', { orderId: seeded.orderId, imageId }, user.idToken);

beforeAll(async () => {
  seeded = await seedPaidOrder({ planId: 'starter', styleIds: ['corporate-grey'], faces: ['astronaut.jpg'] });
  expect(await writeQcSignals(seeded.orderId)).toBeGreaterThan(0);
  expect(await callTask('startTraining', { orderId: seeded.orderId })).toBe(204);
  expect((await waitForStatus(seeded.orderId, ['delivered', 'failed'], 170_000)).status).toBe('delivered');
  customer = await signIn(seeded.email, 'pipeline-test-pw');
  const firsts = (await imagesOf(seeded.orderId)).filter((i) => !i.slot).map((i) => i.id);
  picks = [firsts[0]!, firsts[1]!, firsts[2]!];
}, 240_000);

describe('redo one headshot', () => {
  it('replaces the image in place with its own score, once for a double click or a replayed task', async () => {
    const before = await imagesOf(seeded.orderId);
    expect(before).toHaveLength(40);
    const target = before.find((i) => i.id === picks[0])!;
    const old = ImageDoc.parse(target);
    expect(await testBlob.exists(old.storagePath)).toBe(true);

    const clicks = await Promise.allSettled([redo(target.id), redo(target.id)]);
    const ok = clicks.filter((c) => c.status === 'fulfilled');
    const refused = clicks.filter((c) => c.status === 'rejected');
    expect(ok).toHaveLength(1);
    // The second click finds the redo running, or (when its call started late) already done.
    expect(String(refused[0]!.reason)).toMatch(
      /FAILED_PRECONDITION: This headshot is already being redone|NOT_FOUND: No such headshot/,
    );
    const { jobId, redosLeft: left } = ok[0]!.value;
    expect(jobId).toBe(`redo-${target.id}-1`);
    expect(left).toBe(PLANS.starter.redos - 1);
    expect((await orderData(seeded.orderId)).redos).toMatchObject({ requested: 1 });
    // A replayed task finds the job already past queued and creates nothing.
    await callTask('runPrediction', { orderId: seeded.orderId, jobId });

    const fresh = await waitFor(() => imageDoc(`${target.id}-r1`), {
      timeoutMs: 90_000,
      what: 'the redo',
    });
    expect(await imageDoc(target.id)).toBeNull();
    expect(fresh).toMatchObject({
      slot: target.id,
      madeBy: jobId,
      jobId: old.jobId,
      index: old.index,
      styleId: old.styleId,
      rating: null,
      favorite: false,
    });
    expect(fresh.likeness?.band).toMatch(/strong|fair|weak/);
    expect(fresh.likeness?.reason.length).toBeGreaterThan(0);
    expect(fresh.redo ?? null).toBeNull();
    expect(await testBlob.exists(fresh.storagePath)).toBe(true);
    await waitFor(
      async () => !(await testBlob.exists(old.storagePath)) && !(await testBlob.exists(old.thumbPath)),
      {
        what: 'the old files to go',
      },
    );

    const job = (await jobsOf(seeded.orderId)).find((j) => j.id === jobId)!;
    expect(job).toMatchObject({ status: 'succeeded', ingested: true, attempt: 1, numOutputs: 1 });
    expect(job.seed).not.toBe((await jobsOf(seeded.orderId)).find((j) => j.id === old.jobId)!.seed);
    // A replayed ingest changes nothing.
    await callTask('ingestPrediction', { orderId: seeded.orderId, jobId, predictionId: job.predictionId });
    const order = await orderData(seeded.orderId);
    expect(order.status).toBe('delivered');
    expect(order.images).toMatchObject({ planned: 40, done: 40, failed: 0 });
    expect(order.redos).toMatchObject({ requested: 1 });
    expect(await imagesOf(seeded.orderId)).toHaveLength(40);
    expect((await jobsOf(seeded.orderId)).filter((j) => j.redo?.kind === 'customer')).toHaveLength(1);

    // A redo of the redone image keeps the slot.
    expect((await redo(`${target.id}-r1`)).jobId).toBe(`redo-${target.id}-2`);
    const again = await waitFor(() => imageDoc(`${target.id}-r2`), {
      timeoutMs: 90_000,
      what: 'the second redo',
    });
    expect(again).toMatchObject({ slot: target.id, jobId: old.jobId, index: old.index });
    expect(await imageDoc(`${target.id}-r1`)).toBeNull();
  }, 200_000);

  it('gives the allowance back when the redo cannot be made, and keeps the image', async () => {
    const leftBefore = redosLeft(OrderDoc.parse(await orderData(seeded.orderId)));
    await failNext('prediction', 3, 'Injected: CUDA out of memory');
    const { jobId } = await redo(picks[1]);
    await waitFor(
      async () => (await jobsOf(seeded.orderId)).find((j) => j.id === jobId && j.status === 'failed'),
      { timeoutMs: 90_000, what: 'the redo to fail for good' },
    );
    const kept = await waitFor(async () => {
      const img = await imageDoc(picks[1]);
      return img && !img.redo ? img : undefined;
    });
    expect(kept.redoFailed).toMatch(/could not be made/);
    const order = await orderData(seeded.orderId);
    expect(redosLeft(OrderDoc.parse(order))).toBe(leftBefore);
    expect(order.redos).toMatchObject({ failed: 1 });
    expect(order.images).toMatchObject({ planned: 40, done: 40, failed: 0 });
  }, 120_000);

  it('refuses, in words and without taking an allowance, where a redo is not allowed', async () => {
    const stranger = await signUp();
    const jobsBefore = (await jobsOf(seeded.orderId)).length;
    const requestedBefore = (await orderData(seeded.orderId)).redos.requested as number;
    const refusal = async (imageId: string, user = customer) =>
      (await callError('redoHeadshot', { orderId: seeded.orderId, imageId }, user.idToken)).message;

    expect(await refusal(picks[2], stranger)).toMatch(/^PERMISSION_DENIED: .*someone else/);
    expect(await refusal('no-such-image')).toMatch(/^NOT_FOUND/);
    expect(await refusal('../x')).toMatch(/^INVALID_ARGUMENT/);

    const withOrder = async (
      fields: Record<string, unknown>,
      expected: RegExp,
      undo: Record<string, unknown>,
    ) => {
      await orderDoc().update(fields);
      try {
        expect(await refusal(picks[2])).toMatch(expected);
      } finally {
        await orderDoc().update(undo);
      }
    };
    await withOrder(
      { 'redos.requested': PLANS.starter.redos + 1 },
      /^RESOURCE_EXHAUSTED: You have used all 5 redos/,
      { 'redos.requested': requestedBefore },
    );
    await withOrder(
      { gallery: { open: false, by: 'op-test', reason: 'Checking a dispute' } },
      /^FAILED_PRECONDITION: .*closed by our team/,
      { gallery: FieldValue.delete() },
    );
    await withOrder(
      { refundRequest: { reason: 'Not me', uid: seeded.uid } },
      /^FAILED_PRECONDITION: You asked for a refund/,
      { refundRequest: null },
    );
    await withOrder(
      {
        erasure: {
          scope: 'everything',
          reason: 'customer',
          state: 'deleting',
          done: [],
          attempts: 0,
          lastError: null,
        },
      },
      /^FAILED_PRECONDITION: This order is being deleted/,
      { erasure: FieldValue.delete() },
    );
    await withOrder({ status: 'generating' }, /^FAILED_PRECONDITION: .*once the order is delivered/, {
      status: 'delivered',
    });

    expect((await jobsOf(seeded.orderId)).length).toBe(jobsBefore);
    expect((await orderData(seeded.orderId)).redos.requested).toBe(requestedBefore);
    expect((await imageDoc(picks[2]))!.redo ?? null).toBeNull();
  }, 60_000);
});
