import { JobDoc } from '@likeness/core';
import { FieldValue, type DocumentReference, type Transaction } from 'firebase-admin/firestore';
import {
  describeReplicateFailure,
  gpuSecondsOf,
  isTerminal,
  type ApplyOptions,
  type ReplicateJob,
} from '../replicate/replicate-job.js';
import { jobRef, orderRef, webhookEventRef } from '../shared/db.js';
import { followUps } from '../shared/follow-ups.js';
import { enqueueAll, type FollowUp } from '../shared/tasks.js';
import { countImages, settleOrder } from './settle.js';
import { runTransaction } from '../shared/transaction.js';
import { readReplaced, writeRedoFailure } from '../redo/redo-effects.js';
import { orderLogger } from '../shared/order-log.js';
import { OutputGoneError } from './store-output.js';

export type PredictionOutcome =
  | 'ingest-queued'
  | 'retry-queued'
  | 'job-failed'
  | 'duplicate'
  | 'stale-attempt'
  | 'other-prediction'
  | 'already-settled'
  | 'in-progress'
  | 'unknown-job';

export interface PredictionRef {
  orderId: string;
  jobId: string;
  /** The attempt the prediction was created for (the webhook URL carries it). */
  attempt: number;
}

/** Tasks a job still needs in its current state (used when the first delivery's enqueues may be lost). */
function pendingWork(
  orderId: string,
  jobId: string,
  job: JobDoc,
  prediction: ReplicateJob,
  suffix?: string,
): FollowUp[] {
  if (job.status === 'queued') return [followUps.runPrediction(orderId, jobId, job.attempt, suffix)];
  if (
    job.status === 'running' &&
    !job.ingested &&
    job.predictionId === prediction.id &&
    prediction.status === 'succeeded'
  ) {
    return [followUps.ingestPrediction(orderId, jobId, prediction.id, suffix)];
  }
  return [];
}

/**
 * Adds a finished prediction's GPU seconds to the order's costs, once per prediction: a succeeded one
 * can be applied again (webhook and sweeper), and once more as failed when its outputs prove
 * unusable. Returns the job field that remembers it was counted, for the job's update.
 */
function countGpu(
  tx: Transaction,
  oRef: DocumentReference,
  job: JobDoc,
  prediction: ReplicateJob,
): { gpuCountedFor?: string } {
  if (job.gpuCountedFor === prediction.id) return {};
  const seconds = gpuSecondsOf(prediction);
  if (seconds > 0) tx.update(oRef, { 'costs.predictionGpuSec': FieldValue.increment(seconds) });
  return { gpuCountedFor: prediction.id };
}

/**
 * The one place a finished prediction changes a job, used by the webhook and by the sweeper.
 * Succeeded → ingest task. Failed → a new attempt, or after the last one the job fails for good, its
 * images count as failed and the order may settle. Guarded on the attempt, so a late webhook of an
 * earlier attempt changes nothing.
 */
export async function applyPredictionResult(
  ref: PredictionRef,
  prediction: ReplicateJob,
  opts: ApplyOptions = {},
): Promise<PredictionOutcome> {
  if (!isTerminal(prediction.status)) return 'in-progress';
  const { orderId, jobId, attempt } = ref;
  const oRef = orderRef(orderId);
  const jRef = jobRef(orderId, jobId);

  // GPU seconds this application counted on the order: logged once its transaction commits.
  let billed = 0;
  const { outcome, tasks } = await runTransaction(async (tx) => {
    billed = 0;
    const eventSnap = opts.eventId ? await tx.get(webhookEventRef(opts.eventId)) : undefined;
    const jobSnap = await tx.get(jRef);
    if (!jobSnap.exists) return { outcome: 'unknown-job' as const, tasks: [] as FollowUp[] };
    const job = JobDoc.parse(jobSnap.data());
    if (eventSnap?.exists) {
      return {
        outcome: 'duplicate' as const,
        tasks: pendingWork(orderId, jobId, job, prediction, opts.taskSuffix),
      };
    }

    // Read now, as writes must follow every read: a redo's last failure releases the image it held.
    const replaced = job.redo && attempt === job.attempt ? await readReplaced(tx, orderId, job.redo) : null;
    let outcome: PredictionOutcome;
    let tasks: FollowUp[] = [];
    const now = FieldValue.serverTimestamp();
    if (attempt !== job.attempt) {
      outcome = 'stale-attempt';
    } else if (job.ingested || job.status === 'succeeded' || job.status === 'failed') {
      outcome = 'already-settled';
    } else if (job.predictionId && job.predictionId !== prediction.id) {
      // Two runs of one runPrediction task raced; the job follows the prediction it recorded.
      outcome = 'other-prediction';
    } else if (prediction.status === 'succeeded') {
      tx.update(jRef, {
        status: 'running',
        predictionId: prediction.id,
        updatedAt: now,
        ...countGpu(tx, oRef, job, prediction),
      });
      outcome = 'ingest-queued';
      tasks = [followUps.ingestPrediction(orderId, jobId, prediction.id, opts.taskSuffix)];
    } else {
      const error = { code: 'prediction_failed', message: describeReplicateFailure(prediction), at: now };
      if (job.attempt < job.maxAttempts) {
        tx.update(jRef, {
          status: 'queued',
          attempt: job.attempt + 1,
          predictionId: null,
          error,
          updatedAt: now,
          ...countGpu(tx, oRef, job, prediction),
        });
        outcome = 'retry-queued';
        tasks = [followUps.runPrediction(orderId, jobId, job.attempt + 1, opts.taskSuffix)];
      } else {
        tx.update(jRef, {
          status: 'failed',
          predictionId: prediction.id,
          error,
          updatedAt: now,
          ...countGpu(tx, oRef, job, prediction),
        });
        outcome = 'job-failed';
        if (job.redo)
          writeRedoFailure(
            tx,
            orderId,
            job.redo,
            replaced,
            'The new image could not be made; this one is kept.',
          );
        else countImages(tx, oRef, { done: 0, failed: job.numOutputs });
      }
    }
    if (
      ['ingest-queued', 'retry-queued', 'job-failed'].includes(outcome) &&
      job.gpuCountedFor !== prediction.id
    )
      billed = gpuSecondsOf(prediction);
    if (opts.eventId) {
      tx.create(webhookEventRef(opts.eventId), {
        kind: 'prediction',
        orderId,
        jobId,
        attempt,
        replicateId: prediction.id,
        status: prediction.status,
        outcome,
        receivedAt: now,
      });
    }
    return { outcome, tasks };
  });

  // A job that ended (now, or in an earlier delivery whose follow-up may be lost) may complete the order.
  const settles = outcome === 'job-failed' || outcome === 'already-settled' || outcome === 'duplicate';
  await enqueueAll(tasks);
  if (settles) await settleOrder(orderId);
  const log = orderLogger(orderId, 'generation');
  if (billed > 0)
    log.gpuBilled({ kind: 'prediction', replicateId: prediction.id, gpuSec: billed }, { jobId });
  if (outcome !== 'ingest-queued') {
    log.info('Prediction result applied', {
      jobId,
      attempt,
      predictionId: prediction.id,
      status: prediction.status,
      outcome,
    });
  }
  return outcome;
}

/**
 * The provider no longer serves an attempt's output files (they expire): the attempt is failed, so
 * the job generates again. Anything else that went wrong while storing is rethrown.
 */
export async function failWhenOutputsGone(
  ref: PredictionRef,
  prediction: ReplicateJob,
  error: unknown,
): Promise<'outputs-unusable'> {
  if (!(error instanceof OutputGoneError)) throw error;
  await applyPredictionResult(ref, {
    ...prediction,
    status: 'failed',
    error: `${error.message}; generating again.`,
  });
  return 'outputs-unusable';
}
