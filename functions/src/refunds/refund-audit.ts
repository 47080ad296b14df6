import type { AuditActor } from '@likeness/core';
import { FieldValue } from 'firebase-admin/firestore';
import { appendAudit } from '../operator/audit.js';
import { auditLogCol, orderRef } from '../shared/db.js';
import { readOrder } from '../shared/orders.js';
import type { PaymentRefund } from './refund-payment.js';
import { recordedRefund, type RefundRecord } from './refund-plan.js';
import { runTransaction } from '../shared/transaction.js';

/** An order's audit entries of one action, their `after`s (where each refund is recorded). */
async function aftersOf(orderId: string, action: string): Promise<unknown[]> {
  const snap = await auditLogCol().where('orderId', '==', orderId).where('action', '==', action).get();
  return snap.docs.map((d) => d.get('after') as unknown);
}

/** The refund an earlier call made under this key and recorded, if any. */
export async function refundRecordedUnder(
  orderId: string,
  action: string,
  requestKey: string,
): Promise<RefundRecord | null> {
  return recordedRefund(await aftersOf(orderId, action), { requestKey });
}

/**
 * Records a refund made through Stripe in the audit log, once per refund id (a repeated call finds
 * its entry and writes nothing). A refund answers the customer's pending request, so the request
 * leaves the operator's queue in the same transaction; the entry keeps what it said.
 */
export async function auditRefund(p: {
  orderId: string;
  actor: AuditActor;
  action: string;
  refund: PaymentRefund;
  requestKey: string;
  reason: string;
  /** Extra facts for the entry's `after` (plain JSON), e.g. the customer who asked. */
  extra?: Record<string, string>;
}): Promise<void> {
  const ref = orderRef(p.orderId);
  await runTransaction(async (tx) => {
    const order = await readOrder(tx, ref);
    const earlier = await tx.get(
      auditLogCol().where('orderId', '==', p.orderId).where('action', '==', p.action),
    );
    const afters = earlier.docs.map((d) => d.get('after') as unknown);
    if (recordedRefund(afters, { refundId: p.refund.refundId })) return;
    const after: RefundRecord & Record<string, string | number> = {
      ...p.extra,
      refundId: p.refund.refundId,
      amount: p.refund.amount,
      currency: p.refund.currency,
      amountRefunded: p.refund.refundedAfter,
      requestKey: p.requestKey,
    };
    await appendAudit(tx, {
      actor: p.actor,
      action: p.action,
      orderId: p.orderId,
      before: {
        amountRefunded: p.refund.refundedBefore,
        refundRequest: order.refundRequest?.reason ?? null,
      },
      after,
      reason: p.reason,
    });
    if (order.refundRequest) {
      tx.update(ref, { refundRequest: null, updatedAt: FieldValue.serverTimestamp() });
    }
  });
}
