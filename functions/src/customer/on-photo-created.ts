import { MAX_UPLOAD_BYTES, PhotoDoc, storagePaths } from '@likeness/core';
import { logger } from 'firebase-functions/v2';
import { onDocumentCreated } from 'firebase-functions/v2/firestore';
import { blobStore } from '../shared/blob.js';
import { REGION, secrets } from './options.js';
import { findDuplicate, recordVerdict, type CheckOutcome } from './photo-verdict.js';
import { basicCheck } from './qc/basic-check.js';
import { reasons } from './qc/reasons.js';

/** After this long a photo that still cannot be checked gets a verdict, so no one waits forever. */
const GIVE_UP_AFTER_MS = 10 * 60 * 1000;

async function checkPhoto(orderId: string, photoId: string, photo: PhotoDoc): Promise<CheckOutcome> {
  const store = blobStore();
  const stat = await store.stat(photo.storagePath);
  if (!stat) return { reasons: [reasons.missingUpload()], width: 0, height: 0 };
  // The signed URL bounds the upload size; checked again so a misconfigured bucket cannot make us
  // read an arbitrary amount into memory.
  if (stat.size > MAX_UPLOAD_BYTES)
    return { reasons: [reasons.tooLargeBytes(stat.size)], width: 0, height: 0 };

  const result = await basicCheck(await store.read(photo.storagePath), photo.contentType);
  const outcome: CheckOutcome = {
    reasons: result.reasons,
    width: result.width,
    height: result.height,
    ...(result.pixelHash ? { pixelHash: result.pixelHash } : {}),
    ...(result.measures ? { measures: result.measures } : {}),
  };
  // A duplicate is refused anyway: skip writing its crop. recordVerdict checks again atomically.
  const duplicate = result.pixelHash ? await findDuplicate(orderId, photoId, result.pixelHash) : null;
  const writes: Promise<void>[] = [];
  if (result.thumb) {
    outcome.thumbPath = storagePaths.photoThumb(photo.uid, orderId, photoId);
    writes.push(store.write(outcome.thumbPath, result.thumb, 'image/webp'));
  }
  if (result.crop && !duplicate) {
    outcome.cropPath = storagePaths.crop(photo.uid, orderId, photoId);
    writes.push(store.write(outcome.cropPath, result.crop, 'image/jpeg'));
  }
  await Promise.all(writes);
  return outcome;
}

/**
 * QC of a newly confirmed selfie: runs the basic check, stores the crop and the thumbnail, then
 * records the verdict (see recordVerdict for idempotency and the checkout gate).
 */
export const onPhotoCreated = onDocumentCreated(
  {
    document: 'orders/{orderId}/photos/{photoId}',
    region: REGION,
    memory: '1GiB',
    timeoutSeconds: 120,
    // Transient failures (storage, Firestore contention) are retried; recordVerdict is idempotent.
    retry: true,
    secrets,
  },
  async (event) => {
    const { orderId, photoId } = event.params;
    const parsed = PhotoDoc.safeParse(event.data?.data());
    if (!parsed.success) {
      logger.error('onPhotoCreated: malformed photo doc', { orderId, photoId, issues: parsed.error.issues });
      return;
    }
    if (parsed.data.status !== 'pending') return;

    const started = Date.now();
    let outcome: CheckOutcome;
    try {
      outcome = await checkPhoto(orderId, photoId, parsed.data);
    } catch (err) {
      if (Date.now() - Date.parse(event.time) < GIVE_UP_AFTER_MS) throw err;
      logger.error('onPhotoCreated: giving up on the check', { orderId, photoId, err: String(err) });
      outcome = { reasons: [reasons.checkFailed()], width: 0, height: 0 };
    }
    const recorded = await recordVerdict(orderId, photoId, outcome);
    logger.info('onPhotoCreated: checked', {
      orderId,
      photoId,
      result: recorded.result,
      ...(recorded.result === 'recorded'
        ? { status: recorded.status, reasons: recorded.reasons.map((r) => r.code) }
        : {}),
      measures: outcome.measures,
      ms: Date.now() - started,
    });
  },
);
