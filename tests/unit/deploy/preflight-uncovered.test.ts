/**
 * The two checks whose endpoints the local stand-ins do not answer yet: Replicate deployments
 * (`GET /v1/deployments/{owner}/{name}`) and SendGrid sender verification (`GET /v3/verified_senders`,
 * `GET /v3/whitelabel/domains`). Until the stand-ins have them, a minimal server answers with the
 * services' documented shapes (the replicate npm client's `Deployment` type; SendGrid's Sender
 * Identity and Domain Authentication APIs) so the comparisons the checks make are exercised.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseProjectConfig } from '../../../scripts/deploy/config.mjs';
import { checkMailSender, checkPredictorDeployment } from '../../../scripts/deploy/preflight.mjs';

const answers = new Map<string, { status: number; body: unknown }>();
let server: Server;
let base: string;

beforeAll(async () => {
  server = createServer((req, res) => {
    const a = answers.get(req.url ?? '') ?? { status: 404, body: { detail: 'Not found.' } };
    res.writeHead(a.status, { 'Content-Type': 'application/json' }).end(JSON.stringify(a.body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const config = parseProjectConfig(
  {
    projects: {
      'likeness-test': {
        webUrl: 'https://studio.example.org',
        appHostingBackend: 'web',
        replicate: {
          predictorModel: 'likeness/flux-headshots',
          predictor: { deployment: 'likeness/warm', minInstances: 2, maxInstances: 4, idleMinInstances: 0 },
        },
        baseModel: { name: 'FLUX.1-schnell', commercialLicence: null },
        monitoring: { gpuSpendPerDayUsd: 100 },
        backups: { dailyRetentionDays: 7 },
      },
    },
  },
  'likeness-test',
);
const ctx = (mailFrom = 'studio@example.org') => ({
  project: 'likeness-test',
  config,
  secrets: { REPLICATE_API_TOKEN: 'r8_x', SENDGRID_API_KEY: 'SG.x.y' },
  env: { REPLICATE_PREDICTOR_VERSION: 'v1', MAIL_FROM: mailFrom },
  apis: { stripe: base, replicate: `${base}/v1`, sendgrid: base },
});
const deployment = (over: { min?: number; max?: number; version?: string }) => ({
  owner: 'likeness',
  name: 'warm',
  current_release: {
    number: 3,
    model: 'likeness/flux-headshots',
    version: over.version ?? 'v1',
    created_at: '2026-12-01T00:00:00Z',
    created_by: { type: 'organization', username: 'likeness' },
    configuration: { hardware: 'gpu-h100', min_instances: over.min ?? 0, max_instances: over.max ?? 4 },
  },
});

describe('predictor deployment', () => {
  it('passes at the idle or the generating warm-pool size', async () => {
    for (const min of [0, 2]) {
      answers.set('/v1/deployments/likeness/warm', { status: 200, body: deployment({ min }) });
      const r = await checkPredictorDeployment(ctx());
      expect(r.verdict).toBe('pass');
      expect(r.details[0]).toMatch(new RegExp(`gpu-h100, ${min}–4 instances`));
    }
  });

  it('names a wrong version and a pool sized other than the config', async () => {
    answers.set('/v1/deployments/likeness/warm', {
      status: 200,
      body: deployment({ min: 5, max: 8, version: 'old' }),
    });
    const r = await checkPredictorDeployment(ctx());
    expect(r.verdict).toBe('fail');
    expect(r.details).toEqual([
      'serves version old, not v1',
      'max_instances is 8, config says 4',
      'min_instances is 5, config says 0 idle / 2 while generating',
    ]);
  });
});

describe('email sender', () => {
  it('passes for a verified single sender or an authenticated domain', async () => {
    answers.set('/v3/verified_senders', {
      status: 200,
      body: { results: [{ id: 1, from_email: 'Studio@example.org', verified: true }] },
    });
    expect((await checkMailSender(ctx())).verdict).toBe('pass');
    answers.set('/v3/verified_senders', { status: 200, body: { results: [] } });
    answers.set('/v3/whitelabel/domains', {
      status: 200,
      body: [{ id: 9, domain: 'example.org', valid: true }],
    });
    expect((await checkMailSender(ctx())).details).toEqual(['example.org is an authenticated domain']);
  });

  it('fails for an unverified sender on an unauthenticated domain', async () => {
    answers.set('/v3/verified_senders', {
      status: 200,
      body: { results: [{ id: 1, from_email: 'studio@other.org', verified: false }] },
    });
    answers.set('/v3/whitelabel/domains', {
      status: 200,
      body: [{ id: 9, domain: 'other.org', valid: false }],
    });
    const r = await checkMailSender(ctx('studio@other.org'));
    expect(r.verdict).toBe('fail');
    expect(r.fix).toMatch(/Sender Authentication/);
  });
});
