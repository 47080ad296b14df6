/**
 * Unit economics of an order: GPU time at list price against what the customer paid. Pure, so the
 * operator console and any report compute it the same way.
 */

/**
 * Replicate's list price per second of the GPU our trainer and predictor run on (an H100):
 * $0.001525/s ($5.49/h), from shared/SERVICES.md (Replicate → Billing), also quoted in
 * cog-model/README.md ("Cost in GPU-seconds"). A floor, not the bill: a private model is also billed
 * for set-up and idle time, which a job's `metrics.predict_time` does not include.
 */
export const GPU_PRICE_PER_SEC_USD = 0.001525;

/**
 * GPU seconds an order has used, as Replicate reports them (`metrics.predict_time` of its training and
 * of every prediction attempt, failed ones included: they are billed too).
 */
export interface OrderCosts {
  trainingGpuSec?: number | undefined;
  predictionGpuSec?: number | undefined;
}

/**
 * The fields of an order the maths reads, typed so that both an order view (timestamps as epoch
 * millis) and a plain object fit. Revenue is in the order's currency (USD, CAD, GBP or AUD) and GPU
 * cost in USD: a margin is computed only where the two are the same currency. Nothing is converted:
 * an exchange rate is a guess this code would state as a fact.
 */
export interface OrderMoney {
  payment?:
    | {
        amountTotal: number | null;
        /** Stripe's lowercase code; absent or null reads as USD (orders from before currencies). */
        currency?: string | null | undefined;
        paidAt?: number | undefined;
      }
    | undefined;
  refund?: { amountRefunded: number } | undefined;
  costs?: OrderCosts | undefined;
}

export interface Economics {
  gpuSeconds: number;
  /** Fractional (a GPU second costs about 0.15 ¢): round only for display. */
  gpuCostCents: number;
  /** The currency of `revenueCents` (lowercase); GPU cost is always USD. */
  currency: string;
  /** What the customer paid after discounts, less what was refunded (before Stripe's fees). */
  revenueCents: number;
  /** Revenue less GPU cost; null when the revenue is not in USD (the two are not added up). */
  marginCents: number | null;
}

export interface OrderEconomics extends Economics {
  trainingGpuSec: number;
  predictionGpuSec: number;
}

/** One UTC day's orders paid in one currency: a day with pounds and dollars has a row for each. */
export interface DayTotals extends Economics {
  /** The UTC day the orders were paid, `YYYY-MM-DD`. */
  day: string;
  orders: number;
}

const seconds = (v: number | undefined) => (v !== undefined && Number.isFinite(v) && v > 0 ? v : 0);

export const gpuCostCents = (gpuSeconds: number) => gpuSeconds * GPU_PRICE_PER_SEC_USD * 100;

export function orderEconomics(order: OrderMoney): OrderEconomics {
  const trainingGpuSec = seconds(order.costs?.trainingGpuSec);
  const predictionGpuSec = seconds(order.costs?.predictionGpuSec);
  const gpuSeconds = trainingGpuSec + predictionGpuSec;
  const cost = gpuCostCents(gpuSeconds);
  const revenueCents = (order.payment?.amountTotal ?? 0) - (order.refund?.amountRefunded ?? 0);
  const currency = (order.payment?.currency ?? GPU_COST_CURRENCY).toLowerCase();
  return {
    trainingGpuSec,
    predictionGpuSec,
    gpuSeconds,
    gpuCostCents: cost,
    currency,
    revenueCents,
    marginCents: currency === GPU_COST_CURRENCY ? revenueCents - cost : null,
  };
}

/** Replicate bills in US dollars. */
export const GPU_COST_CURRENCY = 'usd';

/** `YYYY-MM-DD` of an instant, in UTC (one day boundary for every operator, wherever they sit). */
export const utcDay = (millis: number) => new Date(millis).toISOString().slice(0, 10);

/**
 * Totals per UTC day of payment and currency paid in, newest day first (currencies alphabetically
 * within a day); orders without a payment time are left out. Currencies are never added together.
 */
export function dailyTotals(orders: readonly OrderMoney[]): DayTotals[] {
  const days = new Map<string, DayTotals>();
  for (const order of orders) {
    const paidAt = order.payment?.paidAt;
    if (paidAt === undefined) continue;
    const day = utcDay(paidAt);
    const e = orderEconomics(order);
    const key = `${day} ${e.currency}`;
    const total = days.get(key) ?? {
      day,
      orders: 0,
      gpuSeconds: 0,
      gpuCostCents: 0,
      currency: e.currency,
      revenueCents: 0,
      marginCents: e.marginCents === null ? null : 0,
    };
    total.orders += 1;
    total.gpuSeconds += e.gpuSeconds;
    total.gpuCostCents += e.gpuCostCents;
    total.revenueCents += e.revenueCents;
    if (total.marginCents !== null && e.marginCents !== null) total.marginCents += e.marginCents;
    days.set(key, total);
  }
  return [...days.values()].sort((a, b) =>
    a.day !== b.day ? (a.day < b.day ? 1 : -1) : a.currency.localeCompare(b.currency),
  );
}
