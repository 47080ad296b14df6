import { TASK_QUEUES, type TaskPayload, type TaskQueue } from '@likeness/core';
import { getFunctions } from 'firebase-admin/functions';
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

/** The order a payload names; null for work about no single order (an account, an analytics event). */
const orderIdIn = (data: unknown): string | null => {
  const id = (data as { orderId?: unknown } | null)?.orderId;
  return typeof id === 'string' ? id : null;
};

/**
 * Enqueues in parallel; fails if any enqueue fails so the caller's retry enqueues the rest. A failure
 * is logged once per order and stage whose work was not enqueued (a sweep enqueues for many orders,
 * a training result for several stages of one), so each order's own logs show its stalled work.
 */
export async function enqueueAll(tasks: readonly FollowUp[]): Promise<void> {
  const results = await Promise.allSettled(tasks.map(enqueue));
  const failed = tasks.flatMap((task, i) => {
    const result = results[i]!;
    return result.status === 'rejected' ? [{ task, reason: result.reason as unknown }] : [];
  });
  if (failed.length > 0) {
    const groups = new Map<string, { orderId: string | null; stage: Stage; failures: typeof failed }>();
    for (const f of failed) {
      const orderId = orderIdIn(f.task.payload);
      const stage = STAGE_OF_QUEUE[f.task.queue];
      const key = JSON.stringify([orderId, stage]);
      const group = groups.get(key) ?? { orderId, stage, failures: [] };
      group.failures.push(f);
      groups.set(key, group);
    }
    for (const { orderId, stage, failures } of groups.values()) {
      orderLogger(orderId, stage).error('Enqueue of follow-up tasks failed', {
        failed: failures.length,
        of: tasks.length,
        queues: [...new Set(failures.map((f) => f.task.queue))],
        error: String(failures[0]!.reason),
      });
    }
    throw new Error(`${failed.length} of ${tasks.length} follow-up tasks could not be enqueued`);
  }
}

/**
 * Declares the function behind a queue. The payload is validated against the queue's schema; a
 * malformed payload can never succeed, so it is logged and dropped rather than thrown (which would
 * only make Cloud Tasks retry it).
 */
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
