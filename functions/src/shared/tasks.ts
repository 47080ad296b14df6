import { TASK_QUEUES, type TaskPayload, type TaskQueue } from '@likeness/core';
import { getFunctions } from 'firebase-admin/functions';
import { logger } from 'firebase-functions';
import type { TaskQueueOptions } from 'firebase-functions/v2/tasks';
import { onTaskDispatched } from 'firebase-functions/v2/tasks';
import { adminApp } from './firebase.js';

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
export function onTask<Q extends TaskQueue>(
  queue: Q,
  options: TaskQueueOptions,
  handler: (payload: TaskPayload<Q>, delivery: { retryCount: number }) => Promise<string>,
) {
  return onTaskDispatched(options, async (req) => {
    const parsed = TASK_QUEUES[queue].safeParse(req.data);
    if (!parsed.success) {
      logger.error('Dropping a task with an invalid payload', { queue, issues: parsed.error.issues });
      return;
    }
    const payload = parsed.data as TaskPayload<Q>;
    const outcome = await handler(payload, { retryCount: req.retryCount });
    logger.info(`${queue} done`, { ...payload, outcome });
  });
}
