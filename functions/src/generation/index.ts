/**
 * Generation: one prediction of the shared predictor per planned job, each finished prediction's
 * images copied into storage, and the order delivered when every planned image is in.
 */
import { onTask } from '../shared/tasks.js';
import { ingestPrediction as ingest } from './ingest-prediction.js';
import { runPredictionForJob } from './run-prediction.js';

export const runPrediction = onTask(
  'runPrediction',
  {
    // 429s from Replicate land here: back off and try again rather than fail the job.
    retryConfig: { maxAttempts: 8, minBackoffSeconds: 5, maxBackoffSeconds: 120, maxDoublings: 5 },
    // Replicate allows 600 prediction creations a minute across all orders. A creation is one short
    // HTTP call, so a few in flight reach that rate; more would only start more instances (in the
    // emulator, one Node process per concurrent request).
    rateLimits: { maxDispatchesPerSecond: 8, maxConcurrentDispatches: 3 },
    timeoutSeconds: 60,
  },
  runPredictionForJob,
);

export const ingestPrediction = onTask(
  'ingestPrediction',
  {
    // Six tries with backoff capped at 2 minutes stay well inside Replicate's 1-hour output lifetime.
    retryConfig: { maxAttempts: 6, minBackoffSeconds: 5, maxBackoffSeconds: 120, maxDoublings: 4 },
    // Ingest decodes and re-encodes images (CPU); a handful at a time keeps each instance responsive.
    rateLimits: { maxConcurrentDispatches: 4 },
    memory: '1GiB',
    timeoutSeconds: 300,
  },
  ingest,
);
