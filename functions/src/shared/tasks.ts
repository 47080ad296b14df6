import { getFunctions } from 'firebase-admin/functions';
import { adminApp } from './firebase.js';

/**
 * Enqueues a Cloud Task. With an id, a second enqueue of the same work is a no-op (Cloud Tasks
 * refuses duplicate names), which makes "enqueue" idempotent for handlers that run twice.
 */
export async function enqueue<T extends Record<string, unknown>>(
  queue: string,
  payload: T,
  opts: { id?: string; delaySeconds?: number } = {},
): Promise<'enqueued' | 'duplicate'> {
  try {
    await getFunctions(adminApp())
      .taskQueue(queue)
      .enqueue(payload, {
        ...(opts.id ? { id: opts.id.replace(/[^A-Za-z0-9_-]/g, '_') } : {}),
        ...(opts.delaySeconds ? { scheduleDelaySeconds: opts.delaySeconds } : {}),
      });
    return 'enqueued';
  } catch (e) {
    if ((e as { code?: string }).code === 'functions/task-already-exists') return 'duplicate';
    throw e;
  }
}
