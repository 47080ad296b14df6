import { MAX_UPLOAD_BYTES, type PhotoDoc, type QcReason, storagePaths } from '@likeness/core';
import { qcReason } from '@likeness/selfie-qc';
import { blobStore } from '../shared/blob.js';
import { signalsOf, type QcSignalsDoc } from './qc-signals.js';
import { selfieQc } from './selfie-qc.js';

/** What the per-photo check found; set-level checks run afterwards over the whole order. */
export interface CheckOutcome {
  reasons: QcReason[];
  width: number;
  height: number;
  thumbPath?: string;
  /** Written only for photos that passed: the normalised square the LoRA trains on. */
  cropPath?: string;
  signals?: QcSignalsDoc;
  /** Decoded format and QC wall time, for the operator and support. */
  format?: string;
  qcMs?: number;
}

/** Runs selfie QC on the uploaded bytes and stores the thumbnail and the training crop. */
export async function checkPhoto(orderId: string, photoId: string, photo: PhotoDoc): Promise<CheckOutcome> {
  const store = blobStore();
  const stat = await store.stat(photo.storagePath);
  if (!stat) return { reasons: [qcReason('missing_upload')], width: 0, height: 0 };
  // The signed URL bounds the upload size; checked again so a misconfigured bucket cannot make us
  // read an arbitrary amount into memory.
  if (stat.size > MAX_UPLOAD_BYTES)
    return { reasons: [qcReason('too_large', { bytes: stat.size })], width: 0, height: 0 };

  const qc = await selfieQc();
  const a = await qc.assessPhoto(await store.read(photo.storagePath), { claimedType: photo.contentType });
  const outcome: CheckOutcome = {
    reasons: a.reasons,
    width: a.width ?? 0,
    height: a.height ?? 0,
    signals: signalsOf(a),
    qcMs: Math.round(a.timings.totalMs),
    ...(a.format && { format: a.format }),
  };
  const writes: Promise<void>[] = [];
  if (a.thumb) {
    outcome.thumbPath = storagePaths.photoThumb(photo.uid, orderId, photoId);
    writes.push(store.write(outcome.thumbPath, a.thumb, 'image/webp'));
  }
  if (a.verdict === 'accepted' && a.crop) {
    outcome.cropPath = storagePaths.crop(photo.uid, orderId, photoId);
    writes.push(store.write(outcome.cropPath, a.crop, 'image/jpeg'));
  }
  await Promise.all(writes);
  return outcome;
}
