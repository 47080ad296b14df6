import { formatPrice } from '@likeness/core';
import { z } from 'zod';

/**
 * Deciding a refund of an order's payment, without Stripe or Firestore: whether the amount asked
 * for is still refundable, and whether an earlier call already made this refund.
 */

/** Why this refund cannot be made, in words, or null when it can. `requested` omitted = all that is left. */
export function refundRefusal(p: {
  requested: number | undefined;
  charged: number;
  refunded: number;
  currency: string;
}): string | null {
  const left = p.charged - p.refunded;
  if (left <= 0) return 'This order’s payment is already fully refunded.';
  if (p.requested !== undefined && p.requested > left) {
    return p.refunded > 0
      ? `Only ${formatPrice(left, p.currency)} of the ${formatPrice(p.charged, p.currency)} payment is left to refund (${formatPrice(p.refunded, p.currency)} already refunded).`
      : `The payment was ${formatPrice(p.charged, p.currency)}; a refund cannot be more than that.`;
  }
  return null;
}

/**
 * The `after` of a refund's audit entry: the refund and the payment's refunded total around it.
 * `requestKey` is the idempotency key the refund was made under.
 */
export const RefundRecord = z.object({
  refundId: z.string(),
  amount: z.number().int(),
  currency: z.string(),
  amountRefunded: z.number().int(),
  requestKey: z.string(),
});
export type RefundRecord = z.infer<typeof RefundRecord>;

/** The recorded refund among audit entries' `after`s made under this key or with this refund id. */
export function recordedRefund(
  afters: readonly unknown[],
  match: { requestKey?: string; refundId?: string },
): RefundRecord | null {
  for (const after of afters) {
    const record = RefundRecord.safeParse(after);
    if (!record.success) continue;
    if (match.requestKey !== undefined && record.data.requestKey === match.requestKey) return record.data;
    if (match.refundId !== undefined && record.data.refundId === match.refundId) return record.data;
  }
  return null;
}
