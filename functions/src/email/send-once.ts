import { FieldValue } from 'firebase-admin/firestore';
import { z } from 'zod';
import { mailClient } from '../shared/clients.js';
import { config } from '../shared/config.js';
import { mailRef } from '../shared/db.js';
import type { RenderedEmail } from './layout.js';
import { runTransaction } from '../shared/transaction.js';
import { orderLogger } from '../shared/order-log.js';

/** A run that claimed the mail but has not marked it sent within this time is presumed dead. */
const SENDING_LEASE_MS = 2 * 60 * 1000;

const MailRecord = z.object({
  status: z.enum(['sending', 'sent', 'error', 'skipped']),
  claimedAt: z.custom<{ toMillis(): number }>().optional(),
});

export type Produced = { to: string; mail: RenderedEmail } | { skip: string };

/**
 * Sends one email per key, ever: `mail/{key}` is claimed in a transaction before anything is sent,
 * so the same key sends once however often a task runs; a concurrent run backs off (throws) and lets
 * the task retry. `record` is stored on the claim (template, orderId); `keepRecipient: false` leaves
 * the address out of the record (an account deletion's receipt must not re-create personal data).
 */
export async function sendOnce(
  dedupeKey: string,
  record: Record<string, string>,
  produce: () => Promise<Produced>,
  { keepRecipient = true }: { keepRecipient?: boolean } = {},
): Promise<'sent' | 'already-sent' | 'skipped'> {
  const ref = mailRef(dedupeKey);
  const claim = await runTransaction(async (tx) => {
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
        ...record,
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
  if (claim === 'busy') throw new Error(`Email ${dedupeKey} is being sent by another run`);

  try {
    const produced = await produce();
    if ('skip' in produced) {
      await ref.update({ status: 'skipped', reason: produced.skip, updatedAt: FieldValue.serverTimestamp() });
      return 'skipped';
    }
    const { to, mail } = produced;
    await mailClient().send({
      to,
      from: config().MAIL_FROM,
      subject: mail.subject,
      html: mail.html,
      text: mail.text,
      ...(mail.headers ? { headers: mail.headers } : {}),
    });
    await ref.update({
      status: 'sent',
      ...(keepRecipient ? { to } : {}),
      subject: mail.subject,
      sentAt: FieldValue.serverTimestamp(),
    });
    // Account emails (the deletion receipt) belong to no order.
    orderLogger(record.orderId ?? null, 'email').info('Email sent', { dedupeKey, ...record });
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

/** Links every email carries, from the configured public web address. */
export function webLinks(orderId?: string) {
  const base = config().PUBLIC_WEB_URL.replace(/\/$/, '');
  return {
    webUrl: base,
    privacyUrl: `${base}/privacy`,
    accountUrl: `${base}/account`,
    orderUrl: orderId ? `${base}/orders/${encodeURIComponent(orderId)}` : base,
  };
}
