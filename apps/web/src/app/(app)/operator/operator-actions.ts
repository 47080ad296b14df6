import {
  formatPrice,
  RESENDABLE_EMAIL_STATUS,
  ResendableEmail,
  type AuditActor,
  type CallableResponse,
  type OrderStatus,
  type RetryScope,
} from '@likeness/core';
import { z } from 'zod';

/** What the console offers for an order and how it words the callables' answers. Pure. */

export const EMAIL_LABELS: Record<ResendableEmail, string> = {
  'order-delivered': '“headshots ready” email',
  'order-failed': '“order failed” email',
};

/** The email an order in this status is owed (the one a resend may send), if any. */
export function resendableEmailFor(status: OrderStatus): ResendableEmail | null {
  return ResendableEmail.options.find((t) => RESENDABLE_EMAIL_STATUS[t] === status) ?? null;
}

/** An operator-closed gallery is the only closed one. */
export const galleryIsOpen = (order: { gallery?: { open: boolean } | undefined }) =>
  order.gallery?.open !== false;

export function describeResend(r: CallableResponse<'operatorResendEmail'>): string {
  return r.alreadyQueued
    ? `Resend #${r.resend} had not gone out yet; it was queued again (no second email).`
    : `Resend #${r.resend} queued (mail record ${r.dedupeKey}).`;
}

export function describeGallery(r: CallableResponse<'operatorSetGallery'>): string {
  const state = r.open ? 'open' : 'closed';
  return r.changed ? `Gallery ${state}.` : `The gallery was already ${state}; nothing changed.`;
}

export function describeVerify(r: CallableResponse<'operatorVerifyAudit'>): string {
  if (r.ok) return `Chain intact: ${r.entries} ${r.entries === 1 ? 'entry' : 'entries'} checked.`;
  const intact = `${r.entries} ${r.entries === 1 ? 'entry' : 'entries'} before it check out.`;
  return r.brokenAt
    ? `Chain broken at entry ${r.brokenAt.seq}: ${r.brokenAt.problem} ${intact}`
    : `Chain broken. ${intact}`;
}

/** Who acted, as the audit log shows it. */
export function describeActor(actor: AuditActor): string {
  return 'system' in actor ? `system: ${actor.system}` : (actor.email ?? actor.uid);
}

/** An entry's before → after as compact JSON; null on one side (nothing before, say) reads as "—". */
export function describeChange(before: unknown, after: unknown): string {
  const show = (v: unknown) => (v === null || v === undefined ? '—' : JSON.stringify(v));
  return `${show(before)} → ${show(after)}`;
}

/** Whether the console offers a refund: a card payment with something left to refund. */
export function canRefund(order: {
  status: OrderStatus;
  payment?: { paymentIntent?: string | null | undefined } | undefined;
  refund?: { full: boolean } | undefined;
}): boolean {
  return Boolean(order.payment?.paymentIntent) && order.refund?.full !== true && order.status !== 'refunded';
}

/**
 * The refund amount an operator typed, in cents: dollars and cents ("12.50", "12"), or empty for
 * everything left. Throws a ZodError whose message the console shows.
 */
export const RefundAmountInput = z
  .string()
  .trim()
  .regex(/^(\d+(\.\d{1,2})?)?$/, 'Enter an amount like 12.50, or leave it empty to refund everything left.')
  .transform((text) => (text === '' ? undefined : Math.round(Number(text) * 100)))
  .refine((cents) => cents === undefined || cents > 0, 'The amount must be more than 0.');

export function describeRefund(r: CallableResponse<'operatorRefund'>): string {
  const money = `${formatPrice(r.amount, r.currency)} (${r.refundId})`;
  return r.repeated
    ? `This request had already refunded ${money}; nothing new was refunded.`
    : `Refunded ${money}. The order updates when Stripe confirms.`;
}

/**
 * The retries the console offers, guessed from what the browser can see (it cannot read the
 * pipeline state): a failed order that never got as far as planning images trains again; an order
 * with failed images re-runs those. The callable refuses a wrong guess in words.
 */
export function retryScopesFor(order: {
  status: OrderStatus;
  images?: { failed: number } | undefined;
}): RetryScope[] {
  if (order.status === 'failed' && !order.images) return ['training'];
  if ((order.status === 'failed' || order.status === 'delivered') && (order.images?.failed ?? 0) > 0) {
    return ['failed-predictions'];
  }
  return [];
}

export const RETRY_LABELS: Record<RetryScope, string> = {
  training: 'Retry training',
  'failed-predictions': 'Retry failed predictions',
};

export function describeRetry(r: CallableResponse<'operatorRetryOrder'>): string {
  if (!r.started) return `The order is already being worked on ("${r.status}"); nothing was started.`;
  return r.jobs > 0
    ? `${r.jobs} failed ${r.jobs === 1 ? 'job' : 'jobs'} queued again; the order is generating.`
    : 'Training queued again; the order is back in the training queue.';
}
