import { DocId, OrderDoc, PAID_STATUSES, type OrderStatus } from '@likeness/core';
import { FieldValue, type DocumentReference, type Transaction } from 'firebase-admin/firestore';
import { logger } from 'firebase-functions/v2';
import type Stripe from 'stripe';
import { stripeClient } from '../shared/clients.js';
import { orderRef, stripeEventRef } from '../shared/db.js';
import { db } from '../shared/firebase.js';
import { followUps } from '../shared/follow-ups.js';
import { transition } from '../shared/orders.js';
import { enqueue } from '../shared/tasks.js';

/**
 * What a verified Stripe event did. Every event id is recorded once in `stripeEvents/{id}` in the
 * same transaction as its effect, so a replay (Stripe retries, or someone re-sends a captured
 * event) finds the record and changes nothing.
 */
export type StripeEventOutcome =
  | 'paid'
  | 'already-paid'
  | 'not-paid'
  | 'unexpected-status'
  | 'checkout-cleared'
  | 'checkout-kept'
  | 'unknown-order'
  | 'ignored'
  | 'replay';

/** The order a session pays for; anything that is not a valid document id counts as no order. */
function orderIdOf(session: Stripe.Checkout.Session): string | null {
  const id = session.client_reference_id ?? session.metadata?.orderId ?? null;
  return id && DocId.safeParse(id).success ? id : null;
}

interface EventRecord {
  type: string;
  orderId: string | null;
  sessionId: string | null;
  outcome: StripeEventOutcome;
  /** What the session said when we handled it, for the operator and for refunds. */
  details?: Record<string, unknown>;
}

function writeRecord(
  tx: Transaction,
  ref: DocumentReference,
  event: Stripe.Event,
  record: EventRecord,
): void {
  tx.create(ref, {
    ...record,
    livemode: event.livemode,
    created: event.created,
    receivedAt: FieldValue.serverTimestamp(),
  });
}

/**
 * Records an event whose only effect is the record (or, with `apply`, a change to an order that
 * exists), atomically with the replay check.
 */
async function recordOnce(
  event: Stripe.Event,
  record: EventRecord,
  apply?: (tx: Transaction, order: OrderDoc, ref: DocumentReference) => StripeEventOutcome,
): Promise<{ outcome: StripeEventOutcome; status: OrderStatus | null }> {
  const evRef = stripeEventRef(event.id);
  return db().runTransaction(async (tx) => {
    const evSnap = await tx.get(evRef);
    const oRef = record.orderId ? orderRef(record.orderId) : null;
    const orderSnap = oRef ? await tx.get(oRef) : null;
    const order = orderSnap?.exists ? OrderDoc.parse(orderSnap.data()) : null;
    if (evSnap.exists) return { outcome: 'replay' as const, status: order?.status ?? null };
    if (apply && record.orderId && !order) {
      writeRecord(tx, evRef, event, { ...record, outcome: 'unknown-order' });
      return { outcome: 'unknown-order' as const, status: null };
    }
    const outcome = apply && order && oRef ? apply(tx, order, oRef) : record.outcome;
    writeRecord(tx, evRef, event, { ...record, outcome });
    return { outcome, status: order?.status ?? null };
  });
}

async function fulfil(event: Stripe.Event, sessionId: string): Promise<StripeEventOutcome> {
  // The event body is only a snapshot: re-read the session for the authoritative payment state.
  const session = await stripeClient().checkout.sessions.retrieve(sessionId, { expand: ['line_items'] });
  const orderId = orderIdOf(session);
  const base = {
    type: event.type,
    orderId,
    sessionId,
    details: {
      paymentStatus: session.payment_status,
      amountTotal: session.amount_total,
      currency: session.currency,
      items: (session.line_items?.data ?? []).map((li) => ({
        description: li.description ?? null,
        amountTotal: li.amount_total,
      })),
    },
  };
  if (!orderId) {
    logger.error('stripeWebhook: paid session without an order id', { eventId: event.id, sessionId });
    return (await recordOnce(event, { ...base, outcome: 'unknown-order' })).outcome;
  }
  if (session.payment_status !== 'paid') {
    // Delayed methods (bank debits) complete unpaid; async_payment_succeeded follows.
    return (await recordOnce(event, { ...base, outcome: 'not-paid' })).outcome;
  }

  const { outcome, status } = await recordOnce(event, { ...base, outcome: 'paid' }, (tx, order, ref) => {
    if (order.status === 'ready') {
      transition(tx, ref, order, 'paid', {
        payment: {
          sessionId,
          amountTotal: session.amount_total,
          currency: session.currency,
          discountCode: session.metadata?.discountCode ?? null,
          paidAt: FieldValue.serverTimestamp(),
        },
      });
      return 'paid';
    }
    if (PAID_STATUSES.includes(order.status)) {
      if (order.payment && order.payment.sessionId !== sessionId) {
        // A second session was paid (two tabs): the operator must refund one.
        logger.error('stripeWebhook: order paid twice', {
          orderId,
          first: order.payment.sessionId,
          second: sessionId,
        });
      }
      return 'already-paid';
    }
    logger.error('stripeWebhook: payment for an order that is not ready', {
      orderId,
      status: order.status,
      sessionId,
    });
    return 'unexpected-status';
  });
  if (outcome === 'unknown-order')
    logger.error('stripeWebhook: payment for an unknown order', { eventId: event.id, orderId });

  // Also on replays: a previous delivery may have committed and then died before enqueueing.
  // The task id makes a second enqueue a no-op.
  const nowPaid =
    outcome === 'paid' || (status === 'paid' && (outcome === 'replay' || outcome === 'already-paid'));
  if (nowPaid) await enqueue(followUps.startTraining(orderId));
  return outcome;
}

/** An expired or failed session frees the order to create a new one. */
async function releaseCheckout(
  event: Stripe.Event,
  session: Stripe.Checkout.Session,
): Promise<StripeEventOutcome> {
  const orderId = orderIdOf(session);
  const base = { type: event.type, orderId, sessionId: session.id };
  if (!orderId) return (await recordOnce(event, { ...base, outcome: 'unknown-order' })).outcome;
  const { outcome } = await recordOnce(event, { ...base, outcome: 'checkout-kept' }, (tx, order, ref) => {
    // Only the session the order points at: expiry of an older one must not drop a newer one.
    if (order.checkout?.sessionId !== session.id) return 'checkout-kept';
    tx.update(ref, { checkout: FieldValue.delete(), updatedAt: FieldValue.serverTimestamp() });
    return 'checkout-cleared';
  });
  if (outcome === 'unknown-order')
    logger.error('stripeWebhook: event for an unknown order', { eventId: event.id, orderId });
  return outcome;
}

export async function handleStripeEvent(event: Stripe.Event): Promise<StripeEventOutcome> {
  switch (event.type) {
    case 'checkout.session.completed':
    case 'checkout.session.async_payment_succeeded':
      return fulfil(event, event.data.object.id);
    case 'checkout.session.expired':
    case 'checkout.session.async_payment_failed':
      return releaseCheckout(event, event.data.object);
    default:
      return (
        await recordOnce(event, { type: event.type, orderId: null, sessionId: null, outcome: 'ignored' })
      ).outcome;
  }
}
