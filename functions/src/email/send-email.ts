import { getStyle, OrderDoc, PLANS, type SendEmailTask } from '@likeness/core';
import { FieldValue } from 'firebase-admin/firestore';
import { logger } from 'firebase-functions';
import { z } from 'zod';
import { mailClient } from '../shared/clients.js';
import { config } from '../shared/config.js';
import { mailRef, orderRef } from '../shared/db.js';
import { adminAuth, db } from '../shared/firebase.js';
import { EMAILS, isEmailTemplate, stillOwed } from './registry.js';

export type SendOutcome = 'sent' | 'already-sent' | 'no-recipient' | 'no-longer-owed' | 'unknown-template';

/** A run that claimed the mail but has not marked it sent within this time is presumed dead. */
const SENDING_LEASE_MS = 2 * 60 * 1000;

const MailRecord = z.object({
  status: z.enum(['sending', 'sent', 'error', 'skipped']),
  claimedAt: z.custom<{ toMillis(): number }>().optional(),
});

/**
 * sendEmail: `mail/{dedupeKey}` is claimed in a transaction before anything is sent, so the same key
 * sends once however often the task runs; a concurrent run backs off and lets the task retry.
 */
export async function sendOrderEmail(task: SendEmailTask): Promise<SendOutcome> {
  if (!isEmailTemplate(task.template)) {
    // No retry can make an unknown template known: drop the task.
    logger.error('Email task for an unknown template', { ...task });
    return 'unknown-template';
  }
  const email = EMAILS[task.template];
  const ref = mailRef(task.dedupeKey);
  const claim = await db().runTransaction(async (tx) => {
    const snap = await tx.get(ref);
    if (snap.exists) {
      const mail = MailRecord.parse(snap.data());
      if (mail.status === 'sent' || mail.status === 'skipped') return 'done' as const;
      if (
        mail.status === 'sending' &&
        mail.claimedAt &&
        Date.now() - mail.claimedAt.toMillis() < SENDING_LEASE_MS
      ) {
        return 'busy' as const;
      }
    }
    tx.set(
      ref,
      {
        template: task.template,
        orderId: task.orderId,
        status: 'sending',
        claimedAt: FieldValue.serverTimestamp(),
        attempts: FieldValue.increment(1),
        ...(snap.exists ? {} : { createdAt: FieldValue.serverTimestamp() }),
      },
      { merge: true },
    );
    return 'claimed' as const;
  });
  if (claim === 'done') return 'already-sent';
  if (claim === 'busy') throw new Error(`Email ${task.dedupeKey} is being sent by another run`);

  try {
    const order = OrderDoc.parse((await orderRef(task.orderId).get()).data());
    const skip = async (reason: string) =>
      ref.update({ status: 'skipped', reason, updatedAt: FieldValue.serverTimestamp() });
    if (!stillOwed(email, order)) {
      await skip(`The order moved on to "${order.status}" before this email was due`);
      return 'no-longer-owed';
    }
    const user = await adminAuth().getUser(order.uid);
    if (!user.email) {
      await skip('The account has no email address');
      logger.warn('Email skipped: no address', { dedupeKey: task.dedupeKey, uid: order.uid });
      return 'no-recipient';
    }
    const c = config();
    const orderUrl = `${c.PUBLIC_WEB_URL.replace(/\/$/, '')}/orders/${encodeURIComponent(task.orderId)}`;
    const mail = email.render({
      orderId: task.orderId,
      orderUrl,
      planName: PLANS[order.planId].name,
      styleNames: order.styleIds.map((id) => getStyle(id).name),
      ...(order.images ? { images: order.images } : {}),
      ...(order.error?.message ? { errorMessage: order.error.message } : {}),
      ...(order.refund
        ? { refund: { amount: order.refund.amountRefunded, currency: order.refund.currency } }
        : {}),
    });
    await mailClient().send({
      to: user.email,
      from: c.MAIL_FROM,
      subject: mail.subject,
      html: mail.html,
      text: mail.text,
    });
    await ref.update({
      status: 'sent',
      to: user.email,
      subject: mail.subject,
      sentAt: FieldValue.serverTimestamp(),
    });
    logger.info('Email sent', { dedupeKey: task.dedupeKey, template: task.template });
    return 'sent';
  } catch (e) {
    await ref.update({
      status: 'error',
      lastError: String(e).slice(0, 500),
      updatedAt: FieldValue.serverTimestamp(),
    });
    throw e;
  }
}
