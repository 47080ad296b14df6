import { PhotoDoc } from '@likeness/core';
import { qcReason } from '@likeness/selfie-qc';
import { logger } from 'firebase-functions/v2';
import { onDocumentCreated } from 'firebase-functions/v2/firestore';
import { REGION, secrets } from './options.js';
import { recordVerdict } from './photo-verdict.js';
import { checkPhoto, type CheckOutcome } from './qc/check-photo.js';
import { refreshSetQc } from './refresh-set-qc.js';

/** After this long a photo that still cannot be checked gets a verdict, so no one waits forever. */
const GIVE_UP_AFTER_MS = 10 * 60 * 1000;

/**
 * Selfie QC of a newly confirmed photo: face models on CPU, the photo's own verdict with reasons,
 * its thumbnail and training crop, then set-level QC over the whole order (same person, near-copies,
 * variety, the checkout gate).
 */
export const onPhotoCreated = onDocumentCreated(
  {
    document: 'orders/{orderId}/photos/{photoId}',
    region: REGION,
    // Peak RSS of one 12 MP photo is under 400 MB (packages/selfie-qc/bench); one photo at a time
    // per instance keeps it there, and 20 photos fan out to parallel instances instead of queueing.
    memory: '1GiB',
    cpu: 1,
    concurrency: 1,
    timeoutSeconds: 120,
    // Transient failures (storage, Firestore contention) are retried; every step is idempotent.
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

    const started = Date.now();
    if (parsed.data.status === 'pending') {
      let outcome: CheckOutcome;
      try {
        outcome = await checkPhoto(orderId, photoId, parsed.data);
      } catch (err) {
        if (Date.now() - Date.parse(event.time) < GIVE_UP_AFTER_MS) throw err;
        logger.error('onPhotoCreated: giving up on the check', { orderId, photoId, err: String(err) });
        outcome = { reasons: [qcReason('decode_failed')], width: 0, height: 0 };
      }
      const recorded = await recordVerdict(orderId, photoId, outcome);
      logger.info('onPhotoCreated: checked', {
        orderId,
        photoId,
        result: recorded.result,
        ...(recorded.result === 'recorded' && { status: recorded.status }),
        reasons: outcome.reasons.map((r) => r.code),
        qcMs: outcome.qcMs,
      });
    }
    // Also after a retry of an event whose verdict landed but whose set refresh did not.
    const set = await refreshSetQc(orderId);
    logger.info('onPhotoCreated: set refreshed', {
      orderId,
      photoId,
      gateOpen: set?.gateOpen,
      ms: Date.now() - started,
    });
  },
);
