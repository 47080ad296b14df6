import { OrderDoc, RATING_REQUEST_DELAY_SECONDS, winbackEligible, winbackSchedule } from '@likeness/core';
import type { FollowUp } from '../shared/tasks.js';

type OrderState = Pick<OrderDoc, 'status'> & { photos?: { accepted: number } | undefined };

/** The parts of an order document the schedule looks at, or null when it is not an order. */
export function orderState(data: unknown): OrderState | null {
  const status = OrderDoc.shape.status.safeParse((data as { status?: unknown } | undefined)?.status);
  if (!status.success) return null;
  const photos = OrderDoc.shape.photos.safeParse((data as { photos?: unknown }).photos);
  return { status: status.data, photos: photos.success ? photos.data : undefined };
}

/**
 * The marketing emails an order change owes: the three win-back steps when it first becomes worth
 * winning back (ready, or uploading with accepted photos), the rating request when it is delivered.
 * `atMs` is the change's own time (the event's), so a retried trigger schedules the same tasks;
 * their ids make a second enqueue a no-op.
 */
export function marketingFollowUps(
  orderId: string,
  before: OrderState | null,
  after: OrderState | null,
  atMs: number,
): FollowUp[] {
  if (!after) return [];
  const tasks: FollowUp[] = [];
  if (winbackEligible(after) && !(before && winbackEligible(before))) {
    for (const s of winbackSchedule(orderId, atMs)) {
      tasks.push({
        queue: 'sendMarketingEmail',
        id: s.id,
        payload: { kind: 'winback', orderId, step: s.step, dueAt: s.dueAt },
        delaySeconds: s.delaySeconds,
      });
    }
  }
  if (after.status === 'delivered' && before?.status !== 'delivered') {
    tasks.push({
      queue: 'sendMarketingEmail',
      id: `rating-request-${orderId}`,
      payload: { kind: 'rating-request', orderId, dueAt: atMs + RATING_REQUEST_DELAY_SECONDS * 1000 },
      delaySeconds: RATING_REQUEST_DELAY_SECONDS,
    });
  }
  return tasks;
}
