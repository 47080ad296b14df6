import type { CallableRequest, CallableResponse } from '@likeness/core';
import type { Caller } from '../shared/callable.js';
import { orderRef } from '../shared/db.js';
import { followUps } from '../shared/follow-ups.js';
import { orderOfCaller, readOrder } from '../shared/orders.js';
import { enqueue } from '../shared/tasks.js';
import { beginErasure } from './begin-erasure.js';
import { runTransaction } from '../shared/transaction.js';

/**
 * deleteOrder: the customer deletes one order, at any stage; after payment its headshots go too.
 * The order is `deleted` when this returns; the data follows in the eraseOrder task, then a receipt.
 */
export async function deleteOrderFor(
  req: CallableRequest<'deleteOrder'>,
  { uid }: Caller,
): Promise<CallableResponse<'deleteOrder'>> {
  await orderOfCaller(uid, req.orderId);
  const begun = await runTransaction(async (tx) =>
    beginErasure(tx, req.orderId, await readOrder(tx, orderRef(req.orderId)), 'everything', 'customer'),
  );
  if (begun === 'done') return { state: 'deleted' };
  await enqueue(followUps.eraseOrder(req.orderId, 'everything'));
  return { state: 'deleting' };
}
