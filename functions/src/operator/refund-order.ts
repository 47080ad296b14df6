import { OrderDoc, type CallableRequest, type CallableResponse } from '@likeness/core';
import { HttpsError } from 'firebase-functions/v2/https';
import { auditRefund, refundRecordedUnder } from '../refunds/refund-audit.js';
import { refundOrderPayment } from '../refunds/refund-payment.js';
import { orderRef } from '../shared/db.js';
import { actorOf, type Operator } from './operator-callable.js';

export const OPERATOR_REFUND_ACTION = 'refund.operator';

/**
 * operatorRefund: refunds (part of) the order's own payment through Stripe, then records it in the
 * audit log. The console makes a request id per confirmation: the Stripe idempotency key derives
 * from it, so a double click or a retried call refunds once, and a later refund gets its own.
 * Stripe first, audit second: the log records only refunds that exist, with their ids. The order
 * becomes `refunded` (or records a partial refund) through Stripe's `charge.refunded` webhook.
 */
export async function refundOrderFor(
  req: CallableRequest<'operatorRefund'>,
  operator: Operator,
): Promise<CallableResponse<'operatorRefund'>> {
  const snap = await orderRef(req.orderId).get();
  if (!snap.exists) throw new HttpsError('not-found', `No order ${req.orderId}.`);
  const order = OrderDoc.parse(snap.data());
  const requestKey = `operator-refund-${req.orderId}-${req.requestId}`;

  const recorded = await refundRecordedUnder(req.orderId, OPERATOR_REFUND_ACTION, requestKey);
  if (recorded) {
    return {
      refundId: recorded.refundId,
      amount: recorded.amount,
      currency: recorded.currency,
      repeated: true,
    };
  }
  const paymentIntent = order.payment?.paymentIntent;
  if (!paymentIntent) {
    throw new HttpsError(
      'failed-precondition',
      order.payment
        ? 'This order was free (a 100 % discount code), so there is no payment to refund.'
        : 'This order has not been paid, so there is no payment to refund.',
    );
  }

  const refund = await refundOrderPayment({
    orderId: req.orderId,
    paymentIntent,
    amount: req.amount,
    requestKey,
    by: operator.email ?? operator.uid,
  });
  await auditRefund({
    orderId: req.orderId,
    actor: actorOf(operator),
    action: OPERATOR_REFUND_ACTION,
    refund,
    requestKey,
    reason: req.reason,
  });
  return {
    refundId: refund.refundId,
    amount: refund.amount,
    currency: refund.currency,
    repeated: refund.repeated,
  };
}
