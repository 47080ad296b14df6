import { AccountDeletionDoc, type CallableRequest, type CallableResponse } from '@likeness/core';
import { FieldValue } from 'firebase-admin/firestore';
import { renderAccountDeleted } from '../email/templates/account-deleted.js';
import { deleteStripeCustomerOf } from '../winback/stripe-customer.js';
import { sendOnce, webLinks } from '../email/send-once.js';
import type { Caller } from '../shared/callable.js';
import { accountDeletionRef, orderRef, ordersCol, rateLimitsOf, userRef } from '../shared/db.js';
import { adminAuth } from '../shared/firebase.js';
import { followUps } from '../shared/follow-ups.js';
import { readOrder } from '../shared/orders.js';
import { enqueue } from '../shared/tasks.js';
import { beginErasure } from './begin-erasure.js';
import { eraseOrderData } from './erase-order.js';
import { runTransaction } from '../shared/transaction.js';
import { orderLogger } from '../shared/order-log.js';

/**
 * deleteAccount: records the request (with the address for the receipt, since the sign-in goes
 * too) and hands the work to the eraseAccount task. While the record exists the rules refuse new
 * orders and consent writes from this account.
 */
export async function deleteAccountFor(
  _req: CallableRequest<'deleteAccount'>,
  { uid, email }: Caller,
): Promise<CallableResponse<'deleteAccount'>> {
  // Orders the customer already deleted are tombstones: not "orders" to them any more.
  const orders = (await ordersCol().where('uid', '==', uid).get()).docs.filter(
    (d) => d.get('status') !== 'deleted',
  ).length;
  const ref = accountDeletionRef(uid);
  const state = await runTransaction(async (tx) => {
    const snap = await tx.get(ref);
    if (snap.exists) return AccountDeletionDoc.parse(snap.data()).state;
    tx.create(ref, {
      state: 'deleting',
      email: email ?? null,
      orderIds: [],
      done: [],
      attempts: 0,
      lastError: null,
      requestedAt: FieldValue.serverTimestamp(),
    });
    return 'deleting' as const;
  });
  if (state === 'deleted') return { state: 'deleted', orders };
  await enqueue(followUps.eraseAccount(uid));
  return { state: 'deleting', orders };
}

/**
 * eraseAccount: deletes every order of the account through the one deletion routine (no receipt
 * per order), then the order tombstones, the customer's own record, their rate counters and their
 * sign-in, and last sends one receipt to the address captured at the request. Each stage is
 * recorded, so a retry resumes; the record keeps no address once the receipt is sent.
 */
export async function eraseAccountData(uid: string): Promise<'erased' | 'already-erased' | 'not-requested'> {
  const ref = accountDeletionRef(uid);
  const snap = await ref.get();
  if (!snap.exists) return 'not-requested';
  const record = AccountDeletionDoc.parse(snap.data());
  if (record.state === 'deleted') return 'already-erased';
  const done = new Set(record.done);
  const mark = (stage: string, extra: Record<string, unknown> = {}) =>
    ref.update({ done: FieldValue.arrayUnion(stage), ...extra });

  if (!done.has('orders')) {
    const orders = await ordersCol().where('uid', '==', uid).get();
    const orderIds = orders.docs.map((d) => d.id);
    // The receipt counts the orders this deletion removed, not those deleted before.
    const live = orders.docs.filter((d) => d.get('status') !== 'deleted').map((d) => d.id);
    // arrayUnion needs at least one element: an account whose orders were all deleted before has none.
    if (live.length > 0) await ref.update({ orderIds: FieldValue.arrayUnion(...live) });
    for (const id of orderIds) {
      await runTransaction(async (tx) =>
        beginErasure(tx, id, await readOrder(tx, orderRef(id)), 'everything', 'account'),
      );
      await eraseOrderData(id, { sendReceipt: false });
    }
    // The tombstones too: an account that is gone leaves no order behind.
    await Promise.all(orderIds.map((id) => orderRef(id).delete()));
    await mark('orders');
  }
  if (!done.has('records')) {
    const counters = await rateLimitsOf(uid).get();
    // Before the record that names it: the Stripe Customer made for win-back codes holds the address.
    await deleteStripeCustomerOf(uid);
    await Promise.all([userRef(uid).delete(), ...counters.docs.map((d) => d.ref.delete())]);
    await mark('records');
  }
  if (!done.has('sign-in')) {
    await adminAuth()
      .deleteUser(uid)
      .catch((e: unknown) => {
        if ((e as { code?: string }).code !== 'auth/user-not-found') throw e;
      });
    await mark('sign-in');
  }
  if (!done.has('receipt')) {
    const email = record.email;
    if (email) {
      const links = webLinks();
      const orders = AccountDeletionDoc.parse((await ref.get()).data()).orderIds.length;
      await sendOnce(
        `account-deleted-${uid}`,
        { template: 'account-deleted' },
        async () => ({ to: email, mail: await renderAccountDeleted({ orders, ...links }) }),
        { keepRecipient: false },
      );
    } else orderLogger(null, 'erasure').warn('Account deleted without an address for the receipt', { uid });
    await mark('receipt');
  }
  await ref.update({
    state: 'deleted',
    email: null,
    lastError: null,
    finishedAt: FieldValue.serverTimestamp(),
  });
  return 'erased';
}

/** A failed run of eraseAccount, recorded; after the last attempt the deletion is `stuck`. */
export async function recordAccountErasureFailure(
  uid: string,
  error: unknown,
  lastAttempt: boolean,
): Promise<void> {
  await accountDeletionRef(uid).update({
    attempts: FieldValue.increment(1),
    lastError: String(error).slice(0, 500),
    ...(lastAttempt ? { state: 'stuck' } : {}),
  });
}
