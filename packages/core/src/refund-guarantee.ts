import type { OrderStatus } from './order-status.js';

/**
 * The refund guarantee, as data: the site quotes `describeRefundGuarantee()` and requestRefund
 * (functions/src/refunds/) decides with `refundRoute()`, so the promise and the code are one.
 *
 * Within `days` of delivery, and (with `onlyIfNothingDownloaded`) before any headshot was
 * downloaded, a customer who asks is refunded in full at once. Any other request of a paid order
 * goes to the operator's queue.
 */
export const REFUND_GUARANTEE = { days: 7, onlyIfNothingDownloaded: true } as const;

export interface RefundGuarantee {
  days: number;
  onlyIfNothingDownloaded: boolean;
}

const DAY_MS = 86_400_000;

/** The one sentence the site says about refunds. */
export function describeRefundGuarantee(g: RefundGuarantee = REFUND_GUARANTEE): string {
  const days = `${g.days} ${g.days === 1 ? 'day' : 'days'}`;
  return g.onlyIfNothingDownloaded
    ? `Not happy? Ask within ${days} of delivery, before downloading any headshot, and we refund you in full at once.`
    : `Not happy? Ask within ${days} of delivery and we refund you in full at once.`;
}

/** What the rule reads off an order; timestamps as epoch millis (server and browser read them apart). */
export interface RefundFacts {
  status: OrderStatus;
  /** The order's own card payment; null when a 100 % code left nothing to pay. */
  paymentIntent: string | null;
  /** Stripe reported the payment refunded in full. */
  fullyRefunded: boolean;
  deliveredAt: number | undefined;
  downloads: number;
}

export type RefundRoute =
  /** Refunded in full now, by the guarantee. */
  | { kind: 'automatic' }
  /** Outside the guarantee: recorded for the operator, with why in words. */
  | { kind: 'request'; why: string }
  /** Nothing to refund, or not yet. */
  | { kind: 'refused'; why: string };

/** Where a customer's refund request goes, `now` in epoch millis. */
export function refundRoute(f: RefundFacts, now: number, g: RefundGuarantee = REFUND_GUARANTEE): RefundRoute {
  if (f.fullyRefunded || f.status === 'refunded') {
    return { kind: 'refused', why: 'This order has already been refunded.' };
  }
  if (f.status !== 'delivered' && f.status !== 'failed') {
    return {
      kind: 'refused',
      why: 'You can ask for a refund once your headshots are delivered.',
    };
  }
  if (!f.paymentIntent) {
    return { kind: 'refused', why: 'This order was free, so there is no payment to refund.' };
  }
  if (f.status === 'failed') {
    return {
      kind: 'request',
      why: 'Refunds of orders that could not be completed are made by our team, not automatically.',
    };
  }
  if (f.deliveredAt === undefined) {
    return {
      kind: 'request',
      why: 'We could not tell when this order was delivered, so our team looks at it.',
    };
  }
  if (now - f.deliveredAt > g.days * DAY_MS) {
    return {
      kind: 'request',
      why: `Your headshots were delivered more than ${g.days} days ago, so the automatic refund no longer applies.`,
    };
  }
  if (g.onlyIfNothingDownloaded && f.downloads > 0) {
    return {
      kind: 'request',
      why: 'Headshots of this order were downloaded, so the automatic refund does not apply.',
    };
  }
  return { kind: 'automatic' };
}

/** The facts of an order as either side reads it (`deliveredAt` already in millis). */
export function refundFactsOf(
  order: {
    status: OrderStatus;
    payment?: { paymentIntent?: string | null | undefined } | undefined;
    refund?: { full: boolean } | undefined;
    downloads?: { count: number } | undefined;
  },
  deliveredAt: number | undefined,
): RefundFacts {
  return {
    status: order.status,
    paymentIntent: order.payment?.paymentIntent ?? null,
    fullyRefunded: order.refund?.full === true,
    deliveredAt,
    downloads: order.downloads?.count ?? 0,
  };
}
