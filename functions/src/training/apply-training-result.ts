import { OrderDoc, TrainerOutput } from '@likeness/core';
import type { ApplyOptions } from '../replicate/replicate-job.js';
import { FieldValue } from 'firebase-admin/firestore';
import { planJobs } from '../generation/plan.js';
import { followUpsForOrder } from '../generation/resume.js';
import {
  describeReplicateFailure,
  gpuSecondsOf,
  isTerminal,
  type ReplicateJob,
} from '../replicate/replicate-job.js';
import { config } from '../shared/config.js';
import { jobRef, orderRef, pipelineStateRef, webhookEventRef } from '../shared/db.js';
import { followUps } from '../shared/follow-ups.js';
import { readOrder, transition } from '../shared/orders.js';
import { enqueueAll, type FollowUp } from '../shared/tasks.js';
import { copyWeights } from './weights.js';
import { runTransaction } from '../shared/transaction.js';
import { orderLogger } from '../shared/order-log.js';

export type TrainingOutcome =
  | 'generating'
  | 'failed'
  | 'duplicate'
  | 'already-applied'
  | 'in-progress'
  | 'not-ready'
  | 'unknown-training';

function eventRecord(orderId: string, training: ReplicateJob, outcome: TrainingOutcome) {
  return {
    kind: 'training',
    orderId,
    replicateId: training.id,
    status: training.status,
    outcome,
    receivedAt: FieldValue.serverTimestamp(),
  };
}

/**
 * The one place a finished training changes an order, used by the webhook and by the sweeper that
 * recovers lost webhooks. Succeeded: weights copied, jobs planned, order → generating, one
 * runPrediction per job. Failed or canceled: order → failed with the reason in words.
 */
export async function applyTrainingResult(
  orderId: string,
  training: ReplicateJob,
  opts: ApplyOptions = {},
): Promise<TrainingOutcome> {
  if (opts.eventId && (await webhookEventRef(opts.eventId).get()).exists) {
    await enqueueAll(await followUpsForOrder(orderId, opts.taskSuffix));
    return 'duplicate';
  }
  if (!isTerminal(training.status)) return 'in-progress';

  const snap = await orderRef(orderId).get();
  if (!snap.exists) return 'unknown-training';
  const order = OrderDoc.parse(snap.data());
  if (order.training?.id !== training.id) {
    // startTraining records the id right after creating the training; a fast webhook can beat it.
    if (order.status === 'paid') return 'not-ready';
    await record(opts.eventId, eventRecord(orderId, training, 'unknown-training'));
    return 'unknown-training';
  }
  if (order.status !== 'training') {
    await record(opts.eventId, eventRecord(orderId, training, 'already-applied'));
    await enqueueAll(await followUpsForOrder(orderId, opts.taskSuffix));
    return 'already-applied';
  }

  const weights = training.status === 'succeeded' ? TrainerOutput.safeParse(training.output) : undefined;
  const copied = weights?.success ? await copyWeights(order.uid, orderId, weights.data.weights) : undefined;
  if (training.status === 'succeeded' && !copied) {
    orderLogger(orderId, 'training').error('Training succeeded without usable weights', {
      trainingId: training.id,
      output: training.output,
    });
  }

  const ref = orderRef(orderId);
  const { outcome, tasks } = await runTransaction(async (tx) => {
    const eventSnap = opts.eventId ? await tx.get(webhookEventRef(opts.eventId)) : undefined;
    const current = await readOrder(tx, ref);
    if (eventSnap?.exists) return { outcome: 'duplicate' as const, tasks: [] as FollowUp[] };
    if (current.status !== 'training' || current.training?.id !== training.id) {
      return { outcome: 'already-applied' as const, tasks: [] as FollowUp[] };
    }
    let result: { outcome: TrainingOutcome; tasks: FollowUp[] };
    // Counted here, where the training leaves `training` exactly once, whichever path delivered it.
    const gpuCost = { 'costs.trainingGpuSec': FieldValue.increment(gpuSecondsOf(training)) };
    if (copied) {
      const jobs = planJobs(orderId, current, config().MAX_PREDICTION_ATTEMPTS);
      for (const { jobId, ...job } of jobs) {
        tx.set(jobRef(orderId, jobId), {
          ...job,
          createdAt: FieldValue.serverTimestamp(),
          updatedAt: FieldValue.serverTimestamp(),
        });
      }
      transition(tx, ref, current, 'generating', {
        ...gpuCost,
        'training.status': training.status,
        'training.finishedAt': FieldValue.serverTimestamp(),
        images: { planned: jobs.reduce((n, j) => n + j.numOutputs, 0), done: 0, failed: 0 },
      });
      tx.set(
        pipelineStateRef(orderId),
        {
          weightsPath: copied.path,
          weightsContentType: copied.contentType,
          replicateVersion: weights?.success ? (weights.data.version ?? null) : null,
        },
        { merge: true },
      );
      result = {
        outcome: 'generating',
        tasks: [
          followUps.scaleWarmPool(orderId, opts.taskSuffix),
          ...jobs.map((j) => followUps.runPrediction(orderId, j.jobId, j.attempt, opts.taskSuffix)),
        ],
      };
    } else {
      const message =
        training.status === 'succeeded'
          ? 'Training finished but produced no usable model weights.'
          : describeReplicateFailure(training);
      transition(tx, ref, current, 'failed', {
        ...gpuCost,
        'training.status': training.status,
        'training.finishedAt': FieldValue.serverTimestamp(),
        error: { code: 'training_failed', message, at: FieldValue.serverTimestamp() },
      });
      result = { outcome: 'failed', tasks: [] };
    }
    if (opts.eventId)
      tx.create(webhookEventRef(opts.eventId), eventRecord(orderId, training, result.outcome));
    return result;
  });

  if (outcome === 'duplicate' || outcome === 'already-applied') {
    await enqueueAll(await followUpsForOrder(orderId, opts.taskSuffix));
  } else {
    await enqueueAll(tasks);
    const log = orderLogger(orderId, 'training');
    log.info('Training result applied', {
      trainingId: training.id,
      outcome,
      jobs: tasks.filter((t) => t.queue === 'runPrediction').length,
      weights: copied?.bytes,
    });
    // The transaction that counted the training's GPU seconds on the order committed once: log them once.
    const gpuSec = gpuSecondsOf(training);
    if (gpuSec > 0) log.gpuBilled({ kind: 'training', replicateId: training.id, gpuSec });
  }
  return outcome;
}

async function record(eventId: string | undefined, data: Record<string, unknown>): Promise<void> {
  if (!eventId) return;
  await webhookEventRef(eventId)
    .create(data)
    .catch((e: { code?: number }) => {
      // 6 = ALREADY_EXISTS: a concurrent delivery of the same event recorded it first.
      if (e.code !== 6) throw e;
    });
}
