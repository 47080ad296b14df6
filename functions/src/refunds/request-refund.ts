import {
  formatPrice,
  OrderDoc,
  refundFactsOf,
  refundRoute,
  type CallableRequest,
  type CallableResponse,
} from '@likeness/core';
import { FieldValue } from 'firebase-admin/firestore';
import { HttpsError } from 'firebase-functions/v2/https';
import type { Caller } from '../shared/callable.js';
import { orderRef } from '../shared/db.js';
import { orderLogger } from '../shared/order-log.js';
import { auditRefund } from './refund-audit.js';
import { refundOrderPayment } from './refund-payment.js';
import { runTransaction } from '../shared/transaction.js';

export const GUARANTEE_ACTION = 'refund.guarantee';
/** The audit log's actor, the Stripe refund's `by` and the gallery's closer for guarantee refunds. */
export const GUARANTEE_SYSTEM = 'refund-guarantee';

type Decision =
  | { kind: 'refund'; paymentIntent: string }
  | { kind: 'requested'; why: string }
  | { kind: 'already-requested' };

/** A guarantee refund decided earlier whose Stripe call has not been seen through (it crashed, or overlaps). */
const guaranteeUnderWay = (order: OrderDoc) =>
  order.status === 'delivered' && order.gallery?.open === false && order.gallery.by === GUARANTEE_SYSTEM;

/**
 * Decides in one transaction: refund now under the guarantee (core/refund-guarantee.ts), or record
 * the request for the operator. A refund now closes the gallery in the same transaction, so no
 * download (downloads/record-download.ts checks the gallery in its own transaction) slips in
 * between the decision and the refund.
 */
async function decide(req: CallableRequest<'requestRefund'>, uid: string): Promise<Decision> {
  const ref = orderRef(req.orderId);
  return runTransaction(async (tx): Promise<Decision> => {
    const snap = await tx.get(ref);
    if (!snap.exists) throw new HttpsError('not-found', 'No such order.');
    const order = OrderDoc.parse(snap.data());
    if (order.uid !== uid) throw new HttpsError('permission-denied', 'This order belongs to someone else.');
    if (guaranteeUnderWay(order) && order.payment?.paymentIntent) {
      return { kind: 'refund', paymentIntent: order.payment.paymentIntent };
    }
    if (order.refundRequest) return { kind: 'already-requested' };

    const facts = refundFactsOf(order, order.statusAt?.delivered?.toMillis());
    const route = refundRoute(facts, Date.now());
    if (route.kind === 'refused') throw new HttpsError('failed-precondition', route.why);
    if (route.kind === 'request') {
      tx.update(ref, {
        refundRequest: { reason: req.reason, uid, at: FieldValue.serverTimestamp() },
        updatedAt: FieldValue.serverTimestamp(),
      });
      return { kind: 'requested', why: route.why };
    }
    tx.update(ref, {
      gallery: {
        open: false,
        by: GUARANTEE_SYSTEM,
        reason: 'You asked for a refund under our guarantee.',
        at: FieldValue.serverTimestamp(),
      },
      updatedAt: FieldValue.serverTimestamp(),
    });
    // The guarantee applies only to an order with a card payment.
    return { kind: 'refund', paymentIntent: facts.paymentIntent! };
  });
}

/**
 * Stripe refused or could not be reached: the request goes to the operator instead, and the
 * gallery the decision closed opens again (unless the refund went through meanwhile).
 */
async function handToOperator(orderId: string, uid: string, reason: string): Promise<void> {
  const ref = orderRef(orderId);
  await runTransaction(async (tx) => {
    const order = OrderDoc.parse((await tx.get(ref)).data());
    if (order.status === 'refunded') return;
    tx.update(ref, {
      refundRequest: { reason, uid, at: FieldValue.serverTimestamp() },
      ...(guaranteeUnderWay(order) ? { gallery: FieldValue.delete() } : {}),
      updatedAt: FieldValue.serverTimestamp(),
    });
  });
}

const REVIEW = 'We have passed your request to our team, who will look at it.';

/**
 * requestRefund: the customer's "Not happy? Refund". Within the guarantee it refunds the payment in
 * full at once (idempotent per order: one key, so a double click or a retry refunds once) and
 * audits it as the guarantee; otherwise it records the request on the order for the operator's
 * queue. Either way it says what happened.
 */
export async function requestRefundFor(
  req: CallableRequest<'requestRefund'>,
  caller: Caller,
): Promise<CallableResponse<'requestRefund'>> {
  const decision = await decide(req, caller.uid);
  const none = { refundId: null, amount: null, currency: null };
  if (decision.kind === 'already-requested') {
    return {
      outcome: 'already-requested',
      ...none,
      message: 'You have already asked for a refund of this order; our team will look at it.',
    };
  }
  if (decision.kind === 'requested') {
    return { outcome: 'requested', ...none, message: `${decision.why} ${REVIEW}` };
  }

  const requestKey = `guarantee-refund-${req.orderId}`;
  let refund;
  try {
    refund = await refundOrderPayment({
      orderId: req.orderId,
      paymentIntent: decision.paymentIntent,
      amount: undefined,
      requestKey,
      by: GUARANTEE_SYSTEM,
    });
  } catch (e) {
    orderLogger(req.orderId, 'refund').error('Guarantee refund failed; handed to the operator', {
      error: String(e),
    });
    await handToOperator(req.orderId, caller.uid, req.reason);
    return {
      outcome: 'requested',
      ...none,
      message: `We could not refund you automatically just now. ${REVIEW}`,
    };
  }
  await auditRefund({
    orderId: req.orderId,
    actor: { system: GUARANTEE_SYSTEM },
    action: GUARANTEE_ACTION,
    refund,
    requestKey,
    reason: req.reason,
    extra: { requestedBy: caller.uid },
  });
  return {
    outcome: 'refunded',
    refundId: refund.refundId,
    amount: refund.amount,
    currency: refund.currency,
    message: `We refunded ${formatPrice(refund.amount, refund.currency)} to your card. It can take 5–10 business days to show on your statement.`,
  };
}
