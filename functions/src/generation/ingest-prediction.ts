import {
  autoRedoJobId,
  imageIdOf,
  JobDoc,
  OrderDoc,
  PredictorOutput,
  type IngestPredictionTask,
} from '@likeness/core';
import { FieldValue } from 'firebase-admin/firestore';
import { ReplicateJob } from '../replicate/replicate-job.js';
import { replicateClient } from '../shared/clients.js';
import { imageRef, jobRef, orderRef } from '../shared/db.js';
import { readLikenessReference } from '../likeness/reference.js';
import { applyPredictionResult, failWhenOutputsGone } from './apply-prediction-result.js';
import { countImages, settleOrder } from './settle.js';
import { runTransaction } from '../shared/transaction.js';
import { ingestRedo } from './ingest-redo.js';
import { isBlockedOutput } from './images.js';
import { planAutoRedos } from '../redo/auto-redo.js';
import { followUps } from '../shared/follow-ups.js';
import { enqueueAll } from '../shared/tasks.js';
import { storeOutput, type StoredOutput } from './store-output.js';
import { orderLogger } from '../shared/order-log.js';

export type IngestOutcome =
  'order-stopped' | 'ingested' | 'already-ingested' | 'not-current' | 'not-succeeded' | 'outputs-unusable';

/**
 * ingestPrediction: copies a finished prediction's images into our storage with thumbnails, then in
 * one transaction creates the image docs, marks the job ingested and counts the images, so a second
 * run neither counts nor writes anything twice, and the gallery never shows an image the counters
 * miss. The last job in settles the order.
 */
export async function ingestPrediction(task: IngestPredictionTask): Promise<IngestOutcome> {
  const { orderId, jobId, predictionId } = task;
  const jobSnap = await jobRef(orderId, jobId).get();
  if (!jobSnap.exists) return 'not-current';
  const job = JobDoc.parse(jobSnap.data());
  const orderSnap = await orderRef(orderId).get();
  const order = OrderDoc.parse(orderSnap.data());
  if (job.redo) return ingestRedo(task, job, order);
  if (job.ingested) {
    // A run after the counting transaction: finish what that run may not have.
    await settleOrder(orderId);
    return 'already-ingested';
  }
  // Refunded (or failed) meanwhile: its images are not the customer's to receive any more.
  if (order.status !== 'generating') return 'order-stopped';
  if (job.predictionId !== predictionId) {
    orderLogger(orderId, 'ingest').warn('Ingest of a prediction the job does not follow', {
      jobId,
      predictionId,
      current: job.predictionId,
    });
    return 'not-current';
  }

  const prediction = ReplicateJob.parse(await replicateClient().predictions.get(predictionId));
  if (prediction.status !== 'succeeded') return 'not-succeeded';
  const outputs = PredictorOutput.safeParse(prediction.output);
  const ref = { orderId, jobId, attempt: job.attempt };
  if (!outputs.success) {
    await applyPredictionResult(ref, {
      ...prediction,
      status: 'failed',
      error: 'The prediction returned no images.',
    });
    return 'outputs-unusable';
  }
  const urls = outputs.data.slice(0, job.numOutputs);
  const started = Date.now();
  // Absent for orders trained before likeness was measured, or whose selfies had no embedding.
  const reference = await readLikenessReference(orderId);
  // An image the model's safety check replaced is never stored as a headshot.
  const blocked = urls.flatMap((url, i) => (isBlockedOutput(url) ? [i] : []));
  let stored: StoredOutput[];
  try {
    const copies = await Promise.all(
      urls.map((url, i) =>
        blocked.includes(i)
          ? null
          : storeOutput(
              order,
              orderId,
              { imageId: imageIdOf(jobId, i), styleId: job.styleId, jobId, index: i },
              url,
              reference,
            ),
      ),
    );
    stored = copies.filter((c): c is StoredOutput => c !== null);
  } catch (e) {
    return failWhenOutputsGone(ref, prediction, e);
  }

  const oRef = orderRef(orderId);
  const jRef = jobRef(orderId, jobId);
  const copiedAt = Date.now();
  const candidates = [
    ...blocked.map((index) => ({ index, blocked: true, score: 0 })),
    ...stored
      .filter((o) => o.doc.likeness?.band === 'weak')
      .map((o) => ({ index: o.doc.index, blocked: false, score: o.doc.likeness!.score })),
  ];
  const counted = await runTransaction(async (tx) => {
    const current = JobDoc.parse((await tx.get(jRef)).data());
    if (current.ingested || current.predictionId !== predictionId) return false;
    const redos = await planAutoRedos(tx, oRef, orderId, { jobId, job }, candidates);
    const now = FieldValue.serverTimestamp();
    for (const { imageId, doc } of stored) {
      const pending = redos.pending.has(doc.index);
      const redo = pending ? { jobId: autoRedoJobId(imageId), kind: 'auto' as const, at: now } : null;
      tx.create(imageRef(orderId, imageId), { ...doc, ...(redo && { redo }), createdAt: now });
    }
    for (const { jobId: redoJobId, ...redoJob } of redos.jobs)
      tx.create(jobRef(orderId, redoJobId), { ...redoJob, createdAt: now, updatedAt: now });
    tx.update(jRef, {
      status: 'succeeded',
      ingested: true,
      error: null,
      updatedAt: FieldValue.serverTimestamp(),
    });
    // Fewer outputs than asked for count as failed so that the order still settles; a blocked one
    // being redone counts when its redo ends, one left blocked counts as failed now.
    const blockedLeft = blocked.filter((i) => !redos.jobs.some((j) => j.redo!.slot.index === i)).length;
    countImages(tx, oRef, {
      done: stored.length,
      failed: job.numOutputs - urls.length + blockedLeft,
      blocked: blockedLeft,
      redoing: redos.jobs.length,
      weakKept: redos.weakKept,
    });
    return redos.jobs.map((j) => j.jobId);
  });
  if (counted && counted.length > 0)
    await enqueueAll(counted.map((redoJobId) => followUps.runPrediction(orderId, redoJobId, 1)));
  const committedAt = Date.now();
  await settleOrder(orderId);
  const slowest = (k: keyof StoredOutput['ms']) => Math.max(0, ...stored.map((o) => o.ms[k]));
  if (!counted) return 'already-ingested';
  orderLogger(orderId, 'ingest').info('Prediction ingested', {
    jobId,
    predictionId,
    images: urls.length,
    // From Replicate finishing to this task starting: webhook + task dispatch.
    lagMs: prediction.completed_at ? started - Date.parse(prediction.completed_at) : null,
    ms: {
      download: slowest('download'),
      thumb: slowest('thumb'),
      score: slowest('score'),
      write: slowest('write'),
      copy: copiedAt - started,
      commit: committedAt - copiedAt,
      settle: Date.now() - committedAt,
    },
  });
  return 'ingested';
}
