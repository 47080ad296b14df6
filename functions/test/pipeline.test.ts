/**
 * The generation pipeline end to end on the local stack: a paid order goes through training on the
 * Replicate stand-in, predictions, ingest and the delivery email; running its tasks twice changes
 * nothing.
 */
import JSZip from 'jszip';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  callTask,
  env,
  imagesOf,
  jobsOf,
  orderData,
  outboxFor,
  seedPaidOrder,
  testBlob,
  trainingsFor,
  testDb,
  waitFor,
  waitForStatus,
  type DocData,
  type SeededOrder,
} from './helpers/pipeline.js';

let seeded: SeededOrder;
let delivered: DocData;

beforeAll(async () => {
  seeded = await seedPaidOrder({
    planId: 'starter',
    styleIds: ['corporate-grey', 'modern-office'],
    photos: 12,
    rejected: 2,
  });
  // Cloud Tasks delivers at least once: two concurrent runs of the same task must start one training.
  const statuses = await Promise.all([
    callTask('startTraining', { orderId: seeded.orderId }),
    callTask('startTraining', { orderId: seeded.orderId }),
  ]);
  expect(statuses).toEqual([204, 204]);
  delivered = await waitForStatus(seeded.orderId, ['delivered', 'failed'], 150_000);
}, 180_000);

describe('paid → delivered', () => {
  it('delivers every planned headshot', async () => {
    expect(delivered.status).toBe('delivered');
    expect(delivered.images).toEqual({ planned: 40, done: 40, failed: 0 });
    expect(Object.keys(delivered.statusAt).sort()).toEqual(
      ['delivered', 'draft', 'generating', 'paid', 'ready', 'training', 'uploading'].sort(),
    );
    expect(delivered.training).toMatchObject({ status: 'succeeded' });
    expect(delivered.training.id).toEqual(expect.any(String));
    // The two concurrent startTraining runs started one training on Replicate.
    expect((await trainingsFor(seeded.orderId)).map((t) => t.id)).toEqual([delivered.training.id]);
  });

  it('trained on the accepted crops with captions, and kept the weights server-side', async () => {
    const state = (await testDb.doc(`orders/${seeded.orderId}/private/pipeline`).get()).data()!;
    expect(state.trainingId).toBe(delivered.training.id);
    expect(state.weightsPath).toMatch(
      new RegExp(`^users/${seeded.uid}/orders/${seeded.orderId}/training/lora\\.`),
    );
    expect(await testBlob.exists(state.weightsPath)).toBe(true);
    expect(JSON.stringify(delivered)).not.toContain('lora');

    const zip = await JSZip.loadAsync(await testBlob.read(state.datasetPath));
    const names = Object.keys(zip.files);
    expect(names.filter((n) => n.endsWith('.jpg'))).toHaveLength(12);
    expect(names.filter((n) => n.endsWith('.txt'))).toHaveLength(12);
    expect(await zip.file(names.find((n) => n.endsWith('.txt'))!)!.async('string')).toBe(
      'a photo of ohwx woman',
    );
  });

  it('wrote one image doc, file and thumbnail per headshot', async () => {
    const images = await imagesOf(seeded.orderId);
    expect(images).toHaveLength(40);
    const jobs = await jobsOf(seeded.orderId);
    expect(jobs).toHaveLength(10);
    expect(jobs.every((j) => j.status === 'succeeded' && j.ingested === true)).toBe(true);
    for (const img of images) {
      expect(img).toMatchObject({
        uid: seeded.uid,
        orderId: seeded.orderId,
        localPreview: true,
        rating: null,
        favorite: false,
      });
      expect(img.id).toBe(`${img.jobId}-${img.index}`);
    }
    const sample = images.slice(0, 3);
    for (const img of sample) {
      expect(await testBlob.stat(img.storagePath)).toMatchObject({ contentType: img.contentType });
      expect(await testBlob.stat(img.thumbPath)).toMatchObject({ contentType: 'image/webp' });
    }
  });

  it('records the GPU seconds Replicate reported for its training and each prediction, once', async () => {
    const predictTime = async (path: string) => {
      const res = await fetch(`${env.LIKENESS_STANDIN_URLS.replicate}/v1/${path}`, {
        headers: { Authorization: `Bearer ${env.REPLICATE_API_TOKEN}` },
      });
      return ((await res.json()) as { metrics: { predict_time: number } }).metrics.predict_time;
    };
    const jobs = await jobsOf(seeded.orderId);
    const predictions = await Promise.all(jobs.map((j) => predictTime(`predictions/${j.predictionId}`)));
    expect(delivered.costs.trainingGpuSec).toBeGreaterThan(0);
    expect(delivered.costs.trainingGpuSec).toBeCloseTo(
      await predictTime(`trainings/${delivered.training.id}`),
      6,
    );
    expect(delivered.costs.predictionGpuSec).toBeGreaterThan(0);
    expect(delivered.costs.predictionGpuSec).toBeCloseTo(
      predictions.reduce((a, b) => a + b, 0),
      6,
    );
  });

  it('emails the customer once, with the count and a link to the order', async () => {
    const mails = await waitFor(
      async () => {
        const m = await outboxFor(seeded.email);
        return m.length > 0 ? m : undefined;
      },
      { what: 'the delivery email' },
    );
    expect(mails).toHaveLength(1);
    expect(mails[0]!.subject).toBe('Your 40 headshots are ready');
    expect(mails[0]!.text).toContain(`/orders/${seeded.orderId}`);
    const record = (await testDb.doc(`mail/delivered-${seeded.orderId}`).get()).data()!;
    expect(record).toMatchObject({ status: 'sent', to: seeded.email, template: 'order-delivered' });
  });
});

describe('tasks that run twice', () => {
  it('startTraining again starts no second training', async () => {
    expect(await callTask('startTraining', { orderId: seeded.orderId })).toBe(204);
    const order = await orderData(seeded.orderId);
    expect(order.status).toBe('delivered');
    expect(order.training.id).toBe(delivered.training.id);
    expect(await trainingsFor(seeded.orderId)).toHaveLength(1);
  });

  it('ingestPrediction again counts nothing twice', async () => {
    const [job] = await jobsOf(seeded.orderId);
    expect(
      await callTask('ingestPrediction', {
        orderId: seeded.orderId,
        jobId: job!.id,
        predictionId: job!.predictionId,
      }),
    ).toBe(204);
    expect(
      await callTask('ingestPrediction', {
        orderId: seeded.orderId,
        jobId: job!.id,
        predictionId: job!.predictionId,
      }),
    ).toBe(204);
    const order = await orderData(seeded.orderId);
    expect(order.images).toEqual({ planned: 40, done: 40, failed: 0 });
    expect(order.costs).toEqual(delivered.costs);
    expect(await imagesOf(seeded.orderId)).toHaveLength(40);
  });

  it('runPrediction again creates nothing for a finished job', async () => {
    const [job] = await jobsOf(seeded.orderId);
    expect(await callTask('runPrediction', { orderId: seeded.orderId, jobId: job!.id })).toBe(204);
    const after = (await jobsOf(seeded.orderId)).find((j) => j.id === job!.id)!;
    expect(after.predictionId).toBe(job!.predictionId);
    expect(after.status).toBe('succeeded');
  });

  it('sendEmail again sends nothing', async () => {
    const payload = {
      template: 'order-delivered',
      orderId: seeded.orderId,
      dedupeKey: `delivered-${seeded.orderId}`,
    };
    expect(await callTask('sendEmail', payload)).toBe(204);
    expect(await outboxFor(seeded.email)).toHaveLength(1);
  });

  it('drops a malformed payload instead of retrying it forever', async () => {
    expect(await callTask('runPrediction', { orderId: seeded.orderId })).toBe(204);
  });
});
