import type { CallableRequest, CallableResponse } from '@likeness/core';
import { HttpsError } from 'firebase-functions/v2/https';
import { auditLogCol, mailRef } from '../shared/db.js';
import { followUps } from '../shared/follow-ups.js';
import { enqueueAll } from '../shared/tasks.js';
import { appendAudit } from './audit.js';
import { actorOf, type Operator } from './operator-callable.js';
import { readOrderForOperator } from './order.js';
import {
  lastResendNumber,
  planResend,
  RESEND_ACTION,
  resendKey,
  resendRefusal,
  type ResendRecord,
} from './resend-plan.js';
import { runTransaction } from '../shared/transaction.js';

/**
 * operatorResendEmail: sends an order's email again under a new dedupe key (`<key>-resend-<n>`),
 * with n counted from the audit log. The audit entry commits first; the send task is enqueued after,
 * and a call while that resend has not gone out queues the same one again (the task id makes that a
 * no-op), so a lost enqueue heals on retry and a double click sends one email.
 */
export async function resendEmailFor(
  req: CallableRequest<'operatorResendEmail'>,
  operator: Operator,
): Promise<CallableResponse<'operatorResendEmail'>> {
  const plan = await runTransaction(async (tx) => {
    const order = await readOrderForOperator(tx, req.orderId);
    const refusal = resendRefusal(req.template, order.status);
    if (refusal) throw new HttpsError('failed-precondition', refusal);

    const earlier = await tx.get(
      auditLogCol().where('orderId', '==', req.orderId).where('action', '==', RESEND_ACTION),
    );
    const lastN = lastResendNumber(
      earlier.docs.map((d) => d.get('after') as unknown),
      req.template,
    );
    const lastMail = lastN > 0 ? await tx.get(mailRef(resendKey(req.template, req.orderId, lastN))) : null;
    const plan = planResend(
      req.template,
      req.orderId,
      lastMail ? { n: lastN, mailStatus: lastMail.exists ? String(lastMail.get('status')) : null } : null,
    );
    if (!plan.alreadyQueued) {
      const after: ResendRecord = { template: req.template, resend: plan.n, dedupeKey: plan.dedupeKey };
      await appendAudit(tx, {
        actor: actorOf(operator),
        action: RESEND_ACTION,
        orderId: req.orderId,
        before: { template: req.template, resends: plan.n - 1 },
        after,
        reason: req.reason,
      });
    }
    return plan;
  });
  await enqueueAll([followUps.sendEmail(req.template, req.orderId, plan.dedupeKey)]);
  return { dedupeKey: plan.dedupeKey, resend: plan.n, alreadyQueued: plan.alreadyQueued };
}
