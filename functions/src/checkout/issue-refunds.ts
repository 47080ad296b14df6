import { OrderDoc, PaymentIssue } from '@likeness/core';
import { stripeClient } from '../shared/clients.js';
import { orderRef } from '../shared/db.js';
import { appendAudit } from '../operator/audit.js';
import { runTransaction } from '../shared/transaction.js';
import { orderLogger } from '../shared/order-log.js';

/**
 * Refunds every payment issue of an order that holds money and has no refund yet. Each refund's
 * idempotency key is its session, so a retried webhook (or two at once) refunds each payment once;
 * the refund id is written back on the issue for the operator.
 */
export async function refundPaymentIssues(orderId: string): Promise<number> {
  const snap = await orderRef(orderId).get();
  if (!snap.exists) return 0;
  const open = (OrderDoc.parse(snap.data()).paymentIssues ?? []).filter(
    (i) => i.paymentIntent && !i.refundId,
  );
  for (const issue of open) {
    const refund = await stripeClient().refunds.create(
      {
        payment_intent: issue.paymentIntent!,
        reason: issue.code === 'second_payment' ? 'duplicate' : 'requested_by_customer',
        metadata: { orderId, issue: issue.code },
      },
      { idempotencyKey: `issue-refund:${issue.sessionId ?? issue.paymentIntent}` },
    );
    await runTransaction(async (tx) => {
      const order = OrderDoc.parse((await tx.get(orderRef(orderId))).data());
      const pending = (i: PaymentIssue) => i.paymentIntent === issue.paymentIntent && !i.refundId;
      // A concurrent delivery recorded this refund already (Stripe returned it the same refund).
      if (!(order.paymentIssues ?? []).some(pending)) return;
      await appendAudit(tx, {
        actor: { system: 'payment-issue-refund' },
        action: 'refund.payment-issue',
        orderId,
        before: { code: issue.code, sessionId: issue.sessionId, refundId: null },
        after: { refundId: refund.id, amount: refund.amount, currency: refund.currency },
        reason: issue.message,
      });
      const issues = (order.paymentIssues ?? []).map((i) =>
        pending(i) ? PaymentIssue.parse({ ...i, refundId: refund.id }) : i,
      );
      tx.update(orderRef(orderId), { paymentIssues: issues });
    });
    orderLogger(orderId, 'refund').warn('Refunded a payment that did not fit its order', {
      code: issue.code,
      refund: refund.id,
    });
  }
  return open.length;
}
