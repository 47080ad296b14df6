import { JobDoc, type CallableRequest, type CallableResponse, type OrderDoc } from '@likeness/core';
import { FieldValue, type Transaction } from 'firebase-admin/firestore';
import { HttpsError } from 'firebase-functions/v2/https';
import { config } from '../shared/config.js';
import { jobRef, jobsOf, orderRef, pipelineStateRef } from '../shared/db.js';
import { followUps } from '../shared/follow-ups.js';
import { transition } from '../shared/orders.js';
import { readPipelineState } from '../shared/pipeline-state.js';
import { enqueueAll, type FollowUp } from '../shared/tasks.js';
import { appendAudit } from './audit.js';
import { actorOf, type Operator } from './operator-callable.js';
import { readOrderForOperator } from './order.js';
import { decideRetry, planPredictionRetry, RETRY_ACTION } from './retry-plan.js';
import { runTransaction } from '../shared/transaction.js';

type Outcome = CallableResponse<'operatorRetryOrder'> & { tasks: FollowUp[] };

/**
 * A failed order trains again from scratch: back to `paid` with the previous training forgotten
 * (the order's `training`, the pipeline state's training id and claim), so startTraining claims it
 * as it claims any paid order. The task id carries the audit seq: unique to this retry.
 */
async function retryTraining(
  tx: Transaction,
  req: CallableRequest<'operatorRetryOrder'>,
  order: OrderDoc,
  operator: Operator,
): Promise<Outcome> {
  const { seq } = await appendAudit(tx, {
    actor: actorOf(operator),
    action: RETRY_ACTION,
    orderId: req.orderId,
    before: {
      status: order.status,
      trainingId: order.training?.id ?? null,
      error: order.error?.code ?? null,
    },
    after: { status: 'paid', scope: req.scope },
    reason: req.reason,
  });
  transition(tx, orderRef(req.orderId), order, 'paid', { training: FieldValue.delete(), error: null });
  tx.set(
    pipelineStateRef(req.orderId),
    { trainingId: FieldValue.delete(), trainingClaim: null },
    { merge: true },
  );
  return {
    started: true,
    jobs: 0,
    status: 'paid',
    tasks: [followUps.startTraining(req.orderId, `retry-${seq}`)],
  };
}

/**
 * The failed jobs of a trained order run again, each with a fresh round of attempts; their images
 * leave the failed count, and the order generates until settling delivers it again.
 */
async function retryFailedPredictions(
  tx: Transaction,
  req: CallableRequest<'operatorRetryOrder'>,
  order: OrderDoc,
  failed: Array<{ id: string } & JobDoc>,
  operator: Operator,
): Promise<Outcome> {
  const images = order.images ?? { planned: 0, done: 0, failed: 0 };
  const plan = planPredictionRetry(failed, images, config().MAX_PREDICTION_ATTEMPTS);
  const { seq } = await appendAudit(tx, {
    actor: actorOf(operator),
    action: RETRY_ACTION,
    orderId: req.orderId,
    before: { status: order.status, images, failedJobs: failed.map((j) => j.id) },
    after: {
      status: 'generating',
      scope: req.scope,
      images: plan.images,
      jobs: plan.jobs.map((j) => j.jobId),
    },
    reason: req.reason,
  });
  for (const job of plan.jobs) {
    tx.update(jobRef(req.orderId, job.jobId), {
      status: 'queued',
      attempt: job.attempt,
      maxAttempts: job.maxAttempts,
      predictionId: null,
      error: null,
      ingested: false,
      updatedAt: FieldValue.serverTimestamp(),
    });
  }
  transition(tx, orderRef(req.orderId), order, 'generating', { images: plan.images, error: null });
  return {
    started: true,
    jobs: plan.jobs.length,
    status: 'generating',
    // The order generates again: size the warm pool now, not at the next schedule (its id is this retry's).
    tasks: [
      followUps.scaleWarmPool(req.orderId, `retry-${seq}`),
      ...plan.jobs.map((j) => followUps.runPrediction(req.orderId, j.jobId, j.attempt)),
    ],
  };
}

/**
 * operatorRetryOrder: restarts a failed training, or re-runs the failed predictions of a delivered
 * or failed order, audited in the transaction that makes the change. While the order's work is in
 * flight (a second click, or its own run) it changes nothing; tasks lost after the commit are
 * picked up by the sweeper (replicate/sweep-stuck.ts), which re-queues paid orders and queued jobs.
 */
export async function retryOrderFor(
  req: CallableRequest<'operatorRetryOrder'>,
  operator: Operator,
): Promise<CallableResponse<'operatorRetryOrder'>> {
  const outcome = await runTransaction(async (tx): Promise<Outcome> => {
    const order = await readOrderForOperator(tx, req.orderId);
    const state = await readPipelineState(req.orderId, tx);
    const failed =
      req.scope === 'failed-predictions'
        ? (await tx.get(jobsOf(req.orderId).where('status', '==', 'failed'))).docs
            .map((d) => ({ id: d.id, ...JobDoc.parse(d.data()) }))
            // A failed redo left its image in place and counted nothing as failed: not a gap to fill.
            .filter((j) => !j.redo)
        : [];
    const decision = decideRetry(req.scope, {
      status: order.status,
      disputeOpen: order.dispute?.open === true,
      trained: Boolean(state.weightsPath),
      failedJobs: failed.length,
    });
    if (decision.kind === 'refused') throw new HttpsError('failed-precondition', decision.why);
    if (decision.kind === 'in-flight') return { started: false, jobs: 0, status: order.status, tasks: [] };
    return decision.to === 'paid'
      ? retryTraining(tx, req, order, operator)
      : retryFailedPredictions(tx, req, order, failed, operator);
  });
  await enqueueAll(outcome.tasks);
  return { started: outcome.started, jobs: outcome.jobs, status: outcome.status };
}
