import { z } from 'zod';
import { WinbackStepNumber } from './winback.js';

/**
 * Cloud Tasks queues and their payloads: one `onTaskDispatched` function per key, named after it.
 * `enqueue` and the task handlers in functions are keyed on this registry, so a wrong queue name or a
 * payload of the wrong shape is a type error on both ends.
 */
const Id = z.string().min(1);

export const StartTrainingTask = z.object({ orderId: Id });
export type StartTrainingTask = z.infer<typeof StartTrainingTask>;

export const RunPredictionTask = z.object({ orderId: Id, jobId: Id });
export type RunPredictionTask = z.infer<typeof RunPredictionTask>;

export const IngestPredictionTask = z.object({ orderId: Id, jobId: Id, predictionId: Id });
export type IngestPredictionTask = z.infer<typeof IngestPredictionTask>;

/**
 * `template` names an entry of the functions' email registry (functions/src/email/registry.ts), which
 * checks it: adding an email does not touch this contract.
 */
export const SendEmailTask = z.object({
  template: Id,
  orderId: Id,
  /** Same key, same email: a task that runs twice sends once. */
  dedupeKey: Id,
});
export type SendEmailTask = z.infer<typeof SendEmailTask>;

/** One run of the deletion routine over one order (functions/src/erasure). */
export const EraseOrderTask = z.object({ orderId: Id });
export type EraseOrderTask = z.infer<typeof EraseOrderTask>;

/** Deletes every order of an account, then the account itself. */
export const EraseAccountTask = z.object({ uid: Id });
export type EraseAccountTask = z.infer<typeof EraseAccountTask>;

/** Sends one recorded server-side funnel event (core/funnel.ts) to GA4's Measurement Protocol. */
export const SendAnalyticsEventTask = z.object({ eventId: Id });
export type SendAnalyticsEventTask = z.infer<typeof SendAnalyticsEventTask>;

/**
 * A marketing email about one order (functions/src/winback): a win-back step or the post-delivery
 * rating request. `dueAt` (epoch ms) is when it was scheduled for; the handler re-checks everything
 * (paid, deleted, unsubscribed, already rated) when it runs.
 */
export const MarketingEmailTask = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('winback'), orderId: Id, step: WinbackStepNumber, dueAt: z.number().int() }),
  z.object({ kind: z.literal('rating-request'), orderId: Id, dueAt: z.number().int() }),
]);
export type MarketingEmailTask = z.infer<typeof MarketingEmailTask>;

/**
 * Re-sizes the predictor's warm pool now (functions/src/replicate/scale-warm-pool.ts), nudged when an
 * order starts generating; `orderId` names the order that nudged it, for the logs.
 */
export const ScaleWarmPoolTask = z.object({ orderId: Id });
export type ScaleWarmPoolTask = z.infer<typeof ScaleWarmPoolTask>;

export const TASK_QUEUES = {
  startTraining: StartTrainingTask,
  runPrediction: RunPredictionTask,
  ingestPrediction: IngestPredictionTask,
  sendEmail: SendEmailTask,
  eraseOrder: EraseOrderTask,
  eraseAccount: EraseAccountTask,
  sendAnalyticsEvent: SendAnalyticsEventTask,
  sendMarketingEmail: MarketingEmailTask,
  scaleWarmPool: ScaleWarmPoolTask,
} as const;

export type TaskQueue = keyof typeof TASK_QUEUES;
export type TaskPayload<Q extends TaskQueue> = z.infer<(typeof TASK_QUEUES)[Q]>;
