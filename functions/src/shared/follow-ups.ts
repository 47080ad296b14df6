import type { FollowUp } from './tasks.js';

/**
 * Work that a state change implies, enqueued after the transaction that made the change commits.
 * Every task id is derived from the work, so enqueuing a follow-up again (a webhook retried after a
 * crash, a sweep) is harmless: Cloud Tasks refuses the duplicate and the handlers are idempotent.
 *
 * `suffix` lets the sweeper enqueue the same work again after the original task name was used up
 * (Cloud Tasks keeps a used name reserved for about an hour).
 */
const withSuffix = (id: string, suffix?: string) => (suffix ? `${id}-${suffix}` : id);

export const followUps = {
  startTraining: (orderId: string, suffix?: string): FollowUp => ({
    queue: 'startTraining',
    id: withSuffix(`train-${orderId}`, suffix),
    payload: { orderId },
  }),
  runPrediction: (orderId: string, jobId: string, attempt: number, suffix?: string): FollowUp => ({
    queue: 'runPrediction',
    id: withSuffix(`pred-${orderId}-${jobId}-${attempt}`, suffix),
    payload: { orderId, jobId },
  }),
  ingestPrediction: (orderId: string, jobId: string, predictionId: string, suffix?: string): FollowUp => ({
    queue: 'ingestPrediction',
    id: withSuffix(`ingest-${predictionId}`, suffix),
    payload: { orderId, jobId, predictionId },
  }),
  eraseOrder: (orderId: string, suffix?: string): FollowUp => ({
    queue: 'eraseOrder',
    id: withSuffix(`erase-${orderId}`, suffix),
    payload: { orderId },
  }),
  eraseAccount: (uid: string, suffix?: string): FollowUp => ({
    queue: 'eraseAccount',
    id: withSuffix(`erase-account-${uid}`, suffix),
    payload: { uid },
  }),
  /** The order started generating: size the predictor's warm pool now rather than at the next schedule. */
  scaleWarmPool: (orderId: string, suffix?: string): FollowUp => ({
    queue: 'scaleWarmPool',
    id: withSuffix(`warm-${orderId}`, suffix),
    payload: { orderId },
  }),
  sendEmail: (template: string, orderId: string, dedupeKey: string, delaySeconds?: number): FollowUp => ({
    queue: 'sendEmail',
    id: `email-${dedupeKey}`,
    payload: { template, orderId, dedupeKey },
    ...(delaySeconds ? { delaySeconds } : {}),
  }),
};
