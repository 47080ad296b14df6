/**
 * The predictor's deployment on the local stack, started with REPLICATE_PREDICTOR_DEPLOYMENT naming
 * the deployment the launcher creates on the Replicate stand-in (as `npm test` does): a paid order's
 * headshots are made by predictions of that deployment, its start of generation warms the pool at
 * once (the nudge task), and the pool goes back to idle once nothing has been generating for the
 * grace period, with the clock moved through scaleWarmPool's parameter rather than waited for.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scaleWarmPool } from '../src/replicate/scale-warm-pool.js';
import {
  callTask,
  jobsOf,
  seedPaidOrder,
  testDb,
  Timestamp,
  waitForStatus,
  type DocData,
} from './helpers/pipeline.js';
import {
  DEPLOYMENT,
  deployment,
  poolSize,
  replicateApi,
  requireDeployment,
  setPoolSize,
  WARM,
} from './helpers/predictor-deployment.js';

const MIN = 60_000;
const HOUR = 60 * MIN;

const warmPoolDoc = () => testDb.collection('ops').doc('warmPool');

let orderId: string;
let delivered: DocData;
let releaseBefore: number;

beforeAll(async () => {
  requireDeployment();
  // A pool left warm by an earlier run of the stack's tests: start idle and with no busy record.
  await warmPoolDoc().delete();
  await setPoolSize(0);
  releaseBefore = (await deployment()).current_release.number;

  ({ orderId } = await seedPaidOrder({ styleIds: ['corporate-grey'], photos: 10 }));
  expect(await callTask('startTraining', { orderId })).toBe(204);
  delivered = await waitForStatus(orderId, ['delivered', 'failed'], 150_000);
}, 180_000);

afterAll(async () => {
  await warmPoolDoc().delete();
  await setPoolSize(0);
});

describe('predictions through the predictor deployment', () => {
  it("makes every one of the order's headshots with a prediction of the deployment", async () => {
    expect(delivered.status).toBe('delivered');
    expect(delivered.images.done).toBe(delivered.images.planned);
    const jobs = await jobsOf(orderId);
    expect(jobs.length).toBeGreaterThan(0);
    for (const job of jobs) {
      const prediction = await replicateApi('GET', `/predictions/${job.predictionId}`);
      expect(prediction).toMatchObject({ deployment: DEPLOYMENT, status: 'succeeded' });
    }
  });

  it('warmed the pool when the order started generating, and keeps it warm for the grace period', async () => {
    const d = await deployment();
    expect(d.current_release.configuration.min_instances).toBe(WARM);
    expect(d.current_release.number).toBe(releaseBefore + 1);
    expect((await warmPoolDoc().get()).data()?.lastBusyAt).toBeInstanceOf(Timestamp);
    // Asked again (the schedule, another nudge): the same size, so no new release.
    expect(await scaleWarmPool()).toMatchObject({ action: 'unchanged', wanted: WARM });
    expect((await deployment()).current_release.number).toBe(releaseBefore + 1);
  });
});

describe('warm pool scaled to demand', () => {
  it('goes idle once nothing has generated for the grace period, and warms again for a new order', async () => {
    const now = Date.now();
    expect(await scaleWarmPool(now + 10 * MIN)).toMatchObject({ action: 'unchanged', wanted: WARM });
    expect(await poolSize()).toBe(WARM);

    // Three hours on: orders of earlier tests still marked generating have made no progress within
    // the generation deadline, so they are the deadline sweep's, and nothing keeps the pool warm.
    const later = now + 3 * HOUR;
    expect(await scaleWarmPool(later)).toEqual({
      action: 'scaled',
      deployment: DEPLOYMENT,
      from: WARM,
      generating: 0,
      wanted: 0,
      reason: 'idle',
    });
    expect(await poolSize()).toBe(0);
    const idleRelease = (await deployment()).current_release.number;
    expect(await scaleWarmPool(later + MIN)).toMatchObject({ action: 'unchanged', wanted: 0 });
    expect((await deployment()).current_release.number).toBe(idleRelease);

    // An order generating at that time: warm at once; idle again 20 minutes after it is gone.
    const busy = testDb.collection('orders').doc(`warm${randomUUID().replace(/-/g, '').slice(0, 12)}`);
    await busy.set({ status: 'generating', updatedAt: Timestamp.fromMillis(later + 2 * MIN) });
    expect(await scaleWarmPool(later + 2 * MIN)).toMatchObject({
      action: 'scaled',
      from: 0,
      generating: 1,
      wanted: WARM,
      reason: 'generating',
    });
    expect(await poolSize()).toBe(WARM);
    await busy.delete();
    expect(await scaleWarmPool(later + 21 * MIN)).toMatchObject({
      action: 'unchanged',
      reason: 'recently-busy',
    });
    expect(await scaleWarmPool(later + 22 * MIN)).toMatchObject({
      action: 'scaled',
      wanted: 0,
      reason: 'idle',
    });
    expect(await poolSize()).toBe(0);
  });
});
