import { formatPrice, type OrderStatus } from '@likeness/core';
import type { OrderView } from '@/lib/views';

/**
 * Which orders need the operator, and what is wrong with each in words. Pure, so the rules are
 * unit-tested; the queue component feeds it the live orders and the current time.
 */

/** How long each stage should take at most (minutes) before its order counts as stuck. */
export const STAGE_LIMIT_MINUTES: Partial<Record<OrderStatus, number>> = {
  paid: 30,
  training: 45,
  generating: 60,
};

/**
 * A deletion normally finishes within a minute or two (each step is retried by the task queue);
 * one still running after this long is worth a look before it turns stuck.
 */
export const ERASURE_LIMIT_MINUTES = 30;

const ERASURE_WHAT = { everything: 'whole order', 'training-data': 'selfies and model' } as const;

export interface AttentionItem {
  order: OrderView;
  problems: string[];
}

const minutes = (ms: number) => Math.floor(ms / 60_000);

/** A refund request as the order may carry it (the field is optional and may be added later). */
function refundRequestOf(order: OrderView): { reason?: unknown } | null {
  const value: unknown = 'refundRequest' in order ? order.refundRequest : undefined;
  if (value === undefined || value === null || value === false) return null;
  return typeof value === 'object' ? (value as { reason?: unknown }) : {};
}

/** Everything about this order the operator should look at now; empty when nothing is. */
export function attentionProblems(order: OrderView, now: number): string[] {
  const problems: string[] = [];
  if (order.status === 'failed') {
    const reason = order.error?.message ?? 'no reason was recorded';
    // Most reasons are sentences already; end the rest with one full stop.
    problems.push(`Failed: ${/[.!?]$/.test(reason) ? reason : `${reason}.`}`);
  }
  if (order.status === 'delivered' && order.images && order.images.failed > 0) {
    // Delivered short: the failed predictions can be run again from the queue.
    problems.push(`${order.images.failed} of ${order.images.planned} headshots could not be generated.`);
  }
  for (const issue of order.paymentIssues ?? []) {
    const money = issue.amount !== null ? ` (${formatPrice(issue.amount, issue.currency ?? 'usd')})` : '';
    problems.push(
      `Payment issue${money}: ${issue.message} ` +
        (issue.refundId
          ? `Refunded automatically (${issue.refundId}).`
          : 'Needs a decision: refund or keep.'),
    );
  }
  if (order.dispute?.open) {
    const d = order.dispute;
    problems.push(
      `Card dispute open (${d.status}${d.reason ? `, ${d.reason}` : ''}) over ${formatPrice(d.amount, d.currency)}.`,
    );
  }
  const refundRequest = refundRequestOf(order);
  if (refundRequest) {
    const why =
      typeof refundRequest.reason === 'string' && refundRequest.reason ? `: "${refundRequest.reason}"` : '.';
    problems.push(`The customer asked for a refund${why}`);
  }
  const erasure = order.erasure;
  if (erasure && erasure.state !== 'deleted') {
    const what = `${ERASURE_WHAT[erasure.scope]}, asked by ${erasure.reason}`;
    const error = erasure.lastError ? ` Last error: ${erasure.lastError}` : '';
    const tries = `${erasure.attempts} failed ${erasure.attempts === 1 ? 'attempt' : 'attempts'}`;
    if (erasure.state === 'stuck') {
      problems.push(`Deletion stuck (${what}) after ${tries}; the daily purge retries it.${error}`);
    } else {
      const since = erasure.requestedAt ?? order.updatedAt;
      if (now - since > ERASURE_LIMIT_MINUTES * 60_000) {
        problems.push(`Deleting for ${minutes(now - since)} min (${what}), ${tries}.${error}`);
      }
    }
  }
  const limit = STAGE_LIMIT_MINUTES[order.status];
  // Orders written before statusAt existed fall back to their last update.
  const since = order.statusAt?.[order.status] ?? order.updatedAt;
  if (limit !== undefined && now - since > limit * 60_000) {
    problems.push(
      `Stuck: "${order.status}" for ${minutes(now - since)} min; this stage should take under ${limit} min.`,
    );
  }
  return problems;
}

/**
 * The queue: orders from every attention query, each once, with what is wrong; the longest waiting
 * first (by when the order last changed).
 */
export function attentionQueue(orders: readonly OrderView[], now: number): AttentionItem[] {
  const byId = new Map(orders.map((o) => [o.id, o]));
  return [...byId.values()]
    .map((order) => ({ order, problems: attentionProblems(order, now) }))
    .filter((item) => item.problems.length > 0)
    .sort((a, b) => a.order.updatedAt - b.order.updatedAt);
}
