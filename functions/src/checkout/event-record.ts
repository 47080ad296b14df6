import { OrderDoc, type OrderStatus } from '@likeness/core';
import { FieldValue, type DocumentReference, type Transaction } from 'firebase-admin/firestore';
import type Stripe from 'stripe';
import { orderRef, stripeEventRef } from '../shared/db.js';
import { appendAudit, type AuditEntryInput } from '../operator/audit.js';
import { runTransaction } from '../shared/transaction.js';

/**
 * What a verified Stripe event did. Every event id is recorded once in `stripeEvents/{id}` in the
 * same transaction as its effect, so a replay (Stripe retries, or someone re-sends a captured
 * event) finds the record and changes nothing.
 */
export type StripeEventOutcome =
  | 'paid'
  | 'already-paid'
  | 'payment-issue'
  | 'not-paid'
  | 'checkout-cleared'
  | 'checkout-kept'
  | 'refund-recorded'
  | 'refunded'
  | 'dispute-recorded'
  | 'not-an-order-payment'
  | 'foreign-session'
  | 'unknown-order'
  | 'ignored'
  | 'replay';

export interface EventRecord {
  type: string;
  orderId: string | null;
  sessionId: string | null;
  outcome: StripeEventOutcome;
  /** What Stripe said when we handled it, for the operator and for refunds. */
  details?: Record<string, unknown>;
}

/**
 * Applies an event to an order that exists, inside the transaction that records the event. Money
 * effects are audited: call `auditMoney` before any write of the transaction.
 */
export type ApplyToOrder = (
  tx: Transaction,
  order: OrderDoc,
  ref: DocumentReference,
) => Promise<StripeEventOutcome>;

/** An audit entry for what a Stripe event did to an order's money, by the webhook. */
export async function auditMoney(
  tx: Transaction,
  event: Stripe.Event,
  orderId: string,
  change: {
    action: string;
    before: AuditEntryInput['before'];
    after: { [key: string]: AuditEntryInput['after'] };
  },
): Promise<void> {
  await appendAudit(tx, {
    actor: { system: 'stripe-webhook' },
    action: change.action,
    orderId,
    before: change.before,
    after: { ...change.after, stripeEvent: event.id },
    reason: null,
  });
}

/**
 * Records an event whose only effect is the record (or, with `apply`, a change to an order that
 * exists), atomically with the replay check. `status` is the order's status before the event.
 */
export async function recordOnce(
  event: Stripe.Event,
  record: EventRecord,
  apply?: ApplyToOrder,
): Promise<{ outcome: StripeEventOutcome; status: OrderStatus | null }> {
  const evRef = stripeEventRef(event.id);
  return runTransaction(async (tx) => {
    const evSnap = await tx.get(evRef);
    const oRef = record.orderId ? orderRef(record.orderId) : null;
    const orderSnap = oRef ? await tx.get(oRef) : null;
    const order = orderSnap?.exists ? OrderDoc.parse(orderSnap.data()) : null;
    if (evSnap.exists) return { outcome: 'replay' as const, status: order?.status ?? null };
    let outcome = record.outcome;
    if (apply && record.orderId && !order) outcome = 'unknown-order';
    else if (apply && order && oRef) outcome = await apply(tx, order, oRef);
    tx.create(evRef, {
      ...record,
      outcome,
      livemode: event.livemode,
      created: event.created,
      receivedAt: FieldValue.serverTimestamp(),
    });
    return { outcome, status: order?.status ?? null };
  });
}
