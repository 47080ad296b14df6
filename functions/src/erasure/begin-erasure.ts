import type { ErasureReason, ErasureScope, OrderDoc } from '@likeness/core';
import { FieldValue, type Transaction } from 'firebase-admin/firestore';
import { orderRef } from '../shared/db.js';
import { transition } from '../shared/orders.js';

export type Begun = 'begun' | 'under-way' | 'done';

/**
 * Marks an order for deletion, in the caller's transaction after it read the order. A deletion of
 * everything moves the order to `deleted` at once, so every pipeline handler that reads it stops;
 * the routine (erase-order.ts) then removes the data. An erasure already under way or done for the
 * same or a wider scope is left alone, so asking twice is harmless.
 */
export function beginErasure(
  tx: Transaction,
  orderId: string,
  order: OrderDoc,
  scope: ErasureScope,
  reason: ErasureReason,
): Begun {
  const current = order.erasure;
  if (current && (current.scope === 'everything' || current.scope === scope)) {
    return current.state === 'deleted' ? 'done' : 'under-way';
  }
  const erasure = {
    scope,
    reason,
    state: 'deleting',
    done: [],
    removed: {},
    attempts: 0,
    lastError: null,
    requestedAt: FieldValue.serverTimestamp(),
  };
  const ref = orderRef(orderId);
  if (scope === 'everything' && order.status !== 'deleted')
    transition(tx, ref, order, 'deleted', { erasure });
  else tx.update(ref, { erasure, updatedAt: FieldValue.serverTimestamp() });
  return 'begun';
}
