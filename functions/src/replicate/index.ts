/**
 * What Replicate tells us: its signed webhooks move trainings and predictions forward, and the
 * sweeper asks Replicate about work whose webhook never came.
 */
import { onRequest } from 'firebase-functions/v2/https';
import { onSchedule } from 'firebase-functions/v2/scheduler';
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
