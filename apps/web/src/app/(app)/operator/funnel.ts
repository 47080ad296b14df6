import { funnelSourceKey, utcDay, type OrderDoc } from '@likeness/core';
import type { FunnelDayView, Viewed } from '@/lib/views';

/**
 * The funnel from our own data, not from GA. Landing views are the site's own count
 * (`funnelDaily/{YYYY-MM-DD}`, written by the recordLanding function once per tab session, without
 * cookies or identifiers), per UTC day by first-touch source. From "Order started" on, each order
 * created in the window is counted at every step it reached, by the same source key
 * (core's funnelSourceKey), so the conversion from landing to order lines up per source. Sign-ups
 * happen before an order exists and are counted by GA only.
 */
export const ORDER_STEPS = [
  { id: 'started', label: 'Order started' },
  { id: 'uploaded', label: 'First photo uploaded' },
  { id: 'ready', label: 'Photos ready' },
  { id: 'checkout', label: 'Checkout opened' },
  { id: 'paid', label: 'Paid' },
  { id: 'delivered', label: 'Delivered' },
] as const;
export type OrderStepId = (typeof ORDER_STEPS)[number]['id'];

export const FUNNEL_STEPS = [{ id: 'landed', label: 'Landing views' }, ...ORDER_STEPS] as const;
export type FunnelStepId = (typeof FUNNEL_STEPS)[number]['id'];
const stepIndex = (id: FunnelStepId) => FUNNEL_STEPS.findIndex((s) => s.id === id);
const LANDED = stepIndex('landed');
const STARTED = stepIndex('started');

/** An order as the console reads it (timestamps in epoch ms). */
export type FunnelOrder = Viewed<
  Pick<OrderDoc, 'createdAt' | 'statusAt' | 'photos' | 'checkout' | 'payment' | 'attribution' | 'refund'>
>;

/** How far an order got, as the steps it reached. */
export function stepsReached(order: FunnelOrder): Record<OrderStepId, boolean> {
  const at = order.statusAt ?? {};
  const paid = Boolean(order.payment || at.paid);
  const delivered = Boolean(at.delivered);
  const checkout = Boolean(order.checkout) || paid;
  const ready = Boolean(at.ready) || checkout;
  const uploaded = (order.photos?.uploaded ?? 0) > 0 || Boolean(at.uploading) || ready;
  return { started: true, uploaded, ready, checkout, paid, delivered };
}

/** A day of landing counts as the console reads it (id: the UTC day, YYYY-MM-DD). */
export type FunnelDay = Pick<FunnelDayView, 'id' | 'landings'>;

export interface FunnelRow {
  source: string;
  /** Landing views, then orders at each order step, in FUNNEL_STEPS order. */
  counts: number[];
  /** Paid less refunded, per currency, in the currency's smallest unit. */
  revenue: Record<string, number>;
}

export interface FunnelReport {
  days: number;
  /** The UTC days whose landings are counted: the last `days`, today included (YYYY-MM-DD). */
  fromDay: string;
  toDay: string;
  total: FunnelRow;
  /** Largest first by landing views, then by orders started. */
  bySource: FunnelRow[];
  /** Landing views by page (home, a city's slug, other), largest first. */
  landingsByPage: { page: string; count: number }[];
}

const DAY = 24 * 3600 * 1000;

const emptyRow = (source: string): FunnelRow => ({ source, counts: FUNNEL_STEPS.map(() => 0), revenue: {} });

function add(row: FunnelRow, order: FunnelOrder) {
  const reached = stepsReached(order);
  ORDER_STEPS.forEach((step) => {
    if (reached[step.id]) row.counts[stepIndex(step.id)]! += 1;
  });
  const p = order.payment;
  if (p?.amountTotal && p.currency) {
    const net = p.amountTotal - (order.refund?.amountRefunded ?? 0);
    row.revenue[p.currency] = (row.revenue[p.currency] ?? 0) + net;
  }
}

/**
 * The funnel of the `days` before `now` (epoch ms): the orders created in that time, and the landing
 * views of its UTC days (today and the `days - 1` before; a day is counted whole).
 */
export function funnelReport(
  orders: readonly FunnelOrder[],
  landingDays: readonly FunnelDay[],
  now: number,
  days: number,
): FunnelReport {
  const since = now - days * DAY;
  const fromDay = utcDay(now - (days - 1) * DAY);
  const toDay = utcDay(now);
  const total = emptyRow('All sources');
  const bySource = new Map<string, FunnelRow>();
  const rowOf = (source: string) => {
    const row = bySource.get(source) ?? emptyRow(source);
    bySource.set(source, row);
    return row;
  };
  const byPage = new Map<string, number>();
  for (const day of landingDays) {
    if (day.id < fromDay || day.id > toDay || !day.landings) continue;
    total.counts[LANDED]! += day.landings.total;
    for (const [source, count] of Object.entries(day.landings.bySource))
      rowOf(source).counts[LANDED]! += count;
    for (const [page, count] of Object.entries(day.landings.byPage))
      byPage.set(page, (byPage.get(page) ?? 0) + count);
  }
  for (const order of orders) {
    const created = order.createdAt as number | undefined;
    if (created === undefined || created < since || created > now) continue;
    add(rowOf(funnelSourceKey(order.attribution)), order);
    add(total, order);
  }
  const rows = [...bySource.values()].sort(
    (a, b) =>
      b.counts[LANDED]! - a.counts[LANDED]! ||
      b.counts[STARTED]! - a.counts[STARTED]! ||
      a.source.localeCompare(b.source),
  );
  const landingsByPage = [...byPage]
    .map(([page, count]) => ({ page, count }))
    .sort((a, b) => b.count - a.count || a.page.localeCompare(b.page));
  return { days, fromDay, toDay, total, bySource: rows, landingsByPage };
}

/** Share of the previous step that reached step `i` (null for the first step or an empty one). */
export function stepConversion(counts: readonly number[], i: number): number | null {
  if (i === 0) return null;
  const before = counts[i - 1]!;
  return before === 0 ? null : counts[i]! / before;
}

/** Share of started orders that reached step `i` (null when none started). */
export function overallConversion(counts: readonly number[], i: number): number | null {
  return counts[STARTED] ? counts[i]! / counts[STARTED] : null;
}
