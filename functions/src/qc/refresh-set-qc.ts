import { OrderDoc, PhotoDoc } from '@likeness/core';
import { FieldValue } from 'firebase-admin/firestore';
import { config } from '../shared/config.js';
import { orderRef, photosOf, qcSignalsOf } from '../shared/db.js';
import { transition } from '../shared/orders.js';
import { QcSignalsDoc } from './qc-signals.js';
import { planSetQc } from './set-qc-plan.js';
import { runTransaction } from '../shared/transaction.js';

/**
 * Re-runs set-level QC over the whole order and writes the result: per-photo set flags, counters,
 * the gate message and tip, and uploading ⇄ ready as the gate opens or closes. Idempotent; safe to
 * run after every verdict, concurrently (the transaction reads everything it writes from).
 */
export async function refreshSetQc(orderId: string): Promise<{ gateOpen: boolean } | null> {
  const oRef = orderRef(orderId);
  const limits = config().QC_DUPLICATE_MIN_COSINE;
  return runTransaction(async (tx) => {
    const orderSnap = await tx.get(oRef);
    if (!orderSnap.exists) return null;
    const order = OrderDoc.parse(orderSnap.data());
    const [photoSnaps, signalSnaps] = await Promise.all([
      tx.get(photosOf(orderId)),
      tx.get(qcSignalsOf(orderId)),
    ]);
    const signals = new Map(signalSnaps.docs.map((d) => [d.id, QcSignalsDoc.parse(d.data())]));
    const plan = planSetQc(
      photoSnaps.docs.map((d) => ({ id: d.id, doc: PhotoDoc.parse(d.data()), signals: signals.get(d.id) })),
      limits === undefined ? {} : { duplicateMinCosine: limits },
    );

    for (const [photoId, reasons] of plan.setReasons)
      tx.update(photosOf(orderId).doc(photoId), { setReasons: reasons });
    const fields = { photos: plan.photos, qc: plan.qc };
    // After payment the photos are the training set: counters still update, the status does not.
    if (order.status === 'uploading' && plan.gateOpen) transition(tx, oRef, order, 'ready', fields);
    else if (order.status === 'ready' && !plan.gateOpen) transition(tx, oRef, order, 'uploading', fields);
    else tx.update(oRef, { ...fields, updatedAt: FieldValue.serverTimestamp() });
    return { gateOpen: plan.gateOpen };
  });
}
