/**
 * replicateWebhook security and idempotency, against a seeded generating order (no GPU stand-in work
 * needed): bad signatures and stale timestamps change nothing, a replay applies once, a webhook of an
 * earlier attempt is recorded and ignored.
 */
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  env,
  orderData,
  postWebhook,
  randomWebhookSecret,
  seedPaidOrder,
  signWebhook,
  testDb,
  Timestamp,
  webhookEventExists,
} from './helpers/pipeline.js';

let orderId: string;
const jobDoc = (orderId: string, styleId: string, over: Record<string, unknown>) => ({
  orderId,
  styleId,
  batch: 0,
  prompt: `headshot of ohwx woman (${styleId})`,
  numOutputs: 4,
  seed: 7,
  status: 'running',
  attempt: 1,
  maxAttempts: 1,
  predictionId: `p_${styleId}`,
  error: null,
  ingested: false,
  createdAt: Timestamp.now(),
  updatedAt: Timestamp.now(),
  ...over,
});

beforeAll(async () => {
  ({ orderId } = await seedPaidOrder());
  const order = testDb.collection('orders').doc(orderId);
  await order.update({
    status: 'generating',
    images: { planned: 8, done: 0, failed: 0 },
    training: { id: 't_seed', status: 'succeeded' },
  });
  await order
    .collection('jobs')
    .doc('corporate-grey-0')
    .set(jobDoc(orderId, 'corporate-grey', { maxAttempts: 1 }));
  await order
    .collection('jobs')
    .doc('modern-office-0')
    .set(jobDoc(orderId, 'modern-office', { attempt: 2, maxAttempts: 3, predictionId: 'p_modern_2' }));
});

const failedBody = (id: string) =>
  JSON.stringify({ id, status: 'failed', error: 'CUDA error: out of memory', output: null, logs: '' });
const query = (jobId: string, attempt: number) => ({
  orderId,
  jobId,
  kind: 'prediction',
  attempt: String(attempt),
});

async function job(jobId: string) {
  return (await testDb.collection('orders').doc(orderId).collection('jobs').doc(jobId).get()).data()!;
}

describe('replicateWebhook', () => {
  it('refuses a delivery signed with another secret, and writes nothing', async () => {
    const body = failedBody('p_corporate-grey');
    const headers = signWebhook(body, { secret: randomWebhookSecret() });
    const res = await postWebhook(query('corporate-grey-0', 1), body, headers);
    expect(res.status).toBe(401);
    expect(await webhookEventExists(headers['webhook-id'])).toBe(false);
    expect((await job('corporate-grey-0')).status).toBe('running');
  });

  it('refuses a tampered body and a delivery without signature headers', async () => {
    const body = failedBody('p_corporate-grey');
    const headers = signWebhook(body);
    const tampered = await postWebhook(
      query('corporate-grey-0', 1),
      body.replace('failed', 'succeeded'),
      headers,
    );
    expect(tampered.status).toBe(401);
    const bare = await postWebhook(query('corporate-grey-0', 1), body, {});
    expect(bare.status).toBe(400);
    expect(await webhookEventExists(headers['webhook-id'])).toBe(false);
    expect((await job('corporate-grey-0')).status).toBe('running');
  });

  it('refuses a correctly signed delivery whose timestamp is too old (replay)', async () => {
    const body = failedBody('p_corporate-grey');
    const headers = signWebhook(body, { timestamp: Math.floor(Date.now() / 1000) - 3600 });
    const res = await postWebhook(query('corporate-grey-0', 1), body, headers);
    expect(res.status).toBe(401);
    expect(JSON.stringify(res.json)).toContain('window');
    expect(await webhookEventExists(headers['webhook-id'])).toBe(false);
    expect((await job('corporate-grey-0')).status).toBe('running');
  });

  it('applies a valid delivery once, however often it is replayed', async () => {
    const body = failedBody('p_corporate-grey');
    const headers = signWebhook(body);
    const first = await postWebhook(query('corporate-grey-0', 1), body, headers);
    expect(first).toMatchObject({ status: 200, json: { outcome: 'job-failed' } });
    const failedJob = await job('corporate-grey-0');
    expect(failedJob.status).toBe('failed');
    expect(failedJob.error.message).toBe('The GPU job failed: CUDA error: out of memory');
    expect((await orderData(orderId)).images).toEqual({ planned: 8, done: 0, failed: 4 });

    for (let i = 0; i < 2; i++) {
      const again = await postWebhook(query('corporate-grey-0', 1), body, headers);
      expect(again).toMatchObject({ status: 200, json: { outcome: 'duplicate' } });
    }
    // A new delivery id for the same result (Replicate's retry after a lost response) is also a no-op.
    const redelivered = await postWebhook(query('corporate-grey-0', 1), body, signWebhook(body));
    expect(redelivered).toMatchObject({ status: 200, json: { outcome: 'already-settled' } });
    const order = await orderData(orderId);
    expect(order.images).toEqual({ planned: 8, done: 0, failed: 4 });
    expect(order.status).toBe('generating');
  });

  it('records and ignores a webhook of an earlier attempt', async () => {
    const body = failedBody('p_modern_1');
    const headers = signWebhook(body);
    const res = await postWebhook(query('modern-office-0', 1), body, headers);
    expect(res).toMatchObject({ status: 200, json: { outcome: 'stale-attempt' } });
    expect(await webhookEventExists(headers['webhook-id'])).toBe(true);
    const current = await job('modern-office-0');
    expect(current).toMatchObject({ status: 'running', attempt: 2, predictionId: 'p_modern_2' });
  });

  it('refuses a signed delivery that does not name its order and job', async () => {
    const body = failedBody('p_x');
    const res = await postWebhook({ kind: 'prediction', orderId }, body, signWebhook(body));
    expect(res.status).toBe(400);
    const wrongMethod = await fetch(`${env.LIKENESS_FUNCTIONS_URL}/replicateWebhook?${randomUUID()}`);
    expect(wrongMethod.status).toBe(405);
  });
});
