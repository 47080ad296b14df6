import { getStyle, OrderDoc, PLANS, RETENTION, DAY_MS, type SendEmailTask } from '@likeness/core';
import { orderRef } from '../shared/db.js';
import { adminAuth } from '../shared/firebase.js';
import { EMAILS, isEmailTemplate, stillOwed } from './registry.js';
import { sendOnce, webLinks } from './send-once.js';
import { orderLogger } from '../shared/order-log.js';

export type SendOutcome = 'sent' | 'already-sent' | 'skipped' | 'unknown-template';

/** sendEmail: one registry email about one order, once per dedupe key (send-once.ts). */
export async function sendOrderEmail(task: SendEmailTask): Promise<SendOutcome> {
  if (!isEmailTemplate(task.template)) {
    // No retry can make an unknown template known: drop the task.
    orderLogger(task.orderId, 'email').error('Email task for an unknown template', { ...task });
    return 'unknown-template';
  }
  const email = EMAILS[task.template];
  return sendOnce(task.dedupeKey, { template: task.template, orderId: task.orderId }, async () => {
    const snap = await orderRef(task.orderId).get();
    if (!snap.exists) return { skip: 'The order no longer exists' };
    const order = OrderDoc.parse(snap.data());
    if (!stillOwed(email, order)) {
      return { skip: `The order moved on to "${order.status}" before this email was due` };
    }
    const user = await adminAuth()
      .getUser(order.uid)
      .catch(() => null);
    if (!user?.email) {
      orderLogger(task.orderId, 'email').warn('Email skipped: no address', {
        dedupeKey: task.dedupeKey,
        uid: order.uid,
      });
      return { skip: 'The account has no email address' };
    }
    const delivered = order.statusAt?.delivered?.toMillis();
    const mail = await email.render({
      ...webLinks(task.orderId),
      orderId: task.orderId,
      planName: PLANS[order.planId].name,
      styleNames: order.styleIds.map((id) => getStyle(id).name),
      ...(order.images ? { images: order.images } : {}),
      ...(order.error?.message ? { errorMessage: order.error.message } : {}),
      ...(order.refund
        ? { refund: { amount: order.refund.amountRefunded, currency: order.refund.currency } }
        : {}),
      ...(order.erasure
        ? { erasure: { scope: order.erasure.scope, removed: order.erasure.removed ?? {} } }
        : {}),
      ...(delivered ? { headshotsDeleteAt: delivered + RETENTION.headshotsDays * DAY_MS } : {}),
    });
    return { to: user.email, mail };
  });
}
