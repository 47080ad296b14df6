/**
 * What Replicate tells us: its signed webhooks move trainings and predictions forward, and the
 * sweeper asks Replicate about work whose webhook never came. The predictor's warm pool is sized to
 * the orders generating: every few minutes, and at once when an order starts generating.
 */
import { onRequest } from 'firebase-functions/v2/https';
import { onSchedule } from 'firebase-functions/v2/scheduler';
import { onTask } from '../shared/tasks.js';
import { scaleWarmPool as scale } from './scale-warm-pool.js';
import { sweepStuckWork } from './sweep-stuck.js';
import { handleReplicateWebhook } from './webhook.js';

// Copying a LoRA into storage happens inside the training webhook.
export const replicateWebhook = onRequest({ memory: '1GiB', timeoutSeconds: 120 }, handleReplicateWebhook);

export const sweepStuckJobs = onSchedule(
  { schedule: 'every 10 minutes', memory: '1GiB', timeoutSeconds: 540 },
  async () => {
    await sweepStuckWork();
  },
);

export const keepWarmPoolSized = onSchedule({ schedule: 'every 5 minutes', timeoutSeconds: 60 }, async () => {
  await scale();
});

export const scaleWarmPool = onTask(
  'scaleWarmPool',
  {
    retryConfig: { maxAttempts: 5, minBackoffSeconds: 10, maxBackoffSeconds: 120 },
    // One at a time: concurrent runs would agree anyway, but each would ask Replicate.
    rateLimits: { maxConcurrentDispatches: 1 },
    timeoutSeconds: 60,
  },
  async () => (await scale()).action,
);
