// zod/mini: the city pages parse these figures in the browser, and the classic API would add its
// whole method surface to that page's scripts for one small object.
import { z } from 'zod/mini';

/**
 * The turnaround the site quotes, measured on real orders: how long from payment to a full gallery,
 * and how long training alone took. Functions recompute it from the orders' `statusAt` stamps when an
 * order is delivered (functions/src/stats) and publish it at `publicStats/turnaround`; the city pages
 * and the order page quote it, and say nothing about time while no order has been delivered.
 */

/** The orders measured: the newest deliveries, at most this many, none older than this. */
export const TURNAROUND_WINDOW = { orders: 50, days: 30 } as const;

export const TURNAROUND_DOC = 'turnaround';

const Minutes = z.object({
  median: z.number().check(z.nonnegative()),
  p90: z.number().check(z.nonnegative()),
});

export const TurnaroundStats = z.object({
  /** How many delivered orders the figures come from. */
  orders: z.int().check(z.positive()),
  /** Payment to delivered (every headshot in the gallery). */
  delivery: Minutes,
  /** Training started to generating started. */
  training: Minutes,
  /** The first and last delivery measured (epoch ms), so a quote can say when it is from. */
  fromMs: z.number(),
  toMs: z.number(),
});
export type TurnaroundStats = z.infer<typeof TurnaroundStats>;

/** One delivered order's stage times (epoch ms). */
export interface DeliveredOrderTimes {
  paidMs: number;
  trainingMs: number;
  generatingMs: number;
  deliveredMs: number;
}

/** Nearest-rank quantile of an ascending list (q in (0, 1]). */
function quantile(sorted: readonly number[], q: number): number {
  return sorted[Math.max(0, Math.ceil(q * sorted.length) - 1)]!;
}

function median(sorted: readonly number[]): number {
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

const toMinutes = (ms: number) => Math.round(ms / 6_000) / 10;

function minutesOf(durationsMs: number[]) {
  const sorted = durationsMs.map(toMinutes).sort((a, b) => a - b);
  return { median: median(sorted), p90: quantile(sorted, 0.9) };
}

/**
 * The figures over the orders in the window ending at `nowMs`: the newest TURNAROUND_WINDOW.orders
 * deliveries of the last TURNAROUND_WINDOW.days days. Orders with a stage stamp missing or out of
 * order (an order moved by hand) are left out rather than guessed. Null when none is left.
 */
export function turnaroundOf(orders: readonly DeliveredOrderTimes[], nowMs: number): TurnaroundStats | null {
  const since = nowMs - TURNAROUND_WINDOW.days * 86_400_000;
  const measured = orders
    .filter(
      (o) =>
        o.deliveredMs >= since &&
        o.paidMs <= o.trainingMs &&
        o.trainingMs <= o.generatingMs &&
        o.generatingMs <= o.deliveredMs,
    )
    .sort((a, b) => b.deliveredMs - a.deliveredMs)
    .slice(0, TURNAROUND_WINDOW.orders);
  if (measured.length === 0) return null;
  return {
    orders: measured.length,
    delivery: minutesOf(measured.map((o) => o.deliveredMs - o.paidMs)),
    training: minutesOf(measured.map((o) => o.generatingMs - o.trainingMs)),
    fromMs: measured.at(-1)!.deliveredMs,
    toMs: measured[0]!.deliveredMs,
  };
}

/** "under a minute", "12 minutes", "1 hour 5 minutes" */
export function durationInWords(minutes: number): string {
  if (minutes < 1) return 'under a minute';
  const whole = Math.round(minutes);
  const h = Math.floor(whole / 60);
  const m = whole % 60;
  const part = (n: number, unit: string) => `${n} ${unit}${n === 1 ? '' : 's'}`;
  if (h === 0) return part(m, 'minute');
  return m === 0 ? part(h, 'hour') : `${part(h, 'hour')} ${part(m, 'minute')}`;
}

const ordersInWords = (n: number) =>
  n === 1 ? 'our last delivered order' : `our last ${n} delivered orders`;

/** The city pages' sentence: what the measured orders took, said with how many there were. */
export function deliverySentence(stats: TurnaroundStats): string {
  const { median, p90 } = stats.delivery;
  const spread = stats.orders >= 5 ? `, and 9 in 10 within ${durationInWords(p90)}` : '';
  return stats.orders === 1
    ? `Measured, not promised: ${ordersInWords(1)} took ${durationInWords(median)} from payment to a full gallery.`
    : `Measured, not promised: across ${ordersInWords(stats.orders)}, the median time from payment to a full gallery was ${durationInWords(median)}${spread}.`;
}

/** The order page's line while training runs. */
export function trainingSentence(stats: TurnaroundStats): string {
  return stats.orders === 1
    ? `Training took ${durationInWords(stats.training.median)} on ${ordersInWords(1)}.`
    : `Training took ${durationInWords(stats.training.median)} (median) on ${ordersInWords(stats.orders)}.`;
}
