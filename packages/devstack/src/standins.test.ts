import { LocalBlobStore } from '@likeness/blob';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Replicate, { validateWebhook } from 'replicate';
import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signWebhook } from './replicate/signing.js';
import { generateLocalSecrets, LocalSecrets, startStandins, type StandinsOptions } from './standins.js';

let dir: string;
const quiet = () => () => undefined;

const options = (over: Partial<StandinsOptions> = {}): StandinsOptions => ({
  dataDir: dir,
  ports: { blob: 0, stripe: 0, replicate: 0, mail: 0 },
  secrets: generateLocalSecrets(),
  stripeWebhookUrl: 'http://127.0.0.1:5001/demo-likeness/us-central1/stripeWebhook',
  replicate: {
    existingModels: ['likeness/customer-loras', 'likeness/flux-lora-trainer'],
    predictorVersion: 'localpredictor0001',
    trainerVersionRef: 'likeness/flux-lora-trainer:localtrainer0001',
  },
  log: quiet,
  ...over,
});

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'standins-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('generateLocalSecrets', () => {
  it('makes fresh secrets of the shapes the SDKs accept', async () => {
    const a = generateLocalSecrets();
    const b = generateLocalSecrets();
    expect(LocalSecrets.parse(a)).toEqual(a);
    for (const k of Object.keys(a) as Array<keyof typeof a>) expect(a[k]).not.toBe(b[k]);
    // Replicate's validateWebhook base64-decodes the part after whsec_.
    const body = '{"id":"x"}';
    const ok = await validateWebhook({
      id: 'msg_1',
      timestamp: '1700000000',
      body,
      secret: a.replicateWebhookSecret,
      signature: signWebhook(a.replicateWebhookSecret, 'msg_1', 1700000000, body),
    });
    expect(ok).toBe(true);
    const header = Stripe.webhooks.generateTestHeaderString({ payload: body, secret: a.stripeWebhookSecret });
    expect(() => Stripe.webhooks.constructEvent(body, header, a.stripeWebhookSecret)).not.toThrow();
  });
});

describe('startStandins', () => {
  it('starts all four on free ports, each answering its own API, and stops them', async () => {
    const opts = options();
    const s = await startStandins(opts);
    try {
      const secrets = opts.secrets;
      const blob = new LocalBlobStore(s.urls.blob, secrets.blobSigningKey);
      await blob.write('users/u/x.txt', Buffer.from('hi'), 'text/plain');
      expect((await blob.read('users/u/x.txt')).toString()).toBe('hi');

      const stripeUrl = new URL(s.urls.stripe);
      const stripe = new Stripe(secrets.stripeSecretKey, {
        host: stripeUrl.hostname,
        port: Number(stripeUrl.port),
        protocol: 'http',
      });
      const coupon = await stripe.coupons.create({ percent_off: 10 });
      expect(coupon.object).toBe('coupon');

      const replicate = new Replicate({ auth: secrets.replicateApiToken, baseUrl: `${s.urls.replicate}/v1` });
      expect((await replicate.webhooks.default.secret.get()).key).toBe(secrets.replicateWebhookSecret);

      const outbox = await fetch(`${s.urls.mail}/api/messages`);
      expect(await outbox.json()).toEqual([]);

      const collected = await fetch(`${s.urls.analytics}/api/events`);
      expect(await collected.json()).toEqual([]);
    } finally {
      await s.stop();
    }
    await expect(fetch(`${s.urls.mail}/api/messages`)).rejects.toThrow();
  });

  it('refuses a live Stripe key and malformed settings before starting anything', async () => {
    const secrets = { ...generateLocalSecrets(), stripeSecretKey: 'sk_live_abcdefghijkl' };
    await expect(startStandins(options({ secrets }))).rejects.toThrow(/test-mode key/);
    await expect(
      startStandins(
        options({ replicate: { existingModels: [], predictorVersion: 'v', trainerVersionRef: 'bad' } }),
      ),
    ).rejects.toThrow();
  });

  it('names the busy port and stops what it had started', async () => {
    const blocker = createServer();
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', () => r()));
    const busy = (blocker.address() as { port: number }).port;
    try {
      await expect(
        startStandins(options({ ports: { blob: 0, stripe: 0, replicate: busy, mail: 0 } })),
      ).rejects.toThrow(new RegExp(`Port ${busy} for the Replicate stand-in is in use`));
    } finally {
      blocker.close();
    }
  });
});
