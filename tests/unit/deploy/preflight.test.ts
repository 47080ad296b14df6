/**
 * The deploy preflight against the real local stand-ins (Stripe, Replicate, SendGrid), started
 * in-process on free ports: they answer the same APIs as the services, so each check's pass and
 * fail paths run over HTTP as they would against a real account.
 */
import { PLANS } from '@likeness/core';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  generateLocalSecrets,
  startStandins,
  type Standins,
} from '../../../packages/devstack/src/standins.js';
import type { DeploymentObject } from '../../../packages/devstack/src/replicate/deployments.js';
import { parseProjectConfig } from '../../../scripts/deploy/config.mjs';
import {
  checkAppHostingEnv,
  checkBaseModelLicence,
  checkFunctionsEnv,
  checkMailSender,
  checkPredictorDeployment,
  checkReplicateModels,
  checkSecrets,
  checkStripePrices,
  checkStripeWebhook,
  createStripeWebhook,
  declaredSecrets,
  handledStripeEvents,
  runPreflight,
  WEB_PUBLIC_ENV,
} from '../../../scripts/deploy/preflight.mjs';
import { readAppHostingYamls } from '../../../scripts/deploy/context.mjs';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const PROJECT = 'likeness-test';
const FUNCTIONS = `https://us-central1-${PROJECT}.cloudfunctions.net`;
const TRAINER = 'likeness/flux-lora-trainer';
const DESTINATION = 'likeness/customer-loras';
const PREDICTOR_VERSION = 'predictor0001';

const baseConfig = {
  webUrl: 'https://studio.example.org',
  appHostingBackend: 'web',
  replicate: {
    predictorModel: 'likeness/flux-headshots',
    predictor: { deployment: 'likeness/flux-headshots-warm', minInstances: 1, maxInstances: 3 },
  },
  baseModel: { name: 'FLUX.1-schnell', commercialLicence: null },
  monitoring: { gpuSpendPerDayUsd: 100 },
  backups: { dailyRetentionDays: 7 },
};
const configWith = (over: Record<string, unknown> = {}) =>
  parseProjectConfig({ projects: { [PROJECT]: { ...baseConfig, ...over } } }, PROJECT);

let standins: Standins;
let dataDir: string;
const secrets = generateLocalSecrets();

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'preflight-test-'));
  standins = await startStandins({
    dataDir,
    ports: { blob: 0, stripe: 0, replicate: 0, mail: 0 },
    secrets,
    stripeWebhookUrl: `${FUNCTIONS}/stripeWebhook`,
    replicate: {
      existingModels: [TRAINER, DESTINATION],
      predictorVersion: PREDICTOR_VERSION,
      trainerVersionRef: `${TRAINER}:trainer0001`,
    },
    mail: {
      senders: [
        { email: 'Studio@example.org', verified: true },
        { email: 'pending@example.org', verified: false },
      ],
      domains: [
        { domain: 'brand.example', valid: true },
        { domain: 'unproven.example', valid: false },
      ],
    },
    log: () => () => undefined,
  });
});

afterAll(async () => {
  await standins?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

function ctx(over: Record<string, unknown> = {}, env: Record<string, string> = {}) {
  return {
    project: PROJECT,
    config: configWith(),
    requiredSecrets: declaredSecrets(root),
    stripeEvents: handledStripeEvents(root),
    secrets: {
      STRIPE_SECRET_KEY: secrets.stripeSecretKey,
      STRIPE_WEBHOOK_SECRET: secrets.stripeWebhookSecret,
      REPLICATE_API_TOKEN: secrets.replicateApiToken,
      REPLICATE_WEBHOOK_SECRET: secrets.replicateWebhookSecret,
      SENDGRID_API_KEY: secrets.sendgridApiKey,
      EMAIL_LINK_SECRET: secrets.emailLinkSecret,
    },
    env: {
      LIKENESS_ENV: 'production',
      FUNCTIONS_BASE_URL: FUNCTIONS,
      REPLICATE_TRAINER: `${TRAINER}:trainer0001`,
      REPLICATE_DESTINATION: DESTINATION,
      REPLICATE_PREDICTOR_VERSION: PREDICTOR_VERSION,
      MAIL_FROM: 'studio@example.org',
      ...env,
    },
    apis: {
      stripe: standins.urls.stripe,
      replicate: `${standins.urls.replicate}/v1`,
      sendgrid: standins.urls.mail,
    },
    plans: Object.values(PLANS),
    apphostingYamls: [],
    ...over,
  };
}

async function stripePost(path: string, form: Record<string, string>) {
  const res = await fetch(`${standins.urls.stripe}${path}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${secrets.stripeSecretKey}` },
    body: new URLSearchParams(form),
  });
  expect(res.status).toBe(200);
  return res.json();
}

/** A call to the Replicate stand-in's API, as the replicate client (or curl) makes it. */
async function replicateCall(method: string, path: string, body?: unknown) {
  const res = await fetch(`${standins.urls.replicate}/v1${path}`, {
    method,
    headers: { Authorization: `Bearer ${secrets.replicateApiToken}`, 'Content-Type': 'application/json' },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  // A deployment when it succeeds; the tests look at the status of anything else.
  return { status: res.status, body: (await res.json()) as DeploymentObject };
}

describe('what the preflight reads from the code', () => {
  it('requires every secret the functions declare and every Stripe event they handle', () => {
    expect(declaredSecrets(root)).toEqual(
      expect.arrayContaining(['STRIPE_SECRET_KEY', 'STRIPE_WEBHOOK_SECRET', 'SENDGRID_API_KEY']),
    );
    expect(handledStripeEvents(root)).toEqual(
      expect.arrayContaining([
        'checkout.session.completed',
        'checkout.session.async_payment_succeeded',
        'charge.refunded',
        'charge.dispute.created',
      ]),
    );
  });
});

describe('secrets', () => {
  it('names each missing or malformed secret', () => {
    const c = ctx();
    const r = checkSecrets({
      ...c,
      secrets: { ...c.secrets, SENDGRID_API_KEY: '', REPLICATE_API_TOKEN: 'nope' },
    });
    expect(r.verdict).toBe('fail');
    expect(r.details.join('\n')).toMatch(/not set: SENDGRID_API_KEY/);
    expect(r.details.join('\n')).toMatch(/expected shape: REPLICATE_API_TOKEN/);
  });

  it('warns that a test-mode Stripe key takes no real payments', () => {
    const r = checkSecrets(ctx());
    expect(r.verdict).toBe('warn');
    expect(r.details[0]).toMatch(/test-mode key/);
    const live = ctx();
    expect(
      checkSecrets({ ...live, secrets: { ...live.secrets, STRIPE_SECRET_KEY: 'sk_live_abcdefgh' } }).verdict,
    ).toBe('pass');
  });
});

describe('Stripe webhook endpoint', () => {
  it('passes when the functions URL is registered for the handled events', async () => {
    const r = await checkStripeWebhook(ctx());
    expect(r.verdict).toBe('pass');
  });

  it('fails when no endpoint points at the functions, and creating one fixes it', async () => {
    const c = ctx({}, { FUNCTIONS_BASE_URL: 'https://us-central1-other-project.cloudfunctions.net' });
    const before = await checkStripeWebhook(c);
    expect(before.verdict).toBe('fail');
    expect(before.details[0]).toMatch(/no endpoint is registered for https:\/\/us-central1-other-project/);
    expect(before.fix).toMatch(/--create-stripe-webhook/);
    const created = await createStripeWebhook(c);
    expect(created.secret).toMatch(/^whsec_/);
    expect(created.enabled_events).toEqual(handledStripeEvents(root));
    expect((await checkStripeWebhook(c)).verdict).toBe('pass');
  });

  it('names the handled events an endpoint does not receive', async () => {
    const base = 'https://us-central1-partial-project.cloudfunctions.net';
    await stripePost('/v1/webhook_endpoints', {
      url: `${base}/stripeWebhook`,
      'enabled_events[0]': 'checkout.session.completed',
    });
    const r = await checkStripeWebhook(ctx({}, { FUNCTIONS_BASE_URL: base }));
    expect(r.verdict).toBe('fail');
    expect(r.details[0]).toMatch(/does not receive: checkout\.session\.async_payment_succeeded/);
    expect(r.details[0]).not.toMatch(/: checkout\.session\.completed/);
  });
});

describe('Stripe prices', () => {
  const localPrices = (plan: (typeof PLANS)[keyof typeof PLANS]) =>
    Object.fromEntries(
      Object.entries(plan.prices)
        .filter(([c]) => c !== plan.currency)
        .map(([c, a]) => [`currency_options[${c}][unit_amount]`, String(a)]),
    );

  it('fails for plans without a price, and for a price at the wrong amount, then passes once right', async () => {
    const before = await checkStripePrices(ctx());
    expect(before.verdict).toBe('fail');
    expect(before.details).toHaveLength(Object.keys(PLANS).length);
    expect(before.fix).toMatch(/stripe-sync-prices/);

    const plans = Object.values(PLANS);
    for (const [i, plan] of plans.entries()) {
      const product = await stripePost('/v1/products', { name: plan.name });
      await stripePost('/v1/prices', {
        product: product.id,
        currency: plan.currency,
        unit_amount: String(i === 0 ? plan.priceCents + 100 : plan.priceCents),
        lookup_key: plan.lookupKey,
        ...localPrices(plan),
      });
    }
    const wrong = await checkStripePrices(ctx());
    expect(wrong.verdict).toBe('fail');
    expect(wrong.details).toEqual([
      expect.stringMatching(
        new RegExp(`^${plans[0]!.lookupKey}: .* charges ${plans[0]!.priceCents + 100} usd`),
      ),
    ]);

    const product = await stripePost('/v1/products', { name: 'fixed' });
    // Right in dollars, but without the local prices.
    await stripePost('/v1/prices', {
      product: product.id,
      currency: plans[0]!.currency,
      unit_amount: String(plans[0]!.priceCents),
      lookup_key: plans[0]!.lookupKey,
      transfer_lookup_key: 'true',
    });
    const noLocal = await checkStripePrices(ctx());
    expect(noLocal.verdict).toBe('fail');
    expect(noLocal.details).toEqual([
      expect.stringMatching(
        new RegExp(`^${plans[0]!.lookupKey}: .* does not charge the plan's 3900 cad, 2500 gbp, 4500 aud`),
      ),
    ]);
    await stripePost('/v1/prices', {
      product: product.id,
      currency: plans[0]!.currency,
      unit_amount: String(plans[0]!.priceCents),
      lookup_key: plans[0]!.lookupKey,
      transfer_lookup_key: 'true',
      ...localPrices(plans[0]!),
    });
    const after = await checkStripePrices(ctx());
    expect(after.verdict).toBe('pass');
    expect(after.details).toHaveLength(plans.length);
  });
});

describe('Replicate models and the predictor deployment', () => {
  it('passes for the trainer, destination and predictor that exist and are private', async () => {
    const r = await checkReplicateModels(ctx());
    expect(r.verdict).toBe('pass');
    expect(r.details).toHaveLength(3);
  });

  it('names a missing model and a missing version', async () => {
    const r = await checkReplicateModels(
      ctx({}, { REPLICATE_DESTINATION: 'likeness/nowhere', REPLICATE_PREDICTOR_VERSION: 'gone0001' }),
    );
    expect(r.verdict).toBe('fail');
    expect(r.details.join('\n')).toMatch(/training destination likeness\/nowhere: does not exist/);
    expect(r.details.join('\n')).toMatch(/predictor likeness\/flux-headshots: version gone0001 not found/);
  });

  it('fails when the deployment does not exist; created as the fix says, it passes', async () => {
    const r = await checkPredictorDeployment(ctx());
    expect(r.verdict).toBe('fail');
    expect(r.details[0]).toMatch(/deployment likeness\/flux-headshots-warm does not exist/);
    expect(r.fix).toMatch(/"max_instances":3/);

    // The fix is the request to make: POST /v1/deployments with that body.
    const body = JSON.parse(/POST \S+ (\{.*\})$/.exec(r.fix)![1]!);
    const created = await replicateCall('POST', '/deployments', body);
    expect(created.status).toBe(201);
    expect(created.body.current_release).toMatchObject({
      number: 1,
      model: 'likeness/flux-headshots',
      version: PREDICTOR_VERSION,
      configuration: { hardware: 'gpu-h100', min_instances: 0, max_instances: 3 },
    });
    const idle = await checkPredictorDeployment(ctx());
    expect(idle.verdict).toBe('pass');
    expect(idle.details[0]).toBe(
      `likeness/flux-headshots-warm serves likeness/flux-headshots:${PREDICTOR_VERSION} on gpu-h100, 0–3 instances`,
    );
    // Creating it twice is refused, as on Replicate.
    expect((await replicateCall('POST', '/deployments', body)).status).toBe(409);
  });

  it('passes at the warm size too, and names a pool sized other than the config and a version not served', async () => {
    const warm = await replicateCall('PATCH', '/deployments/likeness/flux-headshots-warm', {
      min_instances: 1,
    });
    expect(warm.status).toBe(200);
    expect(warm.body.current_release.number).toBe(2);
    expect((await checkPredictorDeployment(ctx())).details[0]).toMatch(/gpu-h100, 1–3 instances$/);

    const oversized = await replicateCall('PATCH', '/deployments/likeness/flux-headshots-warm', {
      min_instances: 5,
      max_instances: 8,
    });
    expect(oversized.body.current_release).toMatchObject({
      number: 3,
      configuration: { min_instances: 5, max_instances: 8 },
    });
    const r = await checkPredictorDeployment(ctx({}, { REPLICATE_PREDICTOR_VERSION: 'newer0002' }));
    expect(r.verdict).toBe('fail');
    expect(r.details).toEqual([
      `serves version ${PREDICTOR_VERSION}, not newer0002`,
      'max_instances is 8, config says 3',
      'min_instances is 5, config says 0 idle / 1 while generating',
    ]);
    expect(r.fix).toMatch(/PATCH .*\/deployments\/likeness\/flux-headshots-warm/);
    // The stand-in refuses what Replicate refuses: a version the model lacks, min above max.
    expect(
      (await replicateCall('PATCH', '/deployments/likeness/flux-headshots-warm', { version: 'newer0002' }))
        .status,
    ).toBe(404);
    expect(
      (await replicateCall('PATCH', '/deployments/likeness/flux-headshots-warm', { min_instances: 9 }))
        .status,
    ).toBe(422);
    await replicateCall('PATCH', '/deployments/likeness/flux-headshots-warm', {
      min_instances: 0,
      max_instances: 3,
    });
    expect((await checkPredictorDeployment(ctx())).verdict).toBe('pass');
  });

  it('fails when predictions run by bare version (cold start per prediction)', async () => {
    const c = ctx({
      config: configWith({
        replicate: { predictorModel: 'likeness/flux-headshots', predictor: { version: PREDICTOR_VERSION } },
      }),
    });
    const r = await checkPredictorDeployment(c);
    expect(r.verdict).toBe('fail');
    expect(r.details[0]).toMatch(/cold starts/);
  });
});

describe('email sender', () => {
  it('passes for a verified single sender (any letter case) or a sender on an authenticated domain', async () => {
    expect(await checkMailSender(ctx())).toMatchObject({
      verdict: 'pass',
      details: ['studio@example.org is a verified single sender'],
    });
    expect(await checkMailSender(ctx({}, { MAIL_FROM: 'hello@brand.example' }))).toMatchObject({
      verdict: 'pass',
      details: ['brand.example is an authenticated domain'],
    });
  });

  it('fails for a sender awaiting verification, or on a domain whose DNS records are not found', async () => {
    for (const from of ['pending@example.org', 'hello@unproven.example', 'nobody@elsewhere.example']) {
      const r = await checkMailSender(ctx({}, { MAIL_FROM: from }));
      expect(r.verdict).toBe('fail');
      expect(r.details).toEqual([`${from} is neither a verified sender nor on an authenticated domain`]);
      expect(r.fix).toMatch(/Sender Authentication/);
    }
  });

  it('says plainly it cannot verify when SendGrid refuses the key', async () => {
    const c = ctx();
    const r = await checkMailSender({ ...c, secrets: { ...c.secrets, SENDGRID_API_KEY: 'SG.wrong.key' } });
    expect(r.verdict).toBe('warn');
    expect(r.details[0]).toMatch(/cannot verify: .* answered 401 to \/v3\/verified_senders and 401/);
  });
});

describe('functions environment', () => {
  const production = {
    PUBLIC_WEB_URL: 'https://studio.example.org',
    BLOB_DRIVER: 'gcs',
    BLOB_BUCKET: 'b',
    REPLICATE_PREDICTOR_DEPLOYMENT: 'likeness/flux-headshots-warm',
    PREDICTOR_WARM_INSTANCES: '1',
    PREDICTOR_IDLE_INSTANCES: '0',
  };

  it('passes when the functions route predictions through the configured deployment and pool sizes', () => {
    expect(checkFunctionsEnv(ctx({}, production)).verdict).toBe('pass');
  });

  it('names a deployment or pool size that differs from deploy.config.json', () => {
    const r = checkFunctionsEnv(
      ctx({}, { ...production, REPLICATE_PREDICTOR_DEPLOYMENT: '', PREDICTOR_WARM_INSTANCES: '4' }),
    );
    expect(r.verdict).toBe('fail');
    expect(r.details).toEqual([
      'REPLICATE_PREDICTOR_DEPLOYMENT is "", deploy.config.json says "likeness/flux-headshots-warm"',
      'PREDICTOR_WARM_INSTANCES is "4", deploy.config.json says "1"',
    ]);
  });
});

describe('base model licence', () => {
  const licence = (baseModel: unknown, cogBaseModel?: string) =>
    checkBaseModelLicence({ ...ctx({ config: configWith({ baseModel }) }), cogBaseModel });

  it('refuses FLUX.1-dev without a stated commercial licence', () => {
    const r = licence({ name: 'FLUX.1-dev', commercialLicence: null });
    expect(r.verdict).toBe('fail');
    expect(r.details[0]).toMatch(/Non-Commercial/);
    expect(r.fix).toMatch(/FLUX\.1-schnell/);
  });

  it('accepts FLUX.1-dev with a stated licence, and a permissive base without one', () => {
    const stated = { holder: 'Studio Ltd', grantedBy: 'Black Forest Labs', reference: 'BFL-2026-001' };
    expect(licence({ name: 'FLUX.1-dev', commercialLicence: stated }, 'FLUX.1-dev').verdict).toBe('pass');
    expect(licence({ name: 'FLUX.1-schnell', commercialLicence: null }, 'FLUX.1-schnell').verdict).toBe(
      'pass',
    );
  });

  it('fails when the predictor image is built on another base than the config states', () => {
    const r = licence({ name: 'FLUX.1-schnell', commercialLicence: null }, 'FLUX.1-dev');
    expect(r.verdict).toBe('fail');
    expect(r.details[0]).toMatch(/built on FLUX\.1-dev/);
  });
});

describe('App Hosting environment', () => {
  it('gives the web build every variable its production configuration requires', () => {
    const src = readFileSync(join(root, 'apps/web/src/lib/config.ts'), 'utf8');
    const production = src.slice(src.indexOf('const ProductionEnv'));
    const required = [...production.slice(0, production.indexOf('});')).matchAll(/(NEXT_PUBLIC_\w+):/g)].map(
      (m) => m[1],
    );
    expect(required.length).toBeGreaterThan(5);
    expect(WEB_PUBLIC_ENV).toEqual(expect.arrayContaining(required));
    const committed = readAppHostingYamls(root, 'none')[0].env.map((e: { variable: string }) => e.variable);
    expect(committed).toEqual(expect.arrayContaining(WEB_PUBLIC_ENV));
  });

  it('refuses the committed placeholders and passes once a per-environment file fills them', () => {
    const committed = readAppHostingYamls(root, 'none');
    expect(committed).toHaveLength(1);
    const placeholder = checkAppHostingEnv(ctx({ apphostingYamls: committed }));
    expect(placeholder.verdict).toBe('fail');
    expect(placeholder.details.join('\n')).toMatch(
      /NEXT_PUBLIC_FIREBASE_API_KEY still holds the placeholder/,
    );

    const values: Record<string, string> = {
      NEXT_PUBLIC_SITE_URL: 'https://studio.example.org',
      NEXT_PUBLIC_FIREBASE_API_KEY: 'AIzaSyTestTestTestTest',
      NEXT_PUBLIC_FIREBASE_AUTH_DOMAIN: `${PROJECT}.firebaseapp.com`,
      NEXT_PUBLIC_FIREBASE_PROJECT_ID: PROJECT,
      NEXT_PUBLIC_FIREBASE_APP_ID: '1:1:web:1',
      NEXT_PUBLIC_RECAPTCHA_SITE_KEY: '6Ltest',
      NEXT_PUBLIC_CONTACT_EMAIL: 'privacy@studio.org',
    };
    const override = { env: Object.entries(values).map(([variable, value]) => ({ variable, value })) };
    expect(checkAppHostingEnv(ctx({ apphostingYamls: [...committed, override] })).verdict).toBe('pass');

    const otherProject = { env: [{ variable: 'NEXT_PUBLIC_FIREBASE_PROJECT_ID', value: 'someone-else' }] };
    const wrong = checkAppHostingEnv(ctx({ apphostingYamls: [...committed, override, otherProject] }));
    expect(wrong.details).toEqual([
      `NEXT_PUBLIC_FIREBASE_PROJECT_ID is someone-else, deploying to ${PROJECT}`,
    ]);
  });
});

describe('runPreflight', () => {
  it('turns a check that throws (service unreachable) into a failure with the reason', async () => {
    // A port that was free a moment ago: nothing listens there.
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const closed = `http://127.0.0.1:${(probe.address() as AddressInfo).port}`;
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    const c = ctx({ apis: { stripe: closed, replicate: closed, sendgrid: closed } });
    const [r] = await runPreflight(c, [checkStripePrices]);
    expect(r.verdict).toBe('fail');
    expect(r.title).toBe('Stripe prices for every plan and currency');
    expect(r.details[0]).toBe(`could not run: ${closed}/v1/prices is unreachable (ECONNREFUSED)`);
  });
});

describe('deploy.config.json', () => {
  it('the committed file is valid and states the licence position explicitly', async () => {
    const { loadProjectConfig } = await import('../../../scripts/deploy/config.mjs');
    const c = loadProjectConfig(root, 'likeness-prod');
    expect(c.baseModel).toHaveProperty('commercialLicence');
  });

  it('names each invalid field', () => {
    expect(() =>
      parseProjectConfig(
        { projects: { [PROJECT]: { ...baseConfig, webUrl: 'http://x.org', baseModel: { name: 'SDXL' } } } },
        PROJECT,
      ),
    ).toThrow(/webUrl must be an https URL[\s\S]*baseModel\.name/);
    expect(() => parseProjectConfig({ projects: {} }, PROJECT)).toThrow(
      /no entry for project "likeness-test"/,
    );
  });
});
