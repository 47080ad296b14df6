/** Selfie QC: every confirmed photo is judged on CPU, then the whole set is re-judged. */
import { COLLECTIONS } from '@likeness/core';
import { onDocumentCreated } from 'firebase-functions/v2/firestore';
import { judgeNewPhoto } from './judge-new-photo.js';

export const onPhotoCreated = onDocumentCreated(
  {
    document: `${COLLECTIONS.orders}/{orderId}/${COLLECTIONS.photos}/{photoId}`,
    // Peak RSS of one 12 MP photo is under 400 MB (packages/selfie-qc/bench); one photo at a time
    // per instance keeps it there, and 20 photos fan out to parallel instances instead of queueing.
    memory: '1GiB',
    cpu: 1,
    concurrency: 1,
    // A customer's 20 selfies arrive together; each needs its own instance.
    maxInstances: 40,
    timeoutSeconds: 120,
    // Transient failures (storage, Firestore contention) are retried; every step is idempotent.
    retry: true,
  },
  (event) => judgeNewPhoto(event.params.orderId, event.params.photoId, event.data?.data(), event.time),
);
