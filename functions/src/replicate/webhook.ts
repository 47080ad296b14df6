import { z } from 'zod';
import { applyPredictionResult } from '../generation/apply-prediction-result.js';
import { config } from '../shared/config.js';
import { header, type Request, type Response } from '../shared/http.js';
import { applyTrainingResult } from '../training/apply-training-result.js';
import { ReplicateJob } from './replicate-job.js';
import { verifyReplicateWebhook } from './verify.js';
import { orderLogger } from '../shared/order-log.js';

/** What our own webhook URLs carry (functionUrl in startTraining and runPrediction). */
export const WebhookQuery = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('training'), orderId: z.string().min(1) }),
  z.object({
    kind: z.literal('prediction'),
    orderId: z.string().min(1),
    jobId: z.string().min(1),
    attempt: z.coerce.number().int().min(1),
  }),
]);

/**
 * The order a delivery names in its query string, for the logs only: until the signature is checked
 * it is a claim, so nothing is done with it.
 */
const namedOrder = (req: Request): string | null =>
  typeof req.query.orderId === 'string' && req.query.orderId ? req.query.orderId : null;

/**
 * replicateWebhook: the only path (besides the sweeper) that moves GPU work forward. Signed per
 * Standard Webhooks and fresh, or refused before anything is read or written; each delivery's effect
 * is applied at most once (webhookEvents/{webhook-id}). Non-2xx makes Replicate retry.
 */
async function applyDelivery(req: Request, res: Response): Promise<void> {
  if (req.method !== 'POST') {
    res.status(405).set('Allow', 'POST').json({ error: 'POST only' });
    return;
  }
  const c = config();
  const rawBody = req.rawBody?.toString('utf8') ?? '';
  const verdict = await verifyReplicateWebhook({
    headers: {
      id: header(req, 'webhook-id'),
      timestamp: header(req, 'webhook-timestamp'),
      signature: header(req, 'webhook-signature'),
    },
    rawBody,
    secret: c.REPLICATE_WEBHOOK_SECRET,
    nowSec: Math.floor(Date.now() / 1000),
    toleranceSec: c.WEBHOOK_TOLERANCE_SEC,
  });
  if (!verdict.ok) {
    orderLogger(namedOrder(req), 'webhook').warn('Replicate webhook refused', {
      reason: verdict.reason,
      webhookId: header(req, 'webhook-id'),
    });
    res.status(verdict.status).json({ error: verdict.reason });
    return;
  }

  const query = WebhookQuery.safeParse(req.query);
  let body: unknown;
  try {
    body = JSON.parse(rawBody);
  } catch {
    body = undefined;
  }
  const job = ReplicateJob.safeParse(body);
  if (!query.success || !job.success) {
    // Signed by Replicate yet not ours to act on: answering 4xx would only make it retry forever.
    orderLogger(namedOrder(req), 'webhook').error('Replicate webhook with an unexpected shape', {
      webhookId: verdict.webhookId,
      query: query.success ? undefined : query.error.issues,
      body: job.success ? undefined : job.error.issues,
    });
    res.status(400).json({ error: 'unexpected webhook shape' });
    return;
  }

  const opts = { eventId: verdict.webhookId };
  const q = query.data;
  const outcome =
    q.kind === 'training'
      ? await applyTrainingResult(q.orderId, job.data, opts)
      : await applyPredictionResult(
          { orderId: q.orderId, jobId: q.jobId, attempt: q.attempt },
          job.data,
          opts,
        );
  if (outcome === 'not-ready') {
    res.status(409).json({ outcome, retry: true });
    return;
  }
  res.status(200).json({ outcome });
}

/** A processing failure answers 5xx: Replicate retries, and every effect behind it is idempotent. */
export async function handleReplicateWebhook(req: Request, res: Response): Promise<void> {
  try {
    await applyDelivery(req, res);
  } catch (e) {
    orderLogger(namedOrder(req), 'webhook').error('Replicate webhook failed', {
      error: String(e),
      stack: (e as Error).stack,
    });
    if (!res.headersSent) res.status(500).json({ error: 'internal error' });
  }
}
