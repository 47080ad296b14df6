import { checkoutGate, OrderDoc, PhotoDoc, type QcReason } from '@likeness/core';
import { FieldValue, type Transaction } from 'firebase-admin/firestore';
import { db } from '../shared/firebase.js';
import { orderRef, transition } from '../shared/orders.js';
import { countsOf, withVerdict } from './photo-counts.js';
import { reasons as qcReasons } from './qc/reasons.js';
import { photoRef, photosOf } from './refs.js';

/** What the check found, before the order-wide duplicate rule is applied. */
export interface CheckOutcome {
  reasons: QcReason[];
  width: number;
  height: number;
  pixelHash?: string;
  thumbPath?: string;
  /** Written only for photos that passed the check; kept on the doc only if the verdict stays accepted. */
  cropPath?: string;
  measures?: { meanLuminance: number; laplacianVariance: number };
}

export type RecordResult =
  | { result: 'recorded'; status: 'accepted' | 'rejected'; reasons: QcReason[] }
  | { result: 'already-judged' | 'photo-gone' };

/** Another photo of the order, already judged, with exactly the same pixels. */
export async function findDuplicate(
  orderId: string,
  photoId: string,
  pixelHash: string,
  tx?: Transaction,
): Promise<{ id: string; fileName: string } | null> {
  const query = photosOf(orderId).where('pixelHash', '==', pixelHash).limit(5);
  const snap = tx ? await tx.get(query) : await query.get();
  const other = snap.docs.find((d) => d.id !== photoId && d.get('status') !== 'pending');
  return other ? { id: other.id, fileName: String(other.get('fileName') ?? other.id) } : null;
}

/**
 * Writes a verdict once. A trigger that runs twice finds the photo no longer pending and changes
 * nothing; otherwise the verdict, the order's counters and, when the checkout gate opens, the move
 * uploading → ready happen together. Verdicts only add accepted photos, so this never closes the gate.
 */
export async function recordVerdict(
  orderId: string,
  photoId: string,
  outcome: CheckOutcome,
): Promise<RecordResult> {
  const pRef = photoRef(orderId, photoId);
  const oRef = orderRef(orderId);
  return db().runTransaction(async (tx) => {
    const photoSnap = await tx.get(pRef);
    if (!photoSnap.exists) return { result: 'photo-gone' };
    if (PhotoDoc.parse(photoSnap.data()).status !== 'pending') return { result: 'already-judged' };
    const orderSnap = await tx.get(oRef);
    const order = orderSnap.exists ? OrderDoc.parse(orderSnap.data()) : null;
    const duplicate = outcome.pixelHash ? await findDuplicate(orderId, photoId, outcome.pixelHash, tx) : null;

    const reasons = duplicate
      ? [...outcome.reasons, qcReasons.duplicate(duplicate.fileName)]
      : outcome.reasons;
    const status = reasons.length === 0 ? ('accepted' as const) : ('rejected' as const);
    const recorded = { result: 'recorded' as const, status, reasons };
    tx.update(pRef, {
      status,
      reasons,
      width: outcome.width,
      height: outcome.height,
      ...(outcome.thumbPath ? { thumbPath: outcome.thumbPath } : {}),
      ...(status === 'accepted' && outcome.cropPath ? { cropPath: outcome.cropPath } : {}),
      ...(outcome.pixelHash ? { pixelHash: outcome.pixelHash } : {}),
      ...(duplicate ? { duplicateOf: duplicate.id } : {}),
      ...(outcome.measures ? { measures: outcome.measures } : {}),
      checkedAt: FieldValue.serverTimestamp(),
    });

    // The order may be gone (deleted while the check ran); the photo verdict alone is then harmless.
    if (!order) return recorded;
    const photos = withVerdict(countsOf(order), status);
    if (order.status === 'uploading' && checkoutGate(photos).ok)
      transition(tx, oRef, order, 'ready', { photos });
    else tx.update(oRef, { photos, updatedAt: FieldValue.serverTimestamp() });
    return recorded;
  });
}
