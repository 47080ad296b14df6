import { attributionSource, type OrderDoc } from '@likeness/core';
import type { Viewed } from '@/lib/views';

/**
 * The funnel from our own orders, not from GA: each order created in the window is counted at every
 * step it reached, by its first-touch source. Landing views and sign-ups happen before an order
 * exists, so they are GA's to count; from the order on, these numbers are the business's own.
 */
export const FUNNEL_STEPS = [
  { id: 'started', label: 'Order started' },
  { id: 'uploaded', label: 'First photo uploaded' },
  { id: 'ready', label: 'Photos ready' },
  { id: 'checkout', label: 'Checkout opened' },
  { id: 'paid', label: 'Paid' },
  { id: 'delivered', label: 'Delivered' },
] as const;
export type FunnelStepId = (typeof FUNNEL_STEPS)[number]['id'];

/** An order as the console reads it (timestamps in epoch ms). */
export type FunnelOrder = Viewed<
  Pick<OrderDoc, 'createdAt' | 'statusAt' | 'photos' | 'checkout' | 'payment' | 'attribution' | 'refund'>
>;

/** How far an order got, as the steps it reached. */
export function stepsReached(order: FunnelOrder): Record<FunnelStepId, boolean> {
  const at = order.statusAt ?? {};
  const paid = Boolean(order.payment || at.paid);
  const delivered = Boolean(at.delivered);
  const checkout = Boolean(order.checkout) || paid;
  const ready = Boolean(at.ready) || checkout;
  const uploaded = (order.photos?.uploaded ?? 0) > 0 || Boolean(at.uploading) || ready;
  return { started: true, uploaded, ready, checkout, paid, delivered };
}

export interface FunnelRow {
  source: string;
  /** Orders at each step, in FUNNEL_STEPS order. */
  counts: number[];
  /** Paid less refunded, per currency, in the currency's smallest unit. */
  revenue: Record<string, number>;
}

export interface FunnelReport {
  days: number;
  total: FunnelRow;
  /** Largest first by orders started. */
  bySource: FunnelRow[];
}

const emptyRow = (source: string): FunnelRow => ({ source, counts: FUNNEL_STEPS.map(() => 0), revenue: {} });

function add(row: FunnelRow, order: FunnelOrder) {
  const reached = stepsReached(order);
  FUNNEL_STEPS.forEach((step, i) => {
    if (reached[step.id]) row.counts[i]! += 1;
  });
  const p = order.payment;
  if (p?.amountTotal && p.currency) {
    const net = p.amountTotal - (order.refund?.amountRefunded ?? 0);
    row.revenue[p.currency] = (row.revenue[p.currency] ?? 0) + net;
  }
}

/** The funnel of the orders created in the `days` before `now` (epoch ms). */
export function funnelReport(orders: readonly FunnelOrder[], now: number, days: number): FunnelReport {
  const since = now - days * 24 * 3600 * 1000;
  const total = emptyRow('All sources');
  const bySource = new Map<string, FunnelRow>();
  for (const order of orders) {
    const created = order.createdAt as number | undefined;
    if (created === undefined || created < since || created > now) continue;
    const source = attributionSource(order.attribution);
    const row = bySource.get(source) ?? emptyRow(source);
    bySource.set(source, row);
    add(row, order);
    add(total, order);
  }
  const rows = [...bySource.values()].sort(
    (a, b) => b.counts[0]! - a.counts[0]! || a.source.localeCompare(b.source),
  );
  return { days, total, bySource: rows };
}

/** Share of the previous step that reached step `i` (null for the first step or an empty one). */
export function stepConversion(counts: readonly number[], i: number): number | null {
  if (i === 0) return null;
  const before = counts[i - 1]!;
  return before === 0 ? null : counts[i]! / before;
}

/** Share of started orders that reached step `i`. */
export function overallConversion(counts: readonly number[], i: number): number | null {
  return counts[0] ? counts[i]! / counts[0] : null;
}
