import {
  type ImageDoc,
  JobDoc,
  type OrderDoc,
  PredictorOutput,
  type IngestPredictionTask,
  storagePaths,
} from '@likeness/core';
import { FieldValue } from 'firebase-admin/firestore';
import { readLikenessReference } from '../likeness/reference.js';
import { endRedo, readReplaced, writeRedoFailure } from '../redo/redo-effects.js';
import { ReplicateJob } from '../replicate/replicate-job.js';
import { blobStore } from '../shared/blob.js';
import { replicateClient } from '../shared/clients.js';
import { imageRef, jobRef, orderRef } from '../shared/db.js';
import { runTransaction } from '../shared/transaction.js';
import { applyPredictionResult, failWhenOutputsGone } from './apply-prediction-result.js';
import { isBlockedOutput } from './images.js';
import type { IngestOutcome } from './ingest-prediction.js';
import { settleOrder } from './settle.js';
import { storeOutput, type StoredOutput } from './store-output.js';
import { orderLogger } from '../shared/order-log.js';

const BLOCKED_MESSAGE = "The new image was held back by the model's safety check; this one is kept.";

/** Removes the files of the image that lost the swap; a path that is already gone is fine. */
async function discardFiles(paths: readonly string[]): Promise<void> {
  await Promise.all(paths.map((p) => blobStore().deletePrefix(p)));
}

/**
 * A redo's new image must beat the old one to replace it when the pipeline chose the redo; the
 * customer's own redo always replaces (they asked for a different picture).
 */
function newWins(kind: 'customer' | 'auto', fresh: StoredOutput, old: ImageDoc | null): boolean {
  if (kind === 'customer' || !old) return true;
  return (fresh.doc.likeness?.score ?? 0) > (old.likeness?.score ?? 0);
}

/**
 * Ingest of a redo's one output: stored like any output, then in one transaction the new image doc
 * takes the old one's place (or, for an automatic redo that came out worse, is dropped), the job is
 * marked ingested with the files to discard, and an automatic redo releases the order's settlement.
 * The losing files are deleted after the commit, and again by a retried ingest.
 */
export async function ingestRedo(
  task: IngestPredictionTask,
  job: JobDoc,
  order: OrderDoc,
): Promise<IngestOutcome> {
  const { orderId, jobId, predictionId } = task;
  const redo = job.redo!;
  if (job.ingested) {
    await discardFiles(redo.discard ?? []);
    await settleOrder(orderId);
    return 'already-ingested';
  }
  const runsWhile = redo.kind === 'customer' ? 'delivered' : 'generating';
  if (order.status !== runsWhile) return 'order-stopped';
  if (job.predictionId !== predictionId) return 'not-current';

  const prediction = ReplicateJob.parse(await replicateClient().predictions.get(predictionId));
  if (prediction.status !== 'succeeded') return 'not-succeeded';
  const outputs = PredictorOutput.safeParse(prediction.output);
  const ref = { orderId, jobId, attempt: job.attempt };
  if (!outputs.success || outputs.data.length === 0) {
    await applyPredictionResult(ref, {
      ...prediction,
      status: 'failed',
      error: 'The prediction returned no images.',
    });
    return 'outputs-unusable';
  }
  const url = outputs.data[0]!;
  if (isBlockedOutput(url)) {
    await endRedo(
      orderId,
      jobId,
      { code: 'output_blocked', message: 'The safety check blocked the output.' },
      BLOCKED_MESSAGE,
    );
    await settleOrder(orderId);
    return 'outputs-unusable';
  }

  let fresh: StoredOutput;
  try {
    fresh = await storeOutput(
      order,
      orderId,
      {
        imageId: redo.imageId,
        styleId: job.styleId,
        jobId: redo.slot.jobId,
        index: redo.slot.index,
        redo: { slot: redo.slot.imageId, madeBy: jobId },
      },
      url,
      await readLikenessReference(orderId),
    );
  } catch (e) {
    return failWhenOutputsGone(ref, prediction, e);
  }

  const jRef = jobRef(orderId, jobId);
  const swapped = await runTransaction(async (tx) => {
    const current = JobDoc.parse((await tx.get(jRef)).data());
    if (current.ingested || current.predictionId !== predictionId) return null;
    const old = await readReplaced(tx, orderId, redo);
    if (redo.replaces && !old) {
      // The image went meanwhile (the order's deletion): nothing to put the new one in place of.
      writeRedoFailure(tx, orderId, redo, null, 'The headshot is gone.');
      tx.update(jRef, {
        status: 'failed',
        ingested: true,
        'redo.discard': [fresh.doc.storagePath, fresh.doc.thumbPath],
        updatedAt: FieldValue.serverTimestamp(),
      });
      return { wins: false, discard: [fresh.doc.storagePath, fresh.doc.thumbPath] };
    }
    const wins = newWins(redo.kind, fresh, old);
    // The replaced headshot's profile crops (cut when it was downloaded in a format) go with it.
    const discard = wins
      ? old
        ? [old.storagePath, old.thumbPath, storagePaths.imageFormats(order.uid, orderId, redo.replaces!)]
        : []
      : [fresh.doc.storagePath, fresh.doc.thumbPath];
    if (wins) {
      tx.create(imageRef(orderId, fresh.imageId), { ...fresh.doc, createdAt: FieldValue.serverTimestamp() });
      if (redo.replaces) tx.delete(imageRef(orderId, redo.replaces));
    } else {
      tx.update(imageRef(orderId, redo.replaces!), { redo: null });
    }
    tx.update(jRef, {
      status: 'succeeded',
      ingested: true,
      error: null,
      'redo.discard': discard,
      updatedAt: FieldValue.serverTimestamp(),
    });
    if (redo.kind === 'auto') {
      tx.update(orderRef(orderId), {
        'images.redoing': FieldValue.increment(-1),
        // A blocked slot was counted in neither done nor failed while its redo ran.
        ...(redo.replaces === null && { 'images.done': FieldValue.increment(1) }),
        updatedAt: FieldValue.serverTimestamp(),
      });
    }
    return { wins, discard };
  });
  if (!swapped) return 'already-ingested';
  await discardFiles(swapped.discard);
  await settleOrder(orderId);
  orderLogger(orderId, 'ingest').info('Redo ingested', {
    jobId,
    kind: redo.kind,
    replaced: swapped.wins ? redo.replaces : null,
    score: fresh.doc.likeness?.score ?? null,
  });
  return 'ingested';
}
