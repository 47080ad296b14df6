import type { CallableRequest, CallableResponse } from '@likeness/core';
import { FieldValue } from 'firebase-admin/firestore';
import { orderRef } from '../shared/db.js';
import { appendAudit } from './audit.js';
import { actorOf, type Operator } from './operator-callable.js';
import { readOrderForOperator } from './order.js';
import { runTransaction } from '../shared/transaction.js';

export const SET_GALLERY_ACTION = 'gallery.set';

/**
 * operatorSetGallery: closes or reopens an order's gallery (the downloads refuse while it is
 * closed, downloads/gallery-access.ts). Asking for the state it already has writes nothing, so a
 * second call is harmless and the log records only real changes.
 */
export async function setGalleryFor(
  req: CallableRequest<'operatorSetGallery'>,
  operator: Operator,
): Promise<CallableResponse<'operatorSetGallery'>> {
  return runTransaction(async (tx) => {
    const order = await readOrderForOperator(tx, req.orderId);
    // An order no operator has touched has an open gallery.
    const wasOpen = order.gallery?.open ?? true;
    if (wasOpen === req.open) return { open: req.open, changed: false };
    await appendAudit(tx, {
      actor: actorOf(operator),
      action: SET_GALLERY_ACTION,
      orderId: req.orderId,
      before: { open: wasOpen },
      after: { open: req.open },
      reason: req.reason,
    });
    tx.update(orderRef(req.orderId), {
      gallery: { open: req.open, by: operator.uid, at: FieldValue.serverTimestamp(), reason: req.reason },
      updatedAt: FieldValue.serverTimestamp(),
    });
    return { open: req.open, changed: true };
  });
}
