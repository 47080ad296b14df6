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
 * millis) and a plain object fit. Plans are all priced in USD and the webhook refuses a payment in
 * another currency, so cents of revenue and cents of GPU cost are the same unit.
 */
export interface OrderMoney {
  payment?: { amountTotal: number | null; paidAt?: number | undefined } | undefined;
  refund?: { amountRefunded: number } | undefined;
  costs?: OrderCosts | undefined;
}

export interface Economics {
  gpuSeconds: number;
  /** Fractional (a GPU second costs about 0.15 ¢): round only for display. */
  gpuCostCents: number;
  /** What the customer paid after discounts, less what was refunded (before Stripe's fees). */
  revenueCents: number;
  marginCents: number;
}

export interface OrderEconomics extends Economics {
  trainingGpuSec: number;
  predictionGpuSec: number;
}

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
  return {
    trainingGpuSec,
    predictionGpuSec,
    gpuSeconds,
    gpuCostCents: cost,
    revenueCents,
    marginCents: revenueCents - cost,
  };
}

/** `YYYY-MM-DD` of an instant, in UTC (one day boundary for every operator, wherever they sit). */
export const utcDay = (millis: number) => new Date(millis).toISOString().slice(0, 10);

/** Totals per UTC day of payment, newest day first; orders without a payment time are left out. */
export function dailyTotals(orders: readonly OrderMoney[]): DayTotals[] {
  const days = new Map<string, DayTotals>();
  for (const order of orders) {
    const paidAt = order.payment?.paidAt;
    if (paidAt === undefined) continue;
    const day = utcDay(paidAt);
    const e = orderEconomics(order);
    const total = days.get(day) ?? {
      day,
      orders: 0,
      gpuSeconds: 0,
      gpuCostCents: 0,
      revenueCents: 0,
      marginCents: 0,
    };
    total.orders += 1;
    total.gpuSeconds += e.gpuSeconds;
    total.gpuCostCents += e.gpuCostCents;
    total.revenueCents += e.revenueCents;
    total.marginCents += e.marginCents;
    days.set(day, total);
  }
  return [...days.values()].sort((a, b) => (a.day < b.day ? 1 : a.day > b.day ? -1 : 0));
}
