import { TASK_QUEUES, type TaskPayload, type TaskQueue } from '@likeness/core';
import { getFunctions } from 'firebase-admin/functions';
import { logger } from 'firebase-functions';
import type { TaskQueueOptions } from 'firebase-functions/v2/tasks';
import { onTaskDispatched } from 'firebase-functions/v2/tasks';
import { adminApp } from './firebase.js';
import { orderLogger, type Stage } from './order-log.js';

/**
 * A Cloud Task to enqueue: the queue (a key of core's TASK_QUEUES), its payload of that queue's
 * shape, and a deterministic id, so enqueuing the same work again is refused by Cloud Tasks.
 */
export type FollowUp = {
  [Q in TaskQueue]: { queue: Q; id: string; payload: TaskPayload<Q>; delaySeconds?: number };
}[TaskQueue];

/** Cloud Tasks names allow letters, digits, - and _ only. */
const taskName = (id: string) => id.replace(/[^A-Za-z0-9_-]/g, '_');

/**
 * Enqueues one task. A second enqueue of the same id is a no-op ('duplicate'), which makes enqueue
 * idempotent for handlers that run twice.
 */
export async function enqueue(task: FollowUp): Promise<'enqueued' | 'duplicate'> {
  try {
    await getFunctions(adminApp())
      .taskQueue(task.queue)
      .enqueue(task.payload, {
        id: taskName(task.id),
        ...(task.delaySeconds ? { scheduleDelaySeconds: task.delaySeconds } : {}),
      });
    return 'enqueued';
  } catch (e) {
    if ((e as { code?: string }).code === 'functions/task-already-exists') return 'duplicate';
    throw e;
  }
}

/** Enqueues in parallel; fails if any enqueue fails so the caller's retry enqueues the rest. */
export async function enqueueAll(tasks: readonly FollowUp[]): Promise<void> {
  const results = await Promise.allSettled(tasks.map(enqueue));
  const failed = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed.length > 0) {
    logger.error('Enqueue of follow-up tasks failed', {
      failed: failed.length,
      of: tasks.length,
      error: String(failed[0]!.reason),
    });
    throw new Error(`${failed.length} of ${tasks.length} follow-up tasks could not be enqueued`);
  }
}

/**
 * Declares the function behind a queue. The payload is validated against the queue's schema; a
 * malformed payload can never succeed, so it is logged and dropped rather than thrown (which would
 * only make Cloud Tasks retry it).
 */
/** The pipeline stage each queue's work belongs to, for its log lines (every queue must name one). */
const STAGE_OF_QUEUE: Record<TaskQueue, Stage> = {
  startTraining: 'training',
  runPrediction: 'generation',
  ingestPrediction: 'ingest',
  sendEmail: 'email',
  eraseOrder: 'erasure',
  eraseAccount: 'erasure',
  sendAnalyticsEvent: 'analytics',
  sendMarketingEmail: 'email',
  scaleWarmPool: 'warm-pool',
};

const orderIdIn = (data: unknown): string | null => {
  const id = (data as { orderId?: unknown } | null)?.orderId;
  return typeof id === 'string' ? id : null;
};

export function onTask<Q extends TaskQueue>(
  queue: Q,
  options: TaskQueueOptions,
  handler: (payload: TaskPayload<Q>, delivery: { retryCount: number }) => Promise<string>,
) {
  return onTaskDispatched(options, async (req) => {
    const parsed = TASK_QUEUES[queue].safeParse(req.data);
    if (!parsed.success) {
      orderLogger(orderIdIn(req.data), STAGE_OF_QUEUE[queue]).error(
        'Dropping a task with an invalid payload',
        {
          queue,
          issues: parsed.error.issues,
        },
      );
      return;
    }
    const payload = parsed.data as TaskPayload<Q>;
    const outcome = await handler(payload, { retryCount: req.retryCount });
    orderLogger(orderIdIn(payload), STAGE_OF_QUEUE[queue]).info(`${queue} done`, { ...payload, outcome });
  });
}
