import type { CouponObject, LineItemObject } from './objects.js';

/** How much a coupon takes off a subtotal (never more than the subtotal). */
export function discountFor(coupon: CouponObject | null, subtotal: number): number {
  if (!coupon) return 0;
  if (coupon.percent_off !== null)
    return Math.min(subtotal, Math.round((subtotal * coupon.percent_off) / 100));
  return Math.min(subtotal, coupon.amount_off ?? 0);
}

/**
 * Spreads a session-level discount over the line items in proportion to their subtotals, as Stripe
 * reports `amount_discount` per item; rounding leftovers go to the last item so the parts add up.
 */
export function applyDiscount(items: LineItemObject[], discount: number): LineItemObject[] {
  const subtotal = items.reduce((s, i) => s + i.amount_subtotal, 0);
  let left = discount;
  return items.map((item, idx) => {
    const share =
      idx === items.length - 1
        ? left
        : subtotal === 0
          ? 0
          : Math.floor((discount * item.amount_subtotal) / subtotal);
    left -= share;
    return { ...item, amount_discount: share, amount_total: item.amount_subtotal - share };
  });
}

/** Formats an amount in the currency's smallest unit for people, e.g. 2900 usd -> "$29.00". */
export function formatAmount(amount: number, currency: string): string {
  const fmt = new Intl.NumberFormat('en-US', { style: 'currency', currency: currency.toUpperCase() });
  const digits = fmt.resolvedOptions().maximumFractionDigits ?? 2;
  return fmt.format(amount / 10 ** digits);
}
