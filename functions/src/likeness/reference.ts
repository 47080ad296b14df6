import { TimestampLike } from '@likeness/core';
import { decodeEmbedding, encodeEmbedding, medoid } from '@likeness/selfie-qc';
import { FieldValue } from 'firebase-admin/firestore';
import { z } from 'zod';
import { likenessReferenceRef, qcSignalsOf } from '../shared/db.js';
import { orderLogger } from '../shared/order-log.js';
import { QcSignalsDoc } from '../qc/qc-signals.js';

/**
 * `orders/{orderId}/private/likeness`: the face every headshot of the order is compared with. It sits
 * under `private`, which no security rule opens, and goes with the training data on erasure.
 */
export const LikenessReference = z.object({
  embedding: z.custom<Uint8Array>((v) => v instanceof Uint8Array, 'Expected bytes'),
  /** The selfie whose face is the medoid, and how many embedded selfies it was chosen from. */
  photoId: z.string(),
  fromPhotos: z.number().int().positive(),
  computedAt: TimestampLike.optional(),
});
export type LikenessReference = z.infer<typeof LikenessReference>;

/**
 * Picks the reference among the training photos' embeddings: the medoid, so one odd selfie (a
 * strong angle, a lookalike that passed QC) cannot pull it the way an average would. Written with
 * set(): the same set always gives the same reference, so a second training start rewrites it as is.
 */
export async function writeLikenessReference(orderId: string, photoIds: readonly string[]): Promise<boolean> {
  if (photoIds.length === 0) return false;
  const col = qcSignalsOf(orderId);
  const snaps = await col.firestore.getAll(...photoIds.map((id) => col.doc(id)));
  const embedded = snaps.flatMap((snap) => {
    const parsed = QcSignalsDoc.safeParse(snap.data() ?? {});
    return parsed.success && parsed.data.embedding
      ? [{ photoId: snap.id, embedding: decodeEmbedding(parsed.data.embedding) }]
      : [];
  });
  if (embedded.length === 0) {
    // Written as training starts (training/start-training.ts), so its lines are the training stage's.
    orderLogger(orderId, 'training').warn('No selfie embeddings: headshots of this order will not be scored');
    return false;
  }
  const chosen = medoid(embedded);
  await likenessReferenceRef(orderId).set({
    embedding: encodeEmbedding(chosen.embedding),
    photoId: chosen.photoId,
    fromPhotos: embedded.length,
    computedAt: FieldValue.serverTimestamp(),
  });
  return true;
}

export async function readLikenessReference(orderId: string): Promise<number[] | null> {
  const snap = await likenessReferenceRef(orderId).get();
  if (!snap.exists) return null;
  return decodeEmbedding(LikenessReference.parse(snap.data()).embedding);
}
