import {
  TASK_QUEUES,
  type EmailTemplate,
  type IngestPredictionTask,
  type OrderStatus,
  type RunPredictionTask,
  type SendEmailTask,
  type StartTrainingTask,
} from '@likeness/core';
import { logger } from 'firebase-functions';
import { enqueue } from '../shared/tasks.js';
import { emailKeys, taskIds } from './ids.js';

/**
 * Work that a state change implies, enqueued after the transaction that made the change commits.
 * Every task has a deterministic id, so enqueuing a follow-up again (a webhook retried after a crash,
 * a sweep) is harmless: Cloud Tasks refuses the duplicate and the handlers are idempotent anyway.
 */
export type FollowUp =
  | { queue: typeof TASK_QUEUES.startTraining; id: string; payload: StartTrainingTask }
  | { queue: typeof TASK_QUEUES.runPrediction; id: string; payload: RunPredictionTask }
  | { queue: typeof TASK_QUEUES.ingestPrediction; id: string; payload: IngestPredictionTask }
  | { queue: typeof TASK_QUEUES.sendEmail; id: string; payload: SendEmailTask };

export const followUps = {
  startTraining: (orderId: string, suffix?: string): FollowUp => ({
    queue: TASK_QUEUES.startTraining,
    id: taskIds.startTraining(orderId, suffix),
    payload: { orderId },
  }),
  runPrediction: (orderId: string, jobId: string, attempt: number, suffix?: string): FollowUp => ({
    queue: TASK_QUEUES.runPrediction,
    id: taskIds.runPrediction(orderId, jobId, attempt, suffix),
    payload: { orderId, jobId },
  }),
  ingestPrediction: (orderId: string, jobId: string, predictionId: string, suffix?: string): FollowUp => ({
    queue: TASK_QUEUES.ingestPrediction,
    id: taskIds.ingestPrediction(predictionId, suffix),
    payload: { orderId, jobId, predictionId },
  }),
  email: (template: EmailTemplate, orderId: string): FollowUp => {
    const dedupeKey =
      template === 'order-delivered' ? emailKeys.delivered(orderId) : emailKeys.failed(orderId);
    return {
      queue: TASK_QUEUES.sendEmail,
      id: taskIds.sendEmail(dedupeKey),
      payload: { template, orderId, dedupeKey },
    };
  },
};

/** The email an order in a final pipeline status is owed (mail/{dedupeKey} makes it once). */
export function emailFor(orderId: string, status: OrderStatus): FollowUp[] {
  if (status === 'delivered') return [followUps.email('order-delivered', orderId)];
  if (status === 'failed') return [followUps.email('order-failed', orderId)];
  return [];
}

/** Enqueues in parallel; fails if any enqueue fails so the caller's retry enqueues the rest. */
export async function enqueueAll(items: readonly FollowUp[]): Promise<void> {
  const results = await Promise.allSettled(items.map((f) => enqueue(f.queue, f.payload, { id: f.id })));
  const failed = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed.length > 0) {
    logger.error('Enqueue of follow-up tasks failed', {
      failed: failed.length,
      of: items.length,
      error: String(failed[0]!.reason),
    });
    throw new Error(`${failed.length} of ${items.length} follow-up tasks could not be enqueued`);
  }
}
