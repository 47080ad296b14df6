import { assertTransition, OrderDoc, type OrderStatus } from '@likeness/core';
import { FieldValue, type DocumentReference, type Transaction } from 'firebase-admin/firestore';
import { HttpsError } from 'firebase-functions/v2/https';
import { orderRef } from './db.js';

export async function readOrder(tx: Transaction, ref: DocumentReference): Promise<OrderDoc> {
  const snap = await tx.get(ref);
  if (!snap.exists) throw new Error(`Order ${ref.id} does not exist`);
  return OrderDoc.parse(snap.data());
}

/**
 * The only way an order's status changes: checks the move against the state machine in core and
 * stamps statusAt.<status>. Call inside a transaction after reading the order.
 */
export function transition(
  tx: Transaction,
  ref: DocumentReference,
  order: Pick<OrderDoc, 'status'>,
  to: OrderStatus,
  fields: Record<string, unknown> = {},
): void {
  assertTransition(order.status, to);
  tx.update(ref, {
    ...fields,
    status: to,
    [`statusAt.${to}`]: FieldValue.serverTimestamp(),
    updatedAt: FieldValue.serverTimestamp(),
  });
}

/** Loads an order for a callable and checks that the caller owns it. */
export async function orderOfCaller(uid: string, orderId: string): Promise<OrderDoc> {
  const snap = await orderRef(orderId).get();
  if (!snap.exists) throw new HttpsError('not-found', 'No such order.');
  const order = OrderDoc.parse(snap.data());
  if (order.uid !== uid) throw new HttpsError('permission-denied', 'This order belongs to someone else.');
  return order;
}
