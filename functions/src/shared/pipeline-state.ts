import { TimestampLike } from '@likeness/core';
import type { Transaction } from 'firebase-admin/firestore';
import { z } from 'zod';
import { pipelineStateRef } from './db.js';

/** `orders/{orderId}/private/pipeline`: server-only facts about an order's GPU work. */
export const PipelineState = z.object({
  /** Held while one startTraining run builds the dataset and creates the training. */
  trainingClaim: z.object({ token: z.string(), claimedAt: TimestampLike }).nullable().optional(),
  trainingId: z.string().optional(),
  datasetPath: z.string().optional(),
  /** Our copy of the LoRA weights (Replicate deletes its files); predictions read it via signed URL. */
  weightsPath: z.string().optional(),
  weightsContentType: z.string().optional(),
  replicateVersion: z.string().nullable().optional(),
});
export type PipelineState = z.infer<typeof PipelineState>;

export async function readPipelineState(orderId: string, tx?: Transaction): Promise<PipelineState> {
  const ref = pipelineStateRef(orderId);
  const snap = tx ? await tx.get(ref) : await ref.get();
  return PipelineState.parse(snap.data() ?? {});
}
