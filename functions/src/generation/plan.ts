import {
  buildPrompt,
  jobIdOf,
  PLANS,
  planPredictions,
  type ImageCounts,
  type JobDoc,
  type OrderDoc,
} from '@likeness/core';
import { seedFor } from './seed.js';

export type PlannedJob = { jobId: string } & Omit<JobDoc, 'createdAt' | 'updatedAt'>;

/** The predictions an order needs: its plan's headshots spread over its styles, in batches. */
export function planJobs(
  orderId: string,
  order: Pick<OrderDoc, 'planId' | 'styleIds' | 'subjectClass'>,
  maxAttempts: number,
): PlannedJob[] {
  return planPredictions(PLANS[order.planId].headshots, order.styleIds).map(
    ({ styleId, batch, numOutputs }) => {
      const jobId = jobIdOf(styleId, batch);
      return {
        jobId,
        orderId,
        styleId,
        batch,
        prompt: buildPrompt(styleId, order.subjectClass),
        numOutputs,
        seed: seedFor(orderId, jobId),
        status: 'queued',
        attempt: 1,
        maxAttempts,
        predictionId: null,
        error: null,
        ingested: false,
      };
    },
  );
}

/**
 * Where a generating order goes once every planned image is either in or failed for good and no
 * automatic redo is still running: delivered when at least one headshot exists, failed when none
 * does. Null while work is outstanding.
 */
export function settlement(images: ImageCounts): 'delivered' | 'failed' | null {
  if (images.done + images.failed < images.planned) return null;
  if ((images.redoing ?? 0) > 0) return null;
  return images.done > 0 ? 'delivered' : 'failed';
}
