import {
  RESENDABLE_EMAIL_STATUS,
  ResendableEmail,
  type AuditActor,
  type CallableResponse,
  type OrderStatus,
} from '@likeness/core';

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
