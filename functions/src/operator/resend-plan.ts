import type { OrderStatus, ResendableEmail } from '@likeness/core';
import { z } from 'zod';
import { EMAILS } from '../email/registry.js';

/**
 * Deciding a resend, without Firestore: whether the order's status owes the email, which resend
 * this is, and whether an earlier resend is still on its way (then it is queued again, not doubled).
 */

// Core lists what may be resent; each must be an email of the registry.
const registryIdOf: Record<ResendableEmail, 'order-delivered' | 'order-failed'> = {
  'order-delivered': 'order-delivered',
  'order-failed': 'order-failed',
};

export const RESEND_ACTION = 'email.resend';

/** The audit entry's `after` of a resend, read back to number the next one. */
export const ResendRecord = z.object({
  template: z.string(),
  resend: z.number().int().positive(),
  dedupeKey: z.string(),
});
export type ResendRecord = z.infer<typeof ResendRecord>;

/** Why the order is not owed this email now, or null when it is. */
export function resendRefusal(template: ResendableEmail, status: OrderStatus): string | null {
  const owedIn = EMAILS[registryIdOf[template]].trigger.status;
  if (status === owedIn) return null;
  return `This order is "${status}"; the "${template}" email is only for orders that are "${owedIn}".`;
}

/** `mail/{key}` of the nth resend: a key of its own, since each key sends once. */
export const resendKey = (template: ResendableEmail, orderId: string, n: number) =>
  `${EMAILS[registryIdOf[template]].dedupeKey(orderId)}-resend-${n}`;

/** The highest resend number recorded for this template among an order's resend audit entries. */
export function lastResendNumber(afters: readonly unknown[], template: ResendableEmail): number {
  return afters.reduce<number>((max, after) => {
    const record = ResendRecord.safeParse(after);
    return record.success && record.data.template === template ? Math.max(max, record.data.resend) : max;
  }, 0);
}

/** A mail record whose send has not finished: absent (task not run yet) or claimed and sending. */
export const mailStillPending = (mailStatus: string | null) =>
  mailStatus === null || mailStatus === 'sending';

/**
 * The resend to make: a new one numbered after the last, or, when the last has not gone out yet
 * (a second click, a retried call), that same one again.
 */
export function planResend(
  template: ResendableEmail,
  orderId: string,
  last: { n: number; mailStatus: string | null } | null,
): { n: number; dedupeKey: string; alreadyQueued: boolean } {
  if (last && last.n > 0 && mailStillPending(last.mailStatus)) {
    return { n: last.n, dedupeKey: resendKey(template, orderId, last.n), alreadyQueued: true };
  }
  const n = (last?.n ?? 0) + 1;
  return { n, dedupeKey: resendKey(template, orderId, n), alreadyQueued: false };
}
