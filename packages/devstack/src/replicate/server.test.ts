import { LocalBlobStore } from '@likeness/blob';
import { buildPrompt, outputSize } from '@likeness/core';
import JSZip from 'jszip';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Replicate, { validateWebhook } from 'replicate';
import sharp from 'sharp';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startBlobServer, type RunningService } from '../blob-server/server.js';
import { WebhookReceiver, type ReceivedWebhook } from '../http/webhook-receiver.js';
import type { JobObject } from './objects.js';
import { startReplicateStandin, type ReplicateStandin, type ReplicateStandinOptions } from './server.js';

const TOKEN = 'r8_local_testtoken';
const SECRET = `whsec_${Buffer.from('0123456789abcdef0123456789abcdef').toString('base64')}`;
const BLOB_KEY = 'blob-key-for-tests';
const DESTINATION = 'likeness/customer-loras';
const TRAINER = 'likeness/flux-lora-trainer';
const TRAINER_VERSION = 'localtrainer0001';
const PREDICTOR_VERSION = 'localpredictor0001';

let dir: string;
let blobServer: RunningService;
let blob: LocalBlobStore;
let receiver: WebhookReceiver;
let hookBase: string;
let standin: ReplicateStandin;
let replicate: Replicate;
const extra: Array<{ stop(): Promise<void> }> = [];

async function startStandin(over: Partial<ReplicateStandinOptions> = {}): Promise<ReplicateStandin> {
  return startReplicateStandin({
    dataDir: await mkdtemp(join(dir, 'replicate-')),
    port: 0,
    host: '127.0.0.1',
    publicHost: '127.0.0.1',
    apiToken: TOKEN,
    webhookSecret: SECRET,
    log: () => undefined,
    existingModels: [DESTINATION, TRAINER],
    predictorVersion: PREDICTOR_VERSION,
    trainerVersionRef: `${TRAINER}:${TRAINER_VERSION}`,
    trainingDurationMs: 20,
    retry: { maxAttempts: 4, baseDelayMs: 20, maxDelayMs: 50, timeoutMs: 2000 },
    webhookThrottleMs: 50,
    ...over,
  });
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'replicate-standin-'));
  blobServer = await startBlobServer({
    dataDir: join(dir, 'blob'),
    port: 0,
    host: '127.0.0.1',
    publicHost: '127.0.0.1',
    signingKey: BLOB_KEY,
    log: () => undefined,
  });
  blob = new LocalBlobStore(blobServer.url, BLOB_KEY);
  receiver = new WebhookReceiver();
  hookBase = await receiver.start();
  standin = await startStandin();
  replicate = new Replicate({ auth: TOKEN, baseUrl: `${standin.url}/v1` });
});

afterAll(async () => {
  for (const s of extra) await s.stop();
  await standin.stop();
  await receiver.stop();
  await blobServer.stop();
  await rm(dir, { recursive: true, force: true });
});

beforeEach(() => {
  receiver.respond = () => 200;
});

/** A face crop stand-in: a solid colour, so tests can tell whose crops an image came from. */
const crop = (r: number, g: number, b: number) =>
  sharp({ create: { width: 400, height: 500, channels: 3, background: { r, g, b } } })
    .jpeg()
    .toBuffer();

/** The dataset zip as the functions build it (image + same-named caption), uploaded to the blob store. */
async function datasetUrl(name: string, colours: Array<[number, number, number]>): Promise<string> {
  const zip = new JSZip();
  for (const [i, c] of colours.entries()) {
    zip.file(`${String(i + 1).padStart(2, '0')}-p${i}.jpg`, await crop(...c));
    zip.file(`${String(i + 1).padStart(2, '0')}-p${i}.txt`, 'a photo of ohwx woman');
  }
  const path = `users/u1/orders/${name}/training/dataset.zip`;
  await blob.write(path, await zip.generateAsync({ type: 'nodebuffer' }), 'application/zip');
  return (await blob.signedGetUrl(path, { expiresInSec: 600 })).url;
}

const hooksFor = (jobId: string) =>
  receiver.received.filter((h) => (JSON.parse(h.rawBody) as JobObject).id === jobId);

async function completedHook(
  jobId: string,
  timeoutMs = 15_000,
): Promise<{ hook: ReceivedWebhook; job: JobObject }> {
  const isDone = (h: ReceivedWebhook) => {
    const j = JSON.parse(h.rawBody) as JobObject;
    return j.id === jobId && ['succeeded', 'failed', 'canceled'].includes(j.status);
  };
  await receiver.waitFor((r) => r.some(isDone), timeoutMs);
  const hook = receiver.received.find(isDone)!;
  return { hook, job: JSON.parse(hook.rawBody) as JobObject };
}

const verify = (h: ReceivedWebhook) =>
  validateWebhook({
    id: String(h.headers['webhook-id']),
    timestamp: String(h.headers['webhook-timestamp']),
    signature: String(h.headers['webhook-signature']),
    body: h.rawBody,
    secret: SECRET,
  });

async function train(
  name: string,
  colours: Array<[number, number, number]>,
): Promise<{ weights: string; version: string }> {
  const training = await replicate.trainings.create(
    TRAINER.split('/')[0]!,
    TRAINER.split('/')[1]!,
    TRAINER_VERSION,
    {
      destination: DESTINATION,
      input: {
        input_images: await datasetUrl(name, colours),
        trigger_word: 'ohwx',
        subject_class: 'woman',
        steps: 100,
      },
      webhook: `${hookBase}/replicateWebhook?orderId=${name}&kind=training`,
      webhook_events_filter: ['completed'],
    },
  );
  const { job } = await completedHook(training.id);
  expect(job.status, job.error ?? '').toBe('succeeded');
  return job.output as { weights: string; version: string };
}

async function centrePixel(url: string): Promise<number[]> {
  const img = Buffer.from(await (await fetch(url)).arrayBuffer());
  const { data, info } = await sharp(img).raw().toBuffer({ resolveWithObject: true });
  const i = (Math.round(info.height * 0.4) * info.width + Math.round(info.width / 2)) * info.channels;
  return [data[i]!, data[i + 1]!, data[i + 2]!];
}

describe('Replicate stand-in with the official client', () => {
  it('knows the configured models and refuses unknown ones and bad tokens', async () => {
    const model = await replicate.models.get('likeness', 'customer-loras');
    expect(model).toMatchObject({ owner: 'likeness', name: 'customer-loras' });
    await expect(replicate.models.get('someone', 'else')).rejects.toMatchObject({
      response: { status: 404 },
    });
    const bad = new Replicate({ auth: 'r8_wrong', baseUrl: `${standin.url}/v1` });
    await expect(bad.models.get('likeness', 'customer-loras')).rejects.toMatchObject({
      response: { status: 401 },
    });
    const raw = await fetch(`${standin.url}/v1/predictions/x`, { headers: { Authorization: 'Bearer nope' } });
    expect(await raw.json()).toEqual({
      title: 'Unauthenticated',
      detail: 'You did not pass a valid authentication token',
      status: 401,
    });
    const secret = await replicate.webhooks.default.secret.get();
    expect(secret.key).toBe(SECRET);
  });

  it('trains: signed webhook with the query string kept, output {version, weights}, a new destination version', async () => {
    const training = await replicate.trainings.create('likeness', 'flux-lora-trainer', TRAINER_VERSION, {
      destination: DESTINATION,
      input: {
        input_images: await datasetUrl('o1', [
          [200, 30, 30],
          [190, 40, 40],
          [210, 20, 20],
        ]),
        trigger_word: 'ohwx',
        subject_class: 'woman',
      },
      webhook: `${hookBase}/replicateWebhook?orderId=o1&jobId=train&kind=training`,
      webhook_events_filter: ['start', 'completed'],
    });
    expect(training).toMatchObject({
      status: 'starting',
      model: 'likeness/flux-lora-trainer',
      version: TRAINER_VERSION,
    });
    expect(training.urls.get).toBe(`${standin.url}/v1/trainings/${training.id}`);

    const { hook, job } = await completedHook(training.id);
    expect(hook.url).toBe('/replicateWebhook?orderId=o1&jobId=train&kind=training');
    expect(await verify(hook)).toBe(true);
    expect(
      await validateWebhook({
        id: String(hook.headers['webhook-id']),
        timestamp: String(hook.headers['webhook-timestamp']),
        signature: String(hook.headers['webhook-signature']),
        body: hook.rawBody.replace('succeeded', 'failed'),
        secret: SECRET,
      }),
    ).toBe(false);
    expect(job.status).toBe('succeeded');
    const output = job.output as { version: string; weights: string };
    expect(output.version).toMatch(/^likeness\/customer-loras:[0-9a-f]{64}$/);
    expect(output.weights).toMatch(new RegExp(`^${standin.url}/files/${training.id}/`));
    expect(job.logs).toContain('Found 3 images (3 with captions)');
    expect(job.started_at).not.toBeNull();
    expect(job.completed_at).not.toBeNull();
    expect(hooksFor(training.id).map((h) => (JSON.parse(h.rawBody) as JobObject).status)).toEqual([
      'starting',
      'succeeded',
    ]);

    const fetched = await replicate.trainings.get(training.id);
    expect(fetched.output).toEqual(output);
    const model = await replicate.models.get('likeness', 'customer-loras');
    expect(model.latest_version?.id).toBe(output.version.split(':')[1]);
    const weights = await fetch(output.weights);
    expect(weights.status).toBe(200);
    const zip = await JSZip.loadAsync(Buffer.from(await weights.arrayBuffer()));
    expect(JSON.parse(await zip.file('manifest.json')!.async('string'))).toMatchObject({
      trigger_word: 'ohwx',
      subject_class: 'woman',
    });
  });

  it('deletes a trained version with its weights, as the real API does; an outage answers 503 and loses nothing', async () => {
    const { weights, version } = await train('delete-me', [[200, 40, 40]]);
    const [owner, name] = DESTINATION.split('/') as [string, string];
    const versionId = version.split(':')[1]!;
    const path = `/models/${owner}/${name}/versions/${versionId}`;
    const listed = async () =>
      (
        (await replicate.models.versions.list(owner, name)) as unknown as { results: Array<{ id: string }> }
      ).results.map((v) => v.id);
    expect(await listed()).toContain(versionId);
    expect((await fetch(weights)).status).toBe(200);

    await fetch(`${standin.url}/_standin/fail-next`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ kind: 'version-delete', count: 1, error: 'Replicate is down for maintenance' }),
    });
    await expect(replicate.request(path, { method: 'DELETE' })).rejects.toThrow(/503/);
    expect(await listed()).toContain(versionId);

    expect((await replicate.request(path, { method: 'DELETE' })).status).toBe(202);
    expect(await listed()).not.toContain(versionId);
    expect((await fetch(weights)).status).toBe(404);
    // Deleting again is a 404, which a deletion routine treats as already done.
    await expect(replicate.request(path, { method: 'DELETE' })).rejects.toThrow(/404/);
    // The trainer's own version is not the account's to delete.
    await expect(
      replicate.request(`/models/${TRAINER}/versions/${TRAINER_VERSION}`, { method: 'DELETE' }),
    ).rejects.toThrow(/403/);
  });

  it('refuses a destination that does not exist and a version that is not the trainer', async () => {
    const input = { input_images: 'http://127.0.0.1:1/x.zip', trigger_word: 'ohwx', subject_class: 'man' };
    await expect(
      replicate.trainings.create('likeness', 'flux-lora-trainer', TRAINER_VERSION, {
        destination: 'likeness/nope',
        input,
      }),
    ).rejects.toMatchObject({
      response: { status: 404 },
    });
    await expect(
      replicate.trainings.create('likeness', 'flux-lora-trainer', 'otherversion', {
        destination: DESTINATION,
        input,
      }),
    ).rejects.toMatchObject({
      response: { status: 404 },
    });
  });

  it('fails a training whose input_images is not a zip, or has no images, with a clear error', async () => {
    await blob.write('users/u1/bad/dataset.zip', Buffer.from('not a zip at all'), 'application/zip');
    const notZip = (await blob.signedGetUrl('users/u1/bad/dataset.zip', { expiresInSec: 60 })).url;
    const emptyZip = new JSZip();
    emptyZip.file('readme.txt', 'nothing here');
    await blob.write(
      'users/u1/bad/empty.zip',
      await emptyZip.generateAsync({ type: 'nodebuffer' }),
      'application/zip',
    );
    const empty = (await blob.signedGetUrl('users/u1/bad/empty.zip', { expiresInSec: 60 })).url;
    const errors: string[] = [];
    for (const url of [notZip, empty, `${blobServer.url}/o/missing?op=get&exp=1&sig=00`]) {
      const t = await replicate.trainings.create('likeness', 'flux-lora-trainer', TRAINER_VERSION, {
        destination: DESTINATION,
        input: { input_images: url, trigger_word: 'ohwx', subject_class: 'man' },
        webhook: `${hookBase}/hook`,
        webhook_events_filter: ['completed'],
      });
      const { job } = await completedHook(t.id);
      expect(job.status).toBe('failed');
      errors.push(job.error!);
    }
    expect(errors[0]).toMatch(/input_images is not a zip file/);
    expect(errors[1]).toMatch(/input_images contains no images/);
    expect(errors[2]).toMatch(/Failed to download input_images .*HTTP 403/);
  });

  it('predicts: signed webhooks for start, output/logs and completed; distinct images at the requested size', async () => {
    const { weights } = await train('o2', [
      [200, 40, 40],
      [40, 200, 40],
    ]);
    receiver.received.length = 0;
    const prediction = await replicate.predictions.create({
      version: PREDICTOR_VERSION,
      input: {
        prompt: buildPrompt('corporate-grey', 'woman'),
        lora_weights: weights,
        num_outputs: 3,
        seed: 11,
        output_format: 'webp',
      },
      webhook: `${hookBase}/replicateWebhook?orderId=o2&jobId=corporate-grey-0&kind=prediction`,
    });
    expect(prediction.status).toBe('starting');
    const { hook, job } = await completedHook(prediction.id);
    expect(await verify(hook)).toBe(true);
    expect(job.status).toBe('succeeded');
    const urls = job.output as string[];
    expect(urls).toHaveLength(3);
    expect(job.logs).toContain('Using seed: 11');
    expect(job.metrics.predict_time).toBeGreaterThan(0);

    const all = hooksFor(prediction.id);
    for (const h of all) expect(await verify(h)).toBe(true);
    // No filter: start, then throttled logs/output updates while processing, then completed.
    expect(all.length).toBeGreaterThanOrEqual(3);
    expect(all.some((h) => JSON.parse(h.rawBody).status === 'processing')).toBe(true);
    expect(JSON.parse(all[0]!.rawBody).status).toBe('starting');
    expect(JSON.parse(all.at(-1)!.rawBody).status).toBe('succeeded');
    expect(new Set(all.map((h) => h.headers['webhook-id'])).size).toBe(all.length);

    const { width, height } = outputSize('4:5', 1024);
    const bodies: Buffer[] = [];
    for (const u of urls) {
      const res = await fetch(u);
      expect(res.headers.get('content-type')).toBe('image/webp');
      const bytes = Buffer.from(await res.arrayBuffer());
      const meta = await sharp(bytes).metadata();
      expect([meta.width, meta.height]).toEqual([width, height]);
      bodies.push(bytes);
    }
    expect(new Set(bodies.map((b) => b.toString('base64'))).size).toBe(3);
    expect((await replicate.predictions.get(prediction.id)).output).toEqual(urls);
  });

  it('refuses invalid input with 422 in Replicate shape, and a version that is not the predictor', async () => {
    const res = await fetch(`${standin.url}/v1/predictions`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({
        version: PREDICTOR_VERSION,
        input: { lora_weights: 'http://x/y.zip', num_outputs: 9 },
      }),
    });
    expect(res.status).toBe(422);
    const body = (await res.json()) as {
      title: string;
      detail: string;
      status: number;
      invalid_fields: Array<{ field: string; type: string }>;
    };
    expect(body).toMatchObject({ status: 422, title: 'Input validation failed' });
    expect(body.invalid_fields.map((f) => f.field).sort()).toEqual(['input.num_outputs', 'input.prompt']);
    expect(body.invalid_fields.find((f) => f.field === 'input.prompt')?.type).toBe('required');
    await expect(
      replicate.predictions.create({
        version: 'someoneelse',
        input: { prompt: 'x', lora_weights: 'http://x/y.zip' },
      }),
    ).rejects.toMatchObject({ response: { status: 422 } });
    await expect(
      replicate.trainings.create('likeness', 'flux-lora-trainer', TRAINER_VERSION, {
        destination: DESTINATION,
        input: { input_images: 'x', trigger_word: 'A' },
      }),
    ).rejects.toMatchObject({ response: { status: 422 } });
  });

  it('fails the next predictions on request (fail-next), then recovers', async () => {
    const { weights } = await train('o3', [[90, 90, 200]]);
    const res = await fetch(`${standin.url}/_standin/fail-next`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ kind: 'prediction', count: 1, error: 'CUDA out of memory' }),
    });
    expect(await res.json()).toEqual({
      pending: { training: 0, prediction: 1, 'version-delete': 0, 'output-blocked': 0 },
    });
    const input = { prompt: 'portrait of ohwx woman', lora_weights: weights, num_outputs: 1 };
    const failed = await replicate.predictions.create({
      version: PREDICTOR_VERSION,
      input,
      webhook: `${hookBase}/h`,
      webhook_events_filter: ['completed'],
    });
    const ok = await replicate.predictions.create({
      version: PREDICTOR_VERSION,
      input,
      webhook: `${hookBase}/h`,
      webhook_events_filter: ['completed'],
    });
    expect((await completedHook(failed.id)).job).toMatchObject({
      status: 'failed',
      error: 'CUDA out of memory',
    });
    expect((await completedHook(ok.id)).job.status).toBe('succeeded');
  });

  it('blocks the next outputs on request as the safety check does: grey, named blocked-<i>', async () => {
    const { weights } = await train('o3b', [[90, 90, 200]]);
    const res = await fetch(`${standin.url}/_standin/fail-next`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ kind: 'output-blocked', count: 1 }),
    });
    expect(((await res.json()) as { pending: Record<string, number> }).pending['output-blocked']).toBe(1);
    const p = await replicate.predictions.create({
      version: PREDICTOR_VERSION,
      input: { prompt: 'portrait of ohwx woman', lora_weights: weights, num_outputs: 2 },
      webhook: `${hookBase}/h`,
      webhook_events_filter: ['completed'],
    });
    const { job } = await completedHook(p.id);
    expect(job.status).toBe('succeeded');
    const [blocked, kept] = job.output as string[];
    expect(blocked).toMatch(/\/blocked-0\.webp$/);
    expect(kept).toMatch(/\/out-1\.webp$/);
    expect(await centrePixel(blocked!)).toEqual([128, 128, 128]);
    expect(await centrePixel(kept!)).not.toEqual([128, 128, 128]);
  });

  it('fails a prediction whose lora_weights cannot be downloaded', async () => {
    const p = await replicate.predictions.create({
      version: PREDICTOR_VERSION,
      input: { prompt: 'portrait of ohwx man', lora_weights: `${standin.url}/files/nope/trained_model.zip` },
      webhook: `${hookBase}/h`,
      webhook_events_filter: ['completed'],
    });
    const { job } = await completedHook(p.id);
    expect(job.status).toBe('failed');
    expect(job.error).toMatch(/Failed to download lora_weights .*HTTP 404/);
  });

  it('retries the completed webhook on non-2xx with the same webhook-id', async () => {
    const { weights } = await train('o4', [[120, 120, 120]]);
    let failures = 0;
    receiver.respond = (h) => (h.url === '/flaky' && failures++ < 2 ? 500 : 200);
    const p = await replicate.predictions.create({
      version: PREDICTOR_VERSION,
      input: { prompt: 'portrait of ohwx woman', lora_weights: weights, num_outputs: 1 },
      webhook: `${hookBase}/flaky`,
      webhook_events_filter: ['completed'],
    });
    await receiver.waitFor(() => hooksFor(p.id).length >= 3);
    const hooks = hooksFor(p.id);
    expect(hooks).toHaveLength(3);
    expect(new Set(hooks.map((h) => h.headers['webhook-id'])).size).toBe(1);
    for (const h of hooks) expect(await verify(h)).toBe(true);
  });

  it('keeps each customer to their own face: two weights files give images from their own crops', async () => {
    const red = await train('red', [
      [220, 30, 30],
      [210, 40, 30],
    ]);
    const blue = await train('blue', [
      [30, 40, 220],
      [40, 30, 210],
    ]);
    const run = async (weights: string) => {
      const p = await replicate.predictions.create({
        version: PREDICTOR_VERSION,
        input: {
          prompt: buildPrompt('modern-office', 'woman'),
          lora_weights: weights,
          num_outputs: 2,
          seed: 3,
          output_format: 'png',
        },
        wait: 30,
      });
      expect(p.status).toBe('succeeded');
      return p.output as string[];
    };
    const [redOut, blueOut] = await Promise.all([run(red.weights), run(blue.weights)]);
    for (const u of redOut) {
      const [r, , b] = await centrePixel(u);
      expect(r! - b!).toBeGreaterThan(100);
    }
    for (const u of blueOut) {
      const [r, , b] = await centrePixel(u);
      expect(b! - r!).toBeGreaterThan(100);
    }
  });

  it('cancels a queued prediction', async () => {
    const slow = await startStandin({ concurrency: 1, perImageDelayMs: 400 });
    extra.push(slow);
    const client = new Replicate({ auth: TOKEN, baseUrl: `${slow.url}/v1` });
    const { weights } = await train('o5', [[100, 150, 100]]);
    const input = { prompt: 'portrait of ohwx man', lora_weights: weights, num_outputs: 1 };
    const first = await client.predictions.create({ version: PREDICTOR_VERSION, input });
    const second = await client.predictions.create({
      version: PREDICTOR_VERSION,
      input,
      webhook: `${hookBase}/c`,
      webhook_events_filter: ['completed'],
    });
    const canceled = await client.predictions.cancel(second.id);
    expect(canceled.status).toBe('canceled');
    expect(canceled.started_at).toBeNull();
    expect((await completedHook(second.id)).job.status).toBe('canceled');
    const running = await client.predictions.cancel(first.id);
    expect(running.status).toBe('canceled');
  });
});

describe('Replicate stand-in deployments', () => {
  const CONFIG = {
    name: 'flux-headshots-warm',
    model: 'likeness/flux-headshots',
    version: PREDICTOR_VERSION,
    hardware: 'gpu-h100',
    min_instances: 0,
    max_instances: 2,
  };

  it('creates, lists, reads and updates a deployment; each update is a new release', async () => {
    const created = await replicate.deployments.create(CONFIG);
    expect(created).toMatchObject({
      owner: 'likeness',
      name: 'flux-headshots-warm',
      current_release: {
        number: 1,
        model: 'likeness/flux-headshots',
        version: PREDICTOR_VERSION,
        created_by: { type: 'organization', username: 'likeness' },
        configuration: { hardware: 'gpu-h100', min_instances: 0, max_instances: 2 },
      },
    });
    expect((await replicate.deployments.list()).results.map((d) => d.name)).toContain('flux-headshots-warm');
    const warm = await replicate.deployments.update('likeness', 'flux-headshots-warm', { min_instances: 1 });
    expect(warm.current_release).toMatchObject({
      number: 2,
      configuration: { hardware: 'gpu-h100', min_instances: 1, max_instances: 2 },
    });
    expect(await replicate.deployments.get('likeness', 'flux-headshots-warm')).toEqual(warm);
    expect(standin.deploymentReleases('likeness/flux-headshots-warm').map((r) => r.min_instances)).toEqual([
      0, 1,
    ]);
  });

  it('refuses what Replicate refuses: a duplicate, an unknown model, version or hardware, min above max, another owner', async () => {
    const status = (p: Promise<unknown>) =>
      p.then(
        () => 200,
        (e: { response?: { status: number } }) => e.response?.status,
      );
    expect(await status(replicate.deployments.create(CONFIG))).toBe(409);
    expect(await status(replicate.deployments.create({ ...CONFIG, name: 'x', model: 'likeness/none' }))).toBe(
      404,
    );
    expect(await status(replicate.deployments.create({ ...CONFIG, name: 'x', version: 'nope' }))).toBe(404);
    expect(await status(replicate.deployments.create({ ...CONFIG, name: 'x', hardware: 'gpu-x' }))).toBe(422);
    expect(
      await status(replicate.deployments.update('likeness', 'flux-headshots-warm', { min_instances: 3 })),
    ).toBe(422);
    expect(await status(replicate.deployments.get('someone', 'flux-headshots-warm'))).toBe(404);
    expect(await status(replicate.deployments.get('likeness', 'missing'))).toBe(404);
  });

  it('predicts through a deployment on its current version, with the same webhooks and injected failures', async () => {
    const { weights } = await train('o9', [[30, 160, 220]]);
    const input = { prompt: 'portrait of ohwx woman', lora_weights: weights, num_outputs: 1, seed: 3 };
    standin.failNext('prediction', 1, 'CUDA out of memory');
    const failed = await replicate.deployments.predictions.create('likeness', 'flux-headshots-warm', {
      input,
      webhook: `${hookBase}/replicateWebhook?kind=prediction`,
      webhook_events_filter: ['completed'],
    });
    const ok = await replicate.deployments.predictions.create('likeness', 'flux-headshots-warm', {
      input,
      webhook: `${hookBase}/replicateWebhook?kind=prediction`,
      webhook_events_filter: ['completed'],
    });
    expect((await completedHook(failed.id)).job).toMatchObject({
      status: 'failed',
      error: 'CUDA out of memory',
    });
    const { hook, job } = await completedHook(ok.id);
    expect(await verify(hook)).toBe(true);
    expect(job).toMatchObject({
      status: 'succeeded',
      model: 'likeness/flux-headshots',
      version: PREDICTOR_VERSION,
      deployment: 'likeness/flux-headshots-warm',
    });
    expect(job.output).toHaveLength(1);
    // The input is checked as for a prediction by version; an unknown deployment is not found.
    await expect(
      replicate.deployments.predictions.create('likeness', 'flux-headshots-warm', { input: { prompt: '' } }),
    ).rejects.toMatchObject({ response: { status: 422 } });
    await expect(
      replicate.deployments.predictions.create('likeness', 'missing', { input }),
    ).rejects.toMatchObject({ response: { status: 404 } });
  });
});

describe('Replicate stand-in limits and expiry', () => {
  it('deletes prediction outputs after their time to live: 404 and data_removed', async () => {
    const { weights } = await train('o6', [[150, 100, 60]]);
    const shortLived = await startStandin({ outputTtlSec: 1, fileSweepMs: 100 });
    extra.push(shortLived);
    const client = new Replicate({ auth: TOKEN, baseUrl: `${shortLived.url}/v1` });
    const p = await client.predictions.create({
      version: PREDICTOR_VERSION,
      input: { prompt: 'portrait of ohwx woman', lora_weights: weights, num_outputs: 1 },
      wait: 30,
    });
    const [url] = p.output as string[];
    expect((await fetch(url!)).status).toBe(200);
    await new Promise((r) => setTimeout(r, 1300));
    expect((await fetch(url!)).status).toBe(404);
    expect((await client.predictions.get(p.id)).data_removed).toBe(true);
  });

  it('answers 429 with Retry-After past the per-minute prediction limit', async () => {
    const limited = await startStandin({ predictionsPerMinute: 2 });
    extra.push(limited);
    const create = () =>
      fetch(`${limited.url}/v1/predictions`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({
          version: PREDICTOR_VERSION,
          input: { prompt: 'x ohwx', lora_weights: `${limited.url}/files/none/x.zip` },
        }),
      });
    expect((await create()).status).toBe(201);
    expect((await create()).status).toBe(201);
    const third = await create();
    expect(third.status).toBe(429);
    expect(Number(third.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(await third.json()).toMatchObject({ status: 429, title: 'Too Many Requests' });
  });
});
