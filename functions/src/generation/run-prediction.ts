import {
  getStyle,
  JobDoc,
  OrderDoc,
  PredictorInput,
  URL_LIFETIMES_SEC,
  type RunPredictionTask,
} from '@likeness/core';
import { FieldValue } from 'firebase-admin/firestore';
import { blobStore } from '../shared/blob.js';
import { replicateClient } from '../shared/clients.js';
import { functionUrl } from '../shared/config.js';
import { jobRef, orderRef } from '../shared/db.js';
import { readPipelineState } from '../shared/pipeline-state.js';
import { createPredictorPrediction } from '../replicate/predictor.js';
import { httpStatusOf, isPermanentRefusal } from '../replicate/replicate-job.js';
import { applyPredictionResult } from './apply-prediction-result.js';
import { runTransaction } from '../shared/transaction.js';
import { endRedo } from '../redo/redo-effects.js';
import { settleOrder } from './settle.js';
import { orderLogger } from '../shared/order-log.js';

export type RunOutcome = 'created' | 'nothing-to-do' | 'order-stopped' | 'paused' | 'lost-race' | 'rejected';

/**
 * runPrediction: one prediction of the shared predictor for a queued job, with the order's LoRA as an
 * input and a webhook that carries the attempt. Rate limits and outages throw, so Cloud Tasks retries
 * with backoff; a request Replicate refuses for good counts as a failed attempt.
 */
export async function runPredictionForJob(task: RunPredictionTask): Promise<RunOutcome> {
  const { orderId, jobId } = task;
  const jRef = jobRef(orderId, jobId);
  const jobSnap = await jRef.get();
  if (!jobSnap.exists) return 'nothing-to-do';
  const job = JobDoc.parse(jobSnap.data());
  // running or settled for this attempt: a second delivery of the task, or a sweep that raced it.
  if (job.status !== 'queued') return 'nothing-to-do';
  const order = OrderDoc.parse((await orderRef(orderId).get()).data());
  // A customer's redo runs on a delivered order; everything else while the order generates.
  const runsWhile = job.redo?.kind === 'customer' ? 'delivered' : 'generating';
  if (order.status !== runsWhile && job.redo) {
    await endRedo(
      orderId,
      jobId,
      { code: 'order_stopped', message: `The order is ${order.status}.` },
      'The redo was stopped because the order changed.',
    );
    await settleOrder(orderId);
    return 'order-stopped';
  }
  if (order.status !== runsWhile) {
    // Refunded or failed meanwhile: the job ends here, so that no sweep picks it up again.
    await jRef.update({
      status: 'failed',
      error: {
        code: 'order_stopped',
        message: `The order is ${order.status}.`,
        at: FieldValue.serverTimestamp(),
      },
      updatedAt: FieldValue.serverTimestamp(),
    });
    return 'order-stopped';
  }
  // An open dispute holds the work; the job stays queued until it is decided.
  if (order.dispute?.open) return 'paused';

  const state = await readPipelineState(orderId);
  if (!state.weightsPath) throw new Error(`Order ${orderId} is generating but has no stored LoRA weights`);
  const { url: loraUrl } = await blobStore().signedGetUrl(state.weightsPath, {
    expiresInSec: URL_LIFETIMES_SEC.replicate,
  });
  const input = PredictorInput.parse({
    prompt: job.prompt,
    lora_weights: loraUrl,
    num_outputs: job.numOutputs,
    seed: job.seed,
    aspect_ratio: getStyle(job.styleId).aspectRatio,
    output_format: 'webp',
  });
  const attempt = job.attempt;

  let prediction: { id: string; status: string };
  try {
    prediction = await createPredictorPrediction({
      input,
      webhook: functionUrl('replicateWebhook', {
        orderId,
        jobId,
        kind: 'prediction',
        attempt: String(attempt),
      }),
      webhook_events_filter: ['completed'],
    });
  } catch (e) {
    const status = httpStatusOf(e);
    if (!isPermanentRefusal(status)) throw e;
    // 4xx other than 429: the request itself is wrong; retrying the same request cannot help.
    orderLogger(orderId, 'generation').error('Replicate refused the prediction', {
      jobId,
      attempt,
      status,
      error: String(e),
    });
    await applyPredictionResult(
      { orderId, jobId, attempt },
      {
        id: `refused-${jobId}-${attempt}`,
        status: 'failed',
        error: `Replicate refused the request (HTTP ${status}).`,
      },
    );
    return 'rejected';
  }

  const recorded = await runTransaction(async (tx) => {
    const current = JobDoc.parse((await tx.get(jRef)).data());
    if (current.attempt !== attempt) return false;
    if (current.predictionId === prediction.id) return true; // its webhook got here first
    if (current.status !== 'queued' || current.predictionId) return false;
    tx.update(jRef, {
      status: 'running',
      predictionId: prediction.id,
      updatedAt: FieldValue.serverTimestamp(),
    });
    return true;
  });
  if (!recorded) {
    orderLogger(orderId, 'generation').warn('Prediction created by a run that lost the race; canceling it', {
      jobId,
      attempt,
      predictionId: prediction.id,
    });
    await replicateClient()
      .predictions.cancel(prediction.id)
      .catch((e: unknown) =>
        orderLogger(orderId, 'generation').warn('Cancel of a surplus prediction failed', {
          predictionId: prediction.id,
          error: String(e),
        }),
      );
    return 'lost-race';
  }
  return 'created';
}
