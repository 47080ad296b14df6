import {
  imageIdOf,
  type ImageDoc,
  JobDoc,
  OrderDoc,
  PredictorOutput,
  storagePaths,
  type IngestPredictionTask,
} from '@likeness/core';
import { FieldValue } from 'firebase-admin/firestore';
import { logger } from 'firebase-functions';
import { ReplicateJob } from '../replicate/replicate-job.js';
import { blobStore } from '../shared/blob.js';
import { replicateClient } from '../shared/clients.js';
import { config } from '../shared/config.js';
import { imageRef, jobRef, orderRef } from '../shared/db.js';
import { readLikenessReference } from '../likeness/reference.js';
import { scoreHeadshot } from '../likeness/score-headshot.js';
import { applyPredictionResult } from './apply-prediction-result.js';
import { describeAndThumb, imageKind } from './images.js';
import { countImages, settleOrder } from './settle.js';
import { runTransaction } from '../shared/transaction.js';

export type IngestOutcome =
  'order-stopped' | 'ingested' | 'already-ingested' | 'not-current' | 'not-succeeded' | 'outputs-unusable';

/** Replicate deleted the file (outputs live an hour): no retry can fetch it, the attempt is lost. */
class OutputGoneError extends Error {}

interface StoredOutput {
  imageId: string;
  doc: Omit<ImageDoc, 'createdAt'>;
  ms: { download: number; thumb: number; score: number; write: number };
}

/** Copies one output and its thumbnail into our storage; the image doc is written with the counters. */
async function storeOutput(
  order: OrderDoc,
  orderId: string,
  jobId: string,
  job: JobDoc,
  index: number,
  url: string,
  reference: readonly number[] | null,
): Promise<StoredOutput> {
  const t0 = Date.now();
  const res = await fetch(url);
  if (res.status === 404 || res.status === 410)
    throw new OutputGoneError(`Output ${index} is gone (HTTP ${res.status})`);
  if (!res.ok) throw new Error(`Download of output ${index} failed: HTTP ${res.status}`);
  const kind = imageKind(url, res.headers.get('content-type'));
  const bytes = Buffer.from(await res.arrayBuffer());
  const t1 = Date.now();
  const { width, height, thumb } = await describeAndThumb(bytes);
  const scored = reference ? await scoreHeadshot(bytes, reference) : null;
  const t2 = Date.now();

  const imageId = imageIdOf(jobId, index);
  const storagePath = storagePaths.image(order.uid, orderId, imageId, kind.ext);
  const thumbPath = storagePaths.imageThumb(order.uid, orderId, imageId);
  const store = blobStore();
  await Promise.all([
    store.write(storagePath, bytes, kind.contentType),
    store.write(thumbPath, thumb, 'image/webp'),
  ]);
  return {
    imageId,
    doc: {
      uid: order.uid,
      orderId,
      styleId: job.styleId,
      jobId,
      index,
      storagePath,
      thumbPath,
      width,
      height,
      contentType: kind.contentType,
      localPreview: config().LIKENESS_ENV === 'local',
      ...(scored && { likeness: scored.likeness }),
      rating: null,
      favorite: false,
    },
    ms: {
      download: t1 - t0,
      thumb: t2 - t1 - (scored?.ms ?? 0),
      score: scored?.ms ?? 0,
      write: Date.now() - t2,
    },
  };
}

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
  if (job.ingested) {
    // A run after the counting transaction: finish what that run may not have.
    await settleOrder(orderId);
    return 'already-ingested';
  }
  // Refunded (or failed) meanwhile: its images are not the customer's to receive any more.
  if (order.status !== 'generating') return 'order-stopped';
  if (job.predictionId !== predictionId) {
    logger.warn('Ingest of a prediction the job does not follow', {
      orderId,
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
  let stored: StoredOutput[];
  try {
    stored = await Promise.all(
      urls.map((url, i) => storeOutput(order, orderId, jobId, job, i, url, reference)),
    );
  } catch (e) {
    if (!(e instanceof OutputGoneError)) throw e;
    await applyPredictionResult(ref, {
      ...prediction,
      status: 'failed',
      error: `${e.message}; generating again.`,
    });
    return 'outputs-unusable';
  }

  const oRef = orderRef(orderId);
  const jRef = jobRef(orderId, jobId);
  const copiedAt = Date.now();
  const counted = await runTransaction(async (tx) => {
    const current = JobDoc.parse((await tx.get(jRef)).data());
    if (current.ingested || current.predictionId !== predictionId) return false;
    for (const { imageId, doc } of stored)
      tx.create(imageRef(orderId, imageId), { ...doc, createdAt: FieldValue.serverTimestamp() });
    tx.update(jRef, {
      status: 'succeeded',
      ingested: true,
      error: null,
      updatedAt: FieldValue.serverTimestamp(),
    });
    // Fewer outputs than asked for count as failed so that the order still settles.
    countImages(tx, oRef, { done: urls.length, failed: job.numOutputs - urls.length });
    return true;
  });
  const committedAt = Date.now();
  await settleOrder(orderId);
  const slowest = (k: keyof StoredOutput['ms']) => Math.max(...stored.map((o) => o.ms[k]));
  if (!counted) return 'already-ingested';
  logger.info('Prediction ingested', {
    orderId,
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
