import { wantsMarketingEmail, type CallableRequest, type CallableResponse } from '@likeness/core';
import { FieldValue } from 'firebase-admin/firestore';
import { HttpsError } from 'firebase-functions/v2/https';
import type { Caller } from '../shared/callable.js';
import { accountDeletionRef, userRef } from '../shared/db.js';
import { orderLogger } from '../shared/order-log.js';
import { runTransaction } from '../shared/transaction.js';

/**
 * setMarketingEmail: the account page's switch for marketing email (win-back reminders, the rating
 * request), off or back on. Idempotent: asking for the choice already in force writes nothing, so
 * the record keeps the time and the way it was first made (no record counts as on). An account
 * being deleted is refused, and nothing is written for it.
 */
export async function setMarketingEmailFor(
  { marketing }: CallableRequest<'setMarketingEmail'>,
  { uid }: Caller,
): Promise<CallableResponse<'setMarketingEmail'>> {
  const changed = await runTransaction(async (tx) => {
    const [user, deletion] = await Promise.all([tx.get(userRef(uid)), tx.get(accountDeletionRef(uid))]);
    if (deletion.exists) {
      throw new HttpsError(
        'failed-precondition',
        'This account is being deleted, so its emails cannot be changed.',
      );
    }
    const current = wantsMarketingEmail(user.get('email') as { marketing?: unknown } | undefined);
    if (current === marketing) return false;
    tx.set(
      userRef(uid),
      { email: { marketing, via: 'account', at: FieldValue.serverTimestamp() } },
      { merge: true },
    );
    return true;
  });
  if (changed) {
    // About an account, not one order.
    orderLogger(null, 'unsubscribe').info('Marketing email choice', { uid, marketing, via: 'account' });
  }
  return { marketing, changed };
}
