/**
 * The generation pipeline: paid order → training on Replicate → predictions of the shared predictor →
 * images in storage → delivered + email. Webhooks move it forward; the sweeper recovers lost ones.
 */
import { IngestPredictionTask, RunPredictionTask, SendEmailTask, StartTrainingTask } from '@likeness/core';
import { logger } from 'firebase-functions';
import { onRequest } from 'firebase-functions/v2/https';
import { onSchedule } from 'firebase-functions/v2/scheduler';
import { onTaskDispatched } from 'firebase-functions/v2/tasks';
import type { z } from 'zod';
import { sendPipelineEmail } from './email/send-email.js';
import { ingestPrediction as ingest } from './generation/ingest-prediction.js';
import { runPredictionForJob } from './generation/run-prediction.js';
import { INGEST_RATE_LIMITS, PREDICTION_RATE_LIMITS, REGION, RETRY, secrets } from './options.js';
import { sweepStuckWork } from './sweep/sweep-stuck.js';
import { startTrainingForOrder } from './training/start-training.js';
import { handleReplicateWebhook } from './webhook/replicate-webhook.js';

/**
 * Validates a task payload. A malformed payload can never succeed, so it is logged and dropped rather
 * than thrown (which would only make Cloud Tasks retry it).
 */
function payload<S extends z.ZodType>(schema: S, queue: string, data: unknown): z.infer<S> | undefined {
  const parsed = schema.safeParse(data);
  if (!parsed.success) {
    logger.error('Dropping a task with an invalid payload', { queue, issues: parsed.error.issues });
    return undefined;
  }
  return parsed.data;
}

export const startTraining = onTaskDispatched(
  {
    region: REGION,
    retryConfig: RETRY.startTraining,
    secrets,
    memory: '1GiB',
    timeoutSeconds: 300,
  },
  async (req) => {
    const task = payload(StartTrainingTask, 'startTraining', req.data);
    if (!task) return;
    const outcome = await startTrainingForOrder(task.orderId);
    if (outcome !== 'started') logger.info('startTraining did nothing', { orderId: task.orderId, outcome });
  },
);

export const replicateWebhook = onRequest(
  {
    region: REGION,
    secrets,
    memory: '1GiB',
    timeoutSeconds: 120,
  },
  async (req, res) => {
    try {
      await handleReplicateWebhook(req, res);
    } catch (e) {
      // 5xx: Replicate retries the terminal webhook, and every effect behind it is idempotent.
      logger.error('Replicate webhook failed', { error: String(e), stack: (e as Error).stack });
      if (!res.headersSent) res.status(500).json({ error: 'internal error' });
    }
  },
);

export const runPrediction = onTaskDispatched(
  {
    region: REGION,
    retryConfig: RETRY.runPrediction,
    rateLimits: PREDICTION_RATE_LIMITS,
    secrets,
    timeoutSeconds: 60,
  },
  async (req) => {
    const task = payload(RunPredictionTask, 'runPrediction', req.data);
    if (!task) return;
    const outcome = await runPredictionForJob(task);
    if (outcome !== 'created') logger.info('runPrediction outcome', { ...task, outcome });
  },
);

export const ingestPrediction = onTaskDispatched(
  {
    region: REGION,
    retryConfig: RETRY.ingestPrediction,
    rateLimits: INGEST_RATE_LIMITS,
    secrets,
    memory: '1GiB',
    timeoutSeconds: 300,
  },
  async (req) => {
    const task = payload(IngestPredictionTask, 'ingestPrediction', req.data);
    if (!task) return;
    const outcome = await ingest(task);
    if (outcome !== 'ingested') logger.info('ingestPrediction outcome', { ...task, outcome });
  },
);

export const sendEmail = onTaskDispatched(
  { region: REGION, retryConfig: RETRY.sendEmail, secrets },
  async (req) => {
    const task = payload(SendEmailTask, 'sendEmail', req.data);
    if (!task) return;
    await sendPipelineEmail(task);
  },
);

export const sweepStuckJobs = onSchedule(
  {
    region: REGION,
    schedule: 'every 10 minutes',
    secrets,
    memory: '1GiB',
    timeoutSeconds: 540,
  },
  async () => {
    await sweepStuckWork();
  },
);
