import {
  DEFAULT_TRIGGER_TOKEN,
  PhotoDoc,
  storagePaths,
  TrainerInput,
  URL_LIFETIMES_SEC,
  type OrderDoc,
} from '@likeness/core';
import { FieldValue } from 'firebase-admin/firestore';
import { randomUUID } from 'node:crypto';
import { blobStore } from '../shared/blob.js';
import { replicateClient } from '../shared/clients.js';
import { config, functionUrl } from '../shared/config.js';
import { orderRef, photosOf, pipelineStateRef } from '../shared/db.js';
import { readOrder, transition } from '../shared/orders.js';
import { readPipelineState } from '../shared/pipeline-state.js';
import { httpStatusOf, isPermanentRefusal } from '../replicate/replicate-job.js';
import { buildDatasetZip, captionFor, selectTrainingPhotos } from './dataset.js';
import { trainingRecipe } from './recipe.js';
import { runTransaction } from '../shared/transaction.js';
import { writeLikenessReference } from '../likeness/reference.js';
import { orderLogger } from '../shared/order-log.js';

/** A claim older than this belongs to a run that died; another run may take over. */
export const TRAINING_CLAIM_TTL_MS = 10 * 60 * 1000;

export type StartOutcome =
  | 'started'
  | 'no-order'
  | 'already-started'
  | 'not-paid'
  | 'claimed-elsewhere'
  | 'lost-claim'
  | 'no-training-photos'
  | 'refused'
  | 'paused';

function parseTrainer(ref: string): { owner: string; name: string; version: string } {
  const m = /^([\w.-]+)\/([\w.-]+):(\w+)$/.exec(ref);
  if (!m) throw new Error(`REPLICATE_TRAINER is not owner/name:version: ${ref}`);
  return { owner: m[1]!, name: m[2]!, version: m[3]! };
}

/**
 * Claims the order for this run. Only a paid order without a training is claimed; a second concurrent
 * run (Cloud Tasks delivers at least once) finds the fresh claim and stops.
 */
async function claim(orderId: string): Promise<{ outcome: StartOutcome; order?: OrderDoc; token?: string }> {
  const ref = orderRef(orderId);
  return runTransaction(async (tx) => {
    if (!(await tx.get(ref)).exists) return { outcome: 'no-order' as const };
    const order = await readOrder(tx, ref);
    const state = await readPipelineState(orderId, tx);
    if (order.training?.id || state.trainingId) return { outcome: 'already-started' as const };
    if (order.status !== 'paid') return { outcome: 'not-paid' as const };
    // An open dispute holds the work until it is decided (checkout/dispute-events.ts resumes it).
    if (order.dispute?.open) return { outcome: 'paused' as const };
    const held = state.trainingClaim;
    if (held && Date.now() - held.claimedAt.toMillis() < TRAINING_CLAIM_TTL_MS) {
      return { outcome: 'claimed-elsewhere' as const };
    }
    const token = randomUUID();
    tx.set(
      pipelineStateRef(orderId),
      { trainingClaim: { token, claimedAt: FieldValue.serverTimestamp() } },
      { merge: true },
    );
    return { outcome: 'started' as const, order, token };
  });
}

async function releaseClaim(orderId: string, token: string): Promise<void> {
  await runTransaction(async (tx) => {
    const state = await readPipelineState(orderId, tx);
    if (state.trainingClaim?.token === token) tx.update(pipelineStateRef(orderId), { trainingClaim: null });
  });
}

/** Writes the zip of accepted crops and captions to storage; returns its path and the photos in it. */
async function writeDataset(
  orderId: string,
  order: OrderDoc,
): Promise<{ path: string; photoIds: string[] } | null> {
  const snaps = await photosOf(orderId).where('status', '==', 'accepted').get();
  const chosen = selectTrainingPhotos(snaps.docs.map((d) => ({ id: d.id, doc: PhotoDoc.parse(d.data()) })));
  if (chosen.length === 0) return null;
  const store = blobStore();
  const images = await Promise.all(chosen.map(async (p) => ({ ...p, bytes: await store.read(p.cropPath) })));
  const zip = await buildDatasetZip(images, captionFor(order.subjectClass));
  const path = storagePaths.trainingSet(order.uid, orderId);
  await store.write(path, zip, 'application/zip');
  orderLogger(orderId, 'training').info('Training set written', {
    photos: chosen.length,
    bytes: zip.byteLength,
  });
  return { path, photoIds: chosen.map((p) => p.photoId) };
}

/** A paid order whose training cannot start fails for good, with the reason in words. */
export async function failBeforeTraining(orderId: string, code: string, message: string): Promise<void> {
  const ref = orderRef(orderId);
  await runTransaction(async (tx) => {
    const order = await readOrder(tx, ref);
    if (order.status !== 'paid') return;
    transition(tx, ref, order, 'failed', { error: { code, message, at: FieldValue.serverTimestamp() } });
    tx.set(pipelineStateRef(orderId), { trainingClaim: null }, { merge: true });
  });
}

/**
 * startTraining: dataset zip → signed URL → Replicate training with a webhook → order paid→training.
 * Safe to run twice: the claim and the training id make the second run a no-op.
 */
export async function startTrainingForOrder(orderId: string): Promise<StartOutcome> {
  const claimed = await claim(orderId);
  if (claimed.outcome !== 'started') return claimed.outcome;
  const order = claimed.order!;
  const token = claimed.token!;

  let training: { id: string; status: string };
  let datasetPath: string;
  try {
    const written = await writeDataset(orderId, order);
    if (!written) {
      await failBeforeTraining(
        orderId,
        'no_training_photos',
        'None of the uploaded photos passed the quality checks, so there is nothing to train on.',
      );
      return 'no-training-photos';
    }
    datasetPath = written.path;
    // The set is final now: its medoid face is what every headshot of the order is scored against.
    await writeLikenessReference(orderId, written.photoIds);
    const { url } = await blobStore().signedGetUrl(datasetPath, {
      expiresInSec: URL_LIFETIMES_SEC.replicate,
    });
    const c = config();
    const trainer = parseTrainer(c.REPLICATE_TRAINER);
    const input = TrainerInput.parse({
      input_images: url,
      trigger_word: DEFAULT_TRIGGER_TOKEN,
      subject_class: order.subjectClass,
      ...trainingRecipe(),
    });
    training = await replicateClient().trainings.create(trainer.owner, trainer.name, trainer.version, {
      destination: c.REPLICATE_DESTINATION as `${string}/${string}`,
      input,
      webhook: functionUrl('replicateWebhook', { orderId, kind: 'training' }),
      webhook_events_filter: ['completed'],
    });
  } catch (e) {
    const status = httpStatusOf(e);
    if (isPermanentRefusal(status)) {
      // A wrong trainer, destination or input: retrying the same request cannot help.
      orderLogger(orderId, 'training').error('Replicate refused the training', { status, error: String(e) });
      await failBeforeTraining(
        orderId,
        'training_refused',
        `The GPU provider refused to start the training (HTTP ${status}); we have been alerted.`,
      );
      return 'refused';
    }
    // Let the task's retry start over rather than wait out the claim.
    await releaseClaim(orderId, token);
    throw e;
  }

  const ref = orderRef(orderId);
  const recorded = await runTransaction(async (tx) => {
    const current = await readOrder(tx, ref);
    const state = await readPipelineState(orderId, tx);
    if (state.trainingClaim?.token !== token || current.status !== 'paid' || current.training?.id)
      return false;
    transition(tx, ref, current, 'training', {
      training: { id: training.id, status: training.status, startedAt: FieldValue.serverTimestamp() },
      error: null,
    });
    tx.set(
      pipelineStateRef(orderId),
      { trainingClaim: null, trainingId: training.id, datasetPath },
      { merge: true },
    );
    return true;
  });
  if (!recorded) {
    // Another run took over after our claim went stale; do not pay for two trainings.
    orderLogger(orderId, 'training').warn('Training created after losing the claim; canceling it', {
      trainingId: training.id,
    });
    await replicateClient()
      .trainings.cancel(training.id)
      .catch((e: unknown) =>
        orderLogger(orderId, 'training').warn('Cancel of a duplicate training failed', {
          trainingId: training.id,
          error: String(e),
        }),
      );
    return 'lost-claim';
  }
  orderLogger(orderId, 'training').info('Training started', { trainingId: training.id });
  return 'started';
}
