import { createHash } from 'node:crypto';

/**
 * Deterministic ids. The same work always gets the same id, so a task that runs twice, a webhook that
 * arrives twice or a sweep that races a webhook all land on the same document or the same task name.
 */
export const jobIdOf = (styleId: string, batch: number) => `${styleId}-${batch}`;
export const imageIdOf = (jobId: string, outputIndex: number) => `${jobId}-${outputIndex}`;

/** A uint32 seed from order and job: re-running a job reproduces its images; jobs differ from each other. */
export function seedFor(orderId: string, jobId: string): number {
  return createHash('sha256').update(`${orderId}/${jobId}`).digest().readUInt32BE(0);
}

/**
 * Task ids. `suffix` lets the sweeper enqueue the same work again after the original task name was
 * used up (Cloud Tasks keeps a used name reserved for about an hour).
 */
const withSuffix = (id: string, suffix?: string) => (suffix ? `${id}-${suffix}` : id);
export const taskIds = {
  startTraining: (orderId: string, suffix?: string) => withSuffix(`train-${orderId}`, suffix),
  runPrediction: (orderId: string, jobId: string, attempt: number, suffix?: string) =>
    withSuffix(`pred-${orderId}-${jobId}-${attempt}`, suffix),
  ingestPrediction: (predictionId: string, suffix?: string) => withSuffix(`ingest-${predictionId}`, suffix),
  sendEmail: (dedupeKey: string) => `email-${dedupeKey}`,
};

export const emailKeys = {
  delivered: (orderId: string) => `delivered-${orderId}`,
  failed: (orderId: string) => `failed-${orderId}`,
};
