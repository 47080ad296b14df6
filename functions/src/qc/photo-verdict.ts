import { PhotoDoc } from '@likeness/core';
import { FieldValue } from 'firebase-admin/firestore';
import { photoRef, qcSignalsOf } from '../shared/db.js';
import type { CheckOutcome } from './check-photo.js';
import { runTransaction } from '../shared/transaction.js';

export type RecordResult =
  { result: 'recorded'; status: 'accepted' | 'rejected' } | { result: 'already-judged' | 'photo-gone' };

/**
 * Writes a photo's own verdict once, with its QC signals. A trigger that runs twice finds the photo
 * no longer pending and changes nothing. The order's counters and the gate are set-level and are
 * recomputed afterwards (refreshSetQc), so concurrent verdicts never contend on the order here.
 */
export async function recordVerdict(
  orderId: string,
  photoId: string,
  outcome: CheckOutcome,
): Promise<RecordResult> {
  const pRef = photoRef(orderId, photoId);
  return runTransaction(async (tx) => {
    const photoSnap = await tx.get(pRef);
    if (!photoSnap.exists) return { result: 'photo-gone' };
    if (PhotoDoc.parse(photoSnap.data()).status !== 'pending') return { result: 'already-judged' };

    const status = outcome.reasons.length === 0 ? ('accepted' as const) : ('rejected' as const);
    tx.update(pRef, {
      status,
      reasons: outcome.reasons,
      width: outcome.width,
      height: outcome.height,
      ...(outcome.thumbPath && { thumbPath: outcome.thumbPath }),
      ...(status === 'accepted' && outcome.cropPath && { cropPath: outcome.cropPath }),
      ...(outcome.format && { format: outcome.format }),
      ...(outcome.qcMs !== undefined && { qcMs: outcome.qcMs }),
      checkedAt: FieldValue.serverTimestamp(),
    });
    if (outcome.signals) tx.set(qcSignalsOf(orderId).doc(photoId), outcome.signals);
    return { result: 'recorded', status };
  });
}
