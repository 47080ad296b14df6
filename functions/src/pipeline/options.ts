/** Deploy options shared by the pipeline functions (secrets: shared/secrets.ts). */
export const REGION = 'us-central1';

export { secrets } from '../shared/secrets.js';

/**
 * Retry policies of the task queues. Every handler is idempotent, so a retry is always safe; the
 * bounds keep a poisoned task from retrying forever and keep ingest well inside Replicate's 1-hour
 * output lifetime (6 tries, backoff capped at 2 minutes).
 */
export const RETRY = {
  startTraining: { maxAttempts: 5, minBackoffSeconds: 10, maxBackoffSeconds: 300, maxDoublings: 4 },
  // 429s from Replicate land here: back off and try again rather than fail the job.
  runPrediction: { maxAttempts: 8, minBackoffSeconds: 5, maxBackoffSeconds: 120, maxDoublings: 5 },
  ingestPrediction: { maxAttempts: 6, minBackoffSeconds: 5, maxBackoffSeconds: 120, maxDoublings: 4 },
  sendEmail: { maxAttempts: 5, minBackoffSeconds: 30, maxBackoffSeconds: 600, maxDoublings: 4 },
} as const;

/**
 * Replicate allows 600 prediction creations a minute; stay under it across all orders. A creation is
 * one short HTTP call, so a few in flight reach that rate; more would only start more instances (in
 * the emulator, one Node process per concurrent request).
 */
export const PREDICTION_RATE_LIMITS = { maxDispatchesPerSecond: 8, maxConcurrentDispatches: 3 } as const;

/** Ingest decodes and re-encodes images (CPU); a handful at a time keeps each instance responsive. */
export const INGEST_RATE_LIMITS = { maxConcurrentDispatches: 4 } as const;

/** How long Replicate may read the files we hand it (dataset, LoRA weights). */
export const REPLICATE_URL_TTL_SEC = 2 * 60 * 60;
