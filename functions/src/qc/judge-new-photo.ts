import { PhotoDoc } from '@likeness/core';
import { qcReason } from '@likeness/selfie-qc';
import { blobStore } from '../shared/blob.js';
import { orderLogger } from '../shared/order-log.js';
import { checkPhoto, type CheckOutcome } from './check-photo.js';
import { recordVerdict } from './photo-verdict.js';
import { refreshSetQc } from './refresh-set-qc.js';

/** After this long a photo that still cannot be checked gets a verdict, so no one waits forever. */
const GIVE_UP_AFTER_MS = 10 * 60 * 1000;

/**
 * Selfie QC of a newly confirmed photo: face models on CPU, the photo's own verdict with reasons,
 * its thumbnail and training crop, then set-level QC over the whole order (same person, near-copies,
 * variety, the checkout gate). `createdAt` is when the photo doc was created (the event's time).
 */
export async function judgeNewPhoto(
  orderId: string,
  photoId: string,
  data: unknown,
  createdAt: string,
): Promise<void> {
  const log = orderLogger(orderId, 'qc');
  const parsed = PhotoDoc.safeParse(data);
  if (!parsed.success) {
    log.error('onPhotoCreated: malformed photo doc', { photoId, issues: parsed.error.issues });
    return;
  }

  const started = Date.now();
  if (parsed.data.status === 'pending') {
    let outcome: CheckOutcome;
    try {
      outcome = await checkPhoto(orderId, photoId, parsed.data);
    } catch (err) {
      if (Date.now() - Date.parse(createdAt) < GIVE_UP_AFTER_MS) throw err;
      log.error('onPhotoCreated: giving up on the check', { photoId, err: String(err) });
      outcome = { reasons: [qcReason('check_failed')], width: 0, height: 0 };
    }
    const recorded = await recordVerdict(orderId, photoId, outcome);
    if (recorded.result === 'photo-gone') {
      // Deleted while it was being checked: the crop and thumbnail just written must go with it.
      await Promise.all(
        [outcome.cropPath, outcome.thumbPath].flatMap((p) => (p ? [blobStore().deletePrefix(p)] : [])),
      );
    }
    log.info('onPhotoCreated: checked', {
      photoId,
      result: recorded.result,
      ...(recorded.result === 'recorded' && { status: recorded.status }),
      reasons: outcome.reasons.map((r) => r.code),
      qcMs: outcome.qcMs,
    });
  }
  // Also after a retry of an event whose verdict landed but whose set refresh did not.
  const set = await refreshSetQc(orderId);
  log.info('onPhotoCreated: set refreshed', {
    photoId,
    gateOpen: set?.gateOpen,
    ms: Date.now() - started,
  });
}
