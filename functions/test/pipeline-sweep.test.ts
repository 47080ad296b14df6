/**
 * Lost webhooks: a training and a prediction are run on the Replicate stand-in without a webhook, as
 * if the delivery had been lost; the sweeper, run as if the time had passed, finds the stuck order and
 * job, asks Replicate and applies the result through the webhook's own code.
 */
import { DEFAULT_TRIGGER_TOKEN, storagePaths } from '@likeness/core';
import JSZip from 'jszip';
import Replicate from 'replicate';
import { describe, expect, it } from 'vitest';
import { sweepStuckWork } from '../src/replicate/sweep-stuck.js';
import {
  env,
  imagesOf,
  jobsOf,
  seedPaidOrder,
  testBlob,
  testDb,
  Timestamp,
  waitFor,
  waitForStatus,
} from './helpers/pipeline.js';

const replicate = new Replicate({ auth: env.REPLICATE_API_TOKEN, baseUrl: process.env.REPLICATE_API_BASE! });
const MINUTE = 60_000;

async function finished(kind: 'training' | 'prediction', id: string) {
  return waitFor(
    async () => {
      const job =
        kind === 'training' ? await replicate.trainings.get(id) : await replicate.predictions.get(id);
      if (job.status === 'failed' || job.status === 'canceled')
        throw new Error(`${kind} ${id} ${job.status}: ${job.error}`);
      return job.status === 'succeeded' ? job : undefined;
    },
    { timeoutMs: 120_000, what: `${kind} ${id} to succeed` },
  );
}

let trainedOrder: { orderId: string; uid: string };

describe('sweepStuckJobs', () => {
  it('recovers a training whose webhook was lost', async () => {
    const { orderId, uid } = await seedPaidOrder();
    trainedOrder = { orderId, uid };
    // The dataset as startTraining builds it, then a training with no webhook: the lost delivery.
    const zip = new JSZip();
    for (const p of (
      await testDb.collection(`orders/${orderId}/photos`).where('status', '==', 'accepted').get()
    ).docs) {
      zip.file(`${p.id}.jpg`, await testBlob.read(p.data().cropPath));
      zip.file(`${p.id}.txt`, `a photo of ${DEFAULT_TRIGGER_TOKEN} woman`);
    }
    const datasetPath = storagePaths.trainingSet(uid, orderId);
    await testBlob.write(datasetPath, await zip.generateAsync({ type: 'nodebuffer' }), 'application/zip');
    const { url } = await testBlob.signedGetUrl(datasetPath, { expiresInSec: 3600 });
    const [owner, rest] = process.env.REPLICATE_TRAINER!.split('/') as [string, string];
    const [name, version] = rest.split(':') as [string, string];
    const training = await replicate.trainings.create(owner, name, version, {
      destination: process.env.REPLICATE_DESTINATION as `${string}/${string}`,
      input: { input_images: url, trigger_word: DEFAULT_TRIGGER_TOKEN, subject_class: 'woman' },
    });
    await testDb.doc(`orders/${orderId}`).update({
      status: 'training',
      training: { id: training.id, status: training.status, startedAt: Timestamp.now() },
      'statusAt.training': Timestamp.now(),
      updatedAt: Timestamp.now(),
    });
    await testDb.doc(`orders/${orderId}/private/pipeline`).set({ trainingId: training.id, datasetPath });
    await finished('training', training.id);

    // Not yet stuck: a sweep now leaves the order alone.
    expect((await sweepStuckWork()).trainingsChecked).toBe(0);
    const report = await sweepStuckWork(Date.now() + 31 * MINUTE);
    expect(report.trainingsRecovered).toBeGreaterThanOrEqual(1);
    const order = await waitForStatus(orderId, ['delivered', 'failed'], 180_000);
    expect(order.status).toBe('delivered');
    expect(order.images).toEqual({ planned: 40, done: 40, failed: 0 });
  }, 300_000);

  it('recovers a prediction whose webhook was lost, within the hour Replicate keeps outputs', async () => {
    const { orderId, uid } = await seedPaidOrder({ styleIds: ['warm-studio'] });
    const weightsPath = (await testDb.doc(`orders/${trainedOrder.orderId}/private/pipeline`).get()).data()!
      .weightsPath as string;
    const { url: lora } = await testBlob.signedGetUrl(weightsPath, { expiresInSec: 3600 });
    const prediction = await replicate.predictions.create({
      version: process.env.REPLICATE_PREDICTOR_VERSION!,
      input: {
        prompt: 'studio portrait of ohwx woman, warm brown painted canvas backdrop',
        lora_weights: lora,
        num_outputs: 4,
        seed: 1,
        output_format: 'webp',
      },
    });
    const now = Timestamp.now();
    const order = testDb.doc(`orders/${orderId}`);
    await order.update({
      status: 'generating',
      training: { id: 'recovered-elsewhere', status: 'succeeded' },
      images: { planned: 4, done: 0, failed: 0 },
      'statusAt.training': now,
      'statusAt.generating': now,
      updatedAt: now,
    });
    await order.collection('private').doc('pipeline').set({ weightsPath });
    await order.collection('jobs').doc('warm-studio-0').set({
      orderId,
      styleId: 'warm-studio',
      batch: 0,
      prompt: 'studio portrait of ohwx woman, warm brown painted canvas backdrop',
      numOutputs: 4,
      seed: 1,
      status: 'running',
      attempt: 1,
      maxAttempts: 3,
      predictionId: prediction.id,
      error: null,
      ingested: false,
      createdAt: now,
      updatedAt: now,
    });
    await finished('prediction', prediction.id);

    const report = await sweepStuckWork(Date.now() + 11 * MINUTE);
    expect(report.jobsRecovered).toBeGreaterThanOrEqual(1);
    const done = await waitForStatus(orderId, ['delivered', 'failed'], 120_000);
    expect(done.status).toBe('delivered');
    expect(done.images).toEqual({ planned: 4, done: 4, failed: 0 });
    expect(await imagesOf(orderId)).toHaveLength(4);
    const [job] = await jobsOf(orderId);
    expect(job).toMatchObject({ status: 'succeeded', ingested: true, predictionId: prediction.id });
    expect(uid).toBe(done.uid);
  }, 300_000);
});
