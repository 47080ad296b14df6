import {
  autoRedoImageId,
  autoRedoJobId,
  chooseAutoRedos,
  imageIdOf,
  OrderDoc,
  type AutoRedoCandidate,
  type JobDoc,
} from '@likeness/core';
import type { DocumentReference, Transaction } from 'firebase-admin/firestore';
import { seedFor } from '../generation/seed.js';

export type AutoRedoJob = { jobId: string } & Omit<JobDoc, 'createdAt' | 'updatedAt'>;

export interface AutoRedoPlan {
  jobs: AutoRedoJob[];
  /** Output indexes whose (weak) image is stored and marked pending its redo. */
  pending: Set<number>;
  weakKept: number;
}

/**
 * Decides, inside the transaction that counts a prediction's images, which of its blocked and weak
 * outputs get one automatic redo (core/redo.ts chooseAutoRedos over the order's counters, read here
 * so that concurrent ingests cannot both spend the last of the bound), and plans their one-image jobs:
 * same style and prompt, a new seed from the slot's own job id.
 */
export async function planAutoRedos(
  tx: Transaction,
  oRef: DocumentReference,
  orderId: string,
  parent: { jobId: string; job: JobDoc },
  candidates: readonly AutoRedoCandidate[],
): Promise<AutoRedoPlan> {
  if (candidates.length === 0) return { jobs: [], pending: new Set(), weakKept: 0 };
  const order = OrderDoc.parse((await tx.get(oRef)).data());
  const choice = chooseAutoRedos(
    {
      planned: order.images?.planned ?? 0,
      used: order.redos?.auto ?? 0,
      weakKept: order.images?.weakKept ?? 0,
    },
    candidates,
  );
  const blocked = new Set(candidates.filter((c) => c.blocked).map((c) => c.index));
  const jobs = choice.redo.map((index): AutoRedoJob => {
    const slot = imageIdOf(parent.jobId, index);
    const jobId = autoRedoJobId(slot);
    return {
      jobId,
      orderId,
      styleId: parent.job.styleId,
      batch: 0,
      prompt: parent.job.prompt,
      numOutputs: 1,
      seed: seedFor(orderId, jobId),
      status: 'queued',
      attempt: 1,
      maxAttempts: parent.job.maxAttempts,
      predictionId: null,
      error: null,
      ingested: false,
      redo: {
        kind: 'auto',
        slot: { imageId: slot, jobId: parent.jobId, index },
        replaces: blocked.has(index) ? null : slot,
        imageId: autoRedoImageId(slot),
      },
    };
  });
  return {
    jobs,
    pending: new Set(choice.redo.filter((i) => !blocked.has(i))),
    weakKept: choice.weakKept,
  };
}
