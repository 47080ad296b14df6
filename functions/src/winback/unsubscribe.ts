import { FieldValue } from 'firebase-admin/firestore';
import { z } from 'zod';
import { validLinkSignature } from '../email/links.js';
import { accountDeletionRef, userRef } from '../shared/db.js';
import { adminAuth } from '../shared/firebase.js';
import type { Request, Response } from '../shared/http.js';
import { orderLogger } from '../shared/order-log.js';
import { runTransaction } from '../shared/transaction.js';
import { paragraph, postButton, sendLinkPage } from './link-pages.js';

const Query = z.object({ u: z.string().min(1).max(128), s: z.string().min(1).max(128) });

const STILL_SENT =
  'You will still get the emails about orders you place: receipts, delivery, refunds and deletions.';

/**
 * Turns marketing email off for an account (win-back offers, rating requests). Idempotent: the
 * first unsubscribe is kept with its time and how it came. An account that is gone or being
 * deleted gets nothing written (no record re-created for it).
 */
export async function unsubscribeAccount(
  uid: string,
  via: 'link' | 'one-click',
): Promise<'unsubscribed' | 'gone'> {
  const account = await adminAuth()
    .getUser(uid)
    .catch(() => null);
  if (!account) return 'gone';
  return runTransaction(async (tx) => {
    const [user, deletion] = await Promise.all([tx.get(userRef(uid)), tx.get(accountDeletionRef(uid))]);
    if (deletion.exists) return 'gone' as const;
    if (user.get('email.marketing') === false) return 'unsubscribed' as const;
    tx.set(
      userRef(uid),
      { email: { marketing: false, via, at: FieldValue.serverTimestamp() } },
      { merge: true },
    );
    return 'unsubscribed' as const;
  });
}

/**
 * emailUnsubscribe: the signed link of every marketing email. GET shows one button (link
 * scanners that fetch it change nothing); POST unsubscribes: the button, or a mail client's
 * RFC 8058 one-click POST (`List-Unsubscribe=One-Click`) with no page at all.
 */
export async function handleUnsubscribe(req: Request, res: Response): Promise<void> {
  res.set('Cache-Control', 'no-store');
  const q = Query.safeParse(req.query);
  if (!q.success || !validLinkSignature('unsubscribe', q.data.u, q.data.s)) {
    sendLinkPage(
      res,
      400,
      'This link is not valid',
      paragraph('Open the link from the email again, or reply to that email and we will unsubscribe you.'),
    );
    return;
  }
  if (req.method === 'GET' || req.method === 'HEAD') {
    sendLinkPage(
      res,
      200,
      'Unsubscribe from offers and reminders?',
      paragraph(
        'We will stop sending you discount offers about unfinished orders and requests to rate your headshots.',
      ) +
        paragraph(STILL_SENT) +
        postButton('', 'Unsubscribe', { confirm: 'yes' }),
    );
    return;
  }
  if (req.method !== 'POST') {
    res.set('Allow', 'GET, POST').status(405).send('Method not allowed');
    return;
  }
  const body = (req.body ?? {}) as Record<string, unknown>;
  const via = body['List-Unsubscribe'] === 'One-Click' ? 'one-click' : 'link';
  const outcome = await unsubscribeAccount(q.data.u, via);
  // About an account, not one order.
  orderLogger(null, 'unsubscribe').info('Unsubscribe', { uid: q.data.u, via, outcome });
  sendLinkPage(
    res,
    200,
    'You are unsubscribed',
    paragraph('We will not send you offers or rating requests any more.') + paragraph(STILL_SENT),
  );
}
