import { OrderDoc } from '@likeness/core';
import type { Transaction } from 'firebase-admin/firestore';
import { HttpsError } from 'firebase-functions/v2/https';
import { orderRef } from '../shared/db.js';

/** The order an operator acts on, read in the action's transaction; a wrong id is the caller's error. */
export async function readOrderForOperator(tx: Transaction, orderId: string): Promise<OrderDoc> {
  const snap = await tx.get(orderRef(orderId));
  if (!snap.exists) throw new HttpsError('not-found', `No order ${orderId}.`);
  return OrderDoc.parse(snap.data());
}
