import type { CallableRequest, CallableResponse } from '@likeness/core';
import { FieldValue } from 'firebase-admin/firestore';
import { HttpsError } from 'firebase-functions/v2/https';
import type { Caller } from '../shared/callable.js';
import { stripeClient } from '../shared/clients.js';
import { orderRef } from '../shared/db.js';
import { orderOfCaller } from '../shared/orders.js';
import { runTransaction } from '../shared/transaction.js';

/**
 * Closes the order's open checkout so the customer can change the order again: the session is
 * expired at Stripe first (after that nobody can pay it), then forgotten. A session that was paid
 * meanwhile is not cancelled: the payment stands and the page moves on.
 */
export async function cancelCheckoutFor(
  req: CallableRequest<'cancelCheckout'>,
  { uid }: Caller,
): Promise<CallableResponse<'cancelCheckout'>> {
  const order = await orderOfCaller(uid, req.orderId);
  if (!order.checkout) return { cancelled: false };
  const stripe = stripeClient();
  const sessionId = order.checkout.sessionId;
  const session = await stripe.checkout.sessions.retrieve(sessionId);
  if (session.status === 'complete') {
    throw new HttpsError(
      'failed-precondition',
      'This checkout was already paid; the page will update in a moment.',
    );
  }
  if (session.status === 'open') await stripe.checkout.sessions.expire(sessionId);
  await runTransaction(async (tx) => {
    const ref = orderRef(req.orderId);
    if ((await tx.get(ref)).get('checkout.sessionId') !== sessionId) return;
    tx.update(ref, { checkout: FieldValue.delete(), updatedAt: FieldValue.serverTimestamp() });
  });
  return { cancelled: true };
}
