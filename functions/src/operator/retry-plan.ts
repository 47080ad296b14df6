import type { ImageCounts, JobDoc, OrderStatus, RetryScope } from '@likeness/core';

/**
 * Deciding an operator's retry, without Firestore: whether the order can be retried in this scope,
 * whether work is in flight already (then a second click does nothing), and how failed prediction
 * jobs are queued again.
 */

export const RETRY_ACTION = 'order.retry';

/** Statuses in which the order's GPU work is queued or running. */
const IN_FLIGHT: readonly OrderStatus[] = ['paid', 'training', 'generating'];

export type RetryDecision =
  { kind: 'start'; to: 'paid' | 'generating' } | { kind: 'in-flight' } | { kind: 'refused'; why: string };

export function decideRetry(
  scope: RetryScope,
  order: { status: OrderStatus; disputeOpen: boolean; trained: boolean; failedJobs: number },
): RetryDecision {
  if (IN_FLIGHT.includes(order.status)) return { kind: 'in-flight' };
  if (order.disputeOpen) {
    return {
      kind: 'refused',
      why: 'A card dispute is open on this order; its work waits until the dispute is decided.',
    };
  }
  if (scope === 'training') {
    if (order.status !== 'failed') {
      return {
        kind: 'refused',
        why: `Only a failed order's training can be retried; this order is "${order.status}".`,
      };
    }
    if (order.trained) {
      return {
        kind: 'refused',
        why: "This order's model trained; retry its failed predictions instead.",
      };
    }
    return { kind: 'start', to: 'paid' };
  }
  if (order.status !== 'delivered' && order.status !== 'failed') {
    return {
      kind: 'refused',
      why: `Failed predictions can be retried on a delivered or failed order; this order is "${order.status}".`,
    };
  }
  if (!order.trained) {
    return { kind: 'refused', why: 'This order has no trained model; retry its training instead.' };
  }
  if (order.failedJobs === 0) {
    return { kind: 'refused', why: 'No prediction of this order failed; there is nothing to retry.' };
  }
  return { kind: 'start', to: 'generating' };
}

export interface JobRetry {
  jobId: string;
  /** Attempt numbers keep counting up, so a late webhook of an old attempt finds itself stale. */
  attempt: number;
  /** A fresh round of `attemptsPerRound` attempts. */
  maxAttempts: number;
}

/**
 * Failed jobs queued again, each with a fresh round of attempts, and the order's failed-image
 * counter without their images (they are outstanding again; settling counts them anew).
 */
export function planPredictionRetry(
  failed: ReadonlyArray<{ id: string } & Pick<JobDoc, 'attempt' | 'numOutputs' | 'status'>>,
  images: ImageCounts,
  attemptsPerRound: number,
): { jobs: JobRetry[]; images: ImageCounts } {
  const retried = failed.filter((j) => j.status === 'failed');
  const outstanding = retried.reduce((n, j) => n + j.numOutputs, 0);
  return {
    jobs: retried.map((j) => ({
      jobId: j.id,
      attempt: j.attempt + 1,
      maxAttempts: j.attempt + attemptsPerRound,
    })),
    images: { ...images, failed: Math.max(0, images.failed - outstanding) },
  };
}
