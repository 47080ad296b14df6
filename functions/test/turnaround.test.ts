/**
 * The turnaround the site quotes is measured on delivered orders and published for anyone to read.
 *   node packages/devstack/dist/launcher.js --offset 50 --project demo-x --no-web \
 *     --exec "node_modules/.bin/vitest run --project emulator functions/test/turnaround.test.ts"
 *
 * Other tests deliver orders on the same emulator, so these orders are stamped years ahead: they are
 * the newest deliveries, which fills the measured window with known durations. They are removed
 * afterwards and the figures published again from the real ones.
 */
import { COLLECTIONS, TURNAROUND_DOC, TURNAROUND_WINDOW, TurnaroundStats } from '@likeness/core';
import { Timestamp } from 'firebase-admin/firestore';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUp, sleep, testDb, waitFor } from './helpers/emulator.js';

const MIN = 60_000;
const FUTURE = Date.UTC(2031, 0, 1);
const orders = testDb.collection(COLLECTIONS.orders);
const statsRef = testDb.collection(COLLECTIONS.publicStats).doc(TURNAROUND_DOC);
const seeded: string[] = [];
// A real customer, so the delivered email these orders owe has someone to go to.
let uid = '';
beforeAll(async () => {
  uid = (await signUp()).uid;
});

/** Order i: paid, trained for i minutes, generated for 10, delivered i hours after FUTURE. */
function stamps(i: number, deliveredMs: number) {
  const generatingMs = deliveredMs - 10 * MIN;
  const trainingMs = generatingMs - i * MIN;
  const paidMs = trainingMs - MIN;
  const t = (ms: number) => Timestamp.fromMillis(ms);
  return { paid: t(paidMs), training: t(trainingMs), generating: t(generatingMs), delivered: t(deliveredMs) };
}

async function seedOrder(i: number, status: 'delivered' | 'generating'): Promise<string> {
  const ref = orders.doc(`turnaround-${i}-${Date.now()}`);
  seeded.push(ref.id);
  const statusAt = stamps(i, FUTURE + i * 3_600_000);
  if (status === 'generating') delete (statusAt as Partial<typeof statusAt>).delivered;
  await ref.set({
    uid,
    status,
    subjectClass: 'woman',
    styleIds: ['corporate-grey'],
    planId: 'starter',
    createdAt: Timestamp.now(),
    updatedAt: Timestamp.now(),
    statusAt,
  });
  return ref.id;
}

const published = async () => {
  const snap = await statsRef.get();
  return snap.exists ? TurnaroundStats.parse(snap.data()) : null;
};

afterAll(async () => {
  await Promise.all(seeded.map((id) => orders.doc(id).delete()));
  // Publish again from the other tests' deliveries, as the next delivery would.
  const id = await seedOrder(0, 'generating');
  await orders.doc(id).update({ status: 'delivered', 'statusAt.delivered': Timestamp.now() });
  await waitFor(async () => {
    const s = await published();
    return s === null || s.toMs < FUTURE;
  });
  await orders.doc(id).delete();
});

describe('published turnaround', () => {
  it('is recomputed from the newest deliveries when an order is delivered', async () => {
    // 0..50 already delivered (created so, which fires no update), then 51 is delivered.
    for (let i = 0; i <= TURNAROUND_WINDOW.orders; i++) await seedOrder(i, 'delivered');
    const last = await seedOrder(TURNAROUND_WINDOW.orders + 1, 'generating');
    await orders.doc(last).update({
      status: 'delivered',
      'statusAt.delivered': stamps(TURNAROUND_WINDOW.orders + 1, FUTURE + 51 * 3_600_000).delivered,
    });
    const stats = await waitFor(
      async () => {
        const s = await published();
        return s && s.toMs === FUTURE + 51 * 3_600_000 ? s : null;
      },
      { what: 'the published turnaround' },
    );
    // The window holds orders 2..51: training i minutes, delivery i + 11 minutes.
    expect(stats.orders).toBe(TURNAROUND_WINDOW.orders);
    expect(stats.fromMs).toBe(FUTURE + 2 * 3_600_000);
    expect(stats.training).toEqual({ median: 26.5, p90: 46 });
    expect(stats.delivery).toEqual({ median: 37.5, p90: 57 });
  });

  it('is not written again by a replayed or unrelated update of a delivered order', async () => {
    const before = await statsRef.get();
    await orders.doc(seeded.at(-1)!).update({ updatedAt: Timestamp.now() });
    await sleep(1_500);
    const after = await statsRef.get();
    expect(after.updateTime?.isEqual(before.updateTime!)).toBe(true);
  });
});
