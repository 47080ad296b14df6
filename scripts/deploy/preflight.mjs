// The deploy preflight: each check is a small function that asks one service (or reads one file) and
// answers a verdict with what is missing in words and how to fix it. Every network call goes through
// the base URLs in `ctx.apis`, so the same checks run against the real services and, in tests and
// `--dry-run --standins`, against the local stand-ins that answer the same APIs.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { BASE_MODELS } from './config.mjs';

/** @typedef {'pass' | 'warn' | 'fail'} Verdict */
/** @typedef {{ id: string, title: string, verdict: Verdict, details: string[], fix?: string }} CheckResult */

export const PRODUCTION_APIS = {
  stripe: 'https://api.stripe.com',
  replicate: 'https://api.replicate.com/v1',
  sendgrid: 'https://api.sendgrid.com',
};

/** The secret names the functions declare (functions/src/shared/secrets.ts), read from the code. */
export function declaredSecrets(root) {
  const src = readFileSync(join(root, 'functions/src/shared/secrets.ts'), 'utf8');
  return [...src.matchAll(/defineSecret\('([A-Z0-9_]+)'\)/g)].map((m) => m[1]);
}

/** The Stripe event types the webhook acts on (the cases of handleStripeEvent), read from the code. */
export function handledStripeEvents(root) {
  const src = readFileSync(join(root, 'functions/src/checkout/stripe-events.ts'), 'utf8');
  const body = src.slice(src.indexOf('export async function handleStripeEvent'));
  return [...body.matchAll(/case '([a-z_.]+)':/g)].map((m) => m[1]);
}

const result = (id, title, verdict, details, fix) => ({
  id,
  title,
  verdict,
  details,
  ...(fix ? { fix } : {}),
});

async function getJson(ctx, url, headers) {
  let res;
  try {
    res = await (ctx.fetch ?? fetch)(url, { headers });
  } catch (e) {
    throw new Error(
      `${url.split('?')[0]} is unreachable (${e.cause?.code ?? e.cause?.message ?? e.message})`,
      { cause: e },
    );
  }
  const text = await res.text();
  let body;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    body = { raw: text.slice(0, 200) };
  }
  return { status: res.status, body };
}

const stripeHeaders = (ctx) => ({ Authorization: `Bearer ${ctx.secrets.STRIPE_SECRET_KEY}` });
const replicateHeaders = (ctx) => ({ Authorization: `Bearer ${ctx.secrets.REPLICATE_API_TOKEN}` });
const sendgridHeaders = (ctx) => ({ Authorization: `Bearer ${ctx.secrets.SENDGRID_API_KEY}` });

const SECRET_SHAPES = {
  STRIPE_SECRET_KEY: /^(sk|rk)_(live|test)_\w+$/,
  STRIPE_WEBHOOK_SECRET: /^whsec_\w+$/,
  REPLICATE_API_TOKEN: /^r8_\w+$/,
  REPLICATE_WEBHOOK_SECRET: /^whsec_[A-Za-z0-9+/]+={0,2}$/,
  SENDGRID_API_KEY: /^SG\.[\w-]+\.[\w-]+$/,
};

/** Every secret the functions declare is set (non-empty, of the right shape). */
export function checkSecrets(ctx) {
  const title = 'Secrets set in Secret Manager';
  const missing = ctx.requiredSecrets.filter((n) => !ctx.secrets[n]);
  const malformed = ctx.requiredSecrets.filter(
    (n) => ctx.secrets[n] && SECRET_SHAPES[n] && !SECRET_SHAPES[n].test(ctx.secrets[n]),
  );
  const details = [];
  if (missing.length) details.push(`not set: ${missing.join(', ')}`);
  const unreadable = Object.entries(ctx.secretErrors ?? {}).filter(([n]) => missing.includes(n));
  if (unreadable.length) details.push(`(reading ${unreadable[0][0]} answered: ${unreadable[0][1]})`);
  if (malformed.length) details.push(`not of the expected shape: ${malformed.join(', ')}`);
  if (missing.length || malformed.length) {
    return result(
      'secrets',
      title,
      'fail',
      details,
      `firebase functions:secrets:set <NAME> --project ${ctx.project} for each one named above`,
    );
  }
  if (/^(sk|rk)_test_/.test(ctx.secrets.STRIPE_SECRET_KEY ?? '')) {
    return result(
      'secrets',
      title,
      'warn',
      [
        `all ${ctx.requiredSecrets.length} set, but STRIPE_SECRET_KEY is a test-mode key: no real payment will be taken`,
      ],
      'set a live key (sk_live_… or a restricted rk_live_…) before taking customers',
    );
  }
  return result('secrets', title, 'pass', [
    `all ${ctx.requiredSecrets.length} set: ${ctx.requiredSecrets.join(', ')}`,
  ]);
}

/** The functions' production environment names the real services, not the stand-ins. */
export function checkFunctionsEnv(ctx) {
  const title = `Functions environment (functions/.env.${ctx.project})`;
  const need = [
    'PUBLIC_WEB_URL',
    'FUNCTIONS_BASE_URL',
    'BLOB_BUCKET',
    'REPLICATE_TRAINER',
    'REPLICATE_PREDICTOR_VERSION',
    'REPLICATE_DESTINATION',
    'MAIL_FROM',
  ];
  const details = [];
  const missing = need.filter((k) => !ctx.env[k]);
  if (missing.length) details.push(`missing: ${missing.join(', ')}`);
  if (ctx.env.LIKENESS_ENV !== 'production')
    details.push(`LIKENESS_ENV is "${ctx.env.LIKENESS_ENV ?? ''}", not "production"`);
  if (ctx.env.BLOB_DRIVER !== 'gcs') details.push(`BLOB_DRIVER is "${ctx.env.BLOB_DRIVER ?? ''}", not "gcs"`);
  const standins = ['STRIPE_API_BASE', 'REPLICATE_API_BASE', 'SENDGRID_API_BASE', 'BLOB_LOCAL_URL'].filter(
    (k) => ctx.env[k],
  );
  if (standins.length) details.push(`points at local stand-ins: ${standins.join(', ')} must not be set`);
  // The functions route predictions and size the warm pool from their own environment: it must say
  // what deploy.config.json says, or the preflight would pass a deployment nothing uses.
  const predictor = ctx.config.replicate.predictor;
  if ('deployment' in predictor) {
    const wanted = {
      REPLICATE_PREDICTOR_DEPLOYMENT: predictor.deployment,
      PREDICTOR_WARM_INSTANCES: String(predictor.minInstances),
      PREDICTOR_IDLE_INSTANCES: String(predictor.idleMinInstances),
    };
    for (const [k, v] of Object.entries(wanted)) {
      if (ctx.env[k] !== v) details.push(`${k} is "${ctx.env[k] ?? ''}", deploy.config.json says "${v}"`);
    }
  } else if (ctx.env.REPLICATE_PREDICTOR_DEPLOYMENT) {
    details.push(
      `REPLICATE_PREDICTOR_DEPLOYMENT is ${ctx.env.REPLICATE_PREDICTOR_DEPLOYMENT}, deploy.config.json runs by version`,
    );
  }
  if (
    ctx.env.PUBLIC_WEB_URL &&
    ctx.env.PUBLIC_WEB_URL.replace(/\/$/, '') !== ctx.config.webUrl.replace(/\/$/, '')
  ) {
    details.push(
      `PUBLIC_WEB_URL ${ctx.env.PUBLIC_WEB_URL} differs from deploy.config.json webUrl ${ctx.config.webUrl}`,
    );
  }
  if (details.length) {
    return result(
      'functions-env',
      title,
      'fail',
      details,
      `edit functions/.env.${ctx.project} (see README, Configuration and secrets)`,
    );
  }
  return result('functions-env', title, 'pass', ['production values, no stand-in URLs']);
}

export const stripeWebhookUrl = (ctx) => `${ctx.env.FUNCTIONS_BASE_URL.replace(/\/$/, '')}/stripeWebhook`;

/** Stripe delivers every event the webhook handles to the functions' endpoint. */
export async function checkStripeWebhook(ctx) {
  const title = 'Stripe webhook endpoint';
  if (!ctx.env.FUNCTIONS_BASE_URL) {
    return result('stripe-webhook', title, 'fail', [
      'FUNCTIONS_BASE_URL is not set, so the endpoint URL is unknown',
    ]);
  }
  const url = stripeWebhookUrl(ctx);
  const { status, body } = await getJson(
    ctx,
    `${ctx.apis.stripe}/v1/webhook_endpoints?limit=100`,
    stripeHeaders(ctx),
  );
  if (status !== 200) {
    return result('stripe-webhook', title, 'fail', [
      `listing webhook endpoints answered ${status}: ${body?.error?.message ?? ''}`,
    ]);
  }
  const fix = `rerun with --create-stripe-webhook to register ${url} for: ${ctx.stripeEvents.join(', ')} (then set STRIPE_WEBHOOK_SECRET to the secret it prints)`;
  const mine = body.data.filter((e) => e.url === url);
  if (mine.length === 0) {
    return result('stripe-webhook', title, 'fail', [`no endpoint is registered for ${url}`], fix);
  }
  const enabled = mine.filter((e) => e.status === 'enabled');
  if (enabled.length === 0) {
    return result(
      'stripe-webhook',
      title,
      'fail',
      [`the endpoint for ${url} is disabled`],
      'enable it in the Stripe dashboard (Developers → Webhooks)',
    );
  }
  const covered = new Set(enabled.flatMap((e) => e.enabled_events));
  const missing = covered.has('*') ? [] : ctx.stripeEvents.filter((t) => !covered.has(t));
  if (missing.length) {
    return result(
      'stripe-webhook',
      title,
      'fail',
      [`${url} does not receive: ${missing.join(', ')}`],
      'add those events to the endpoint in the Stripe dashboard, or delete it and rerun with --create-stripe-webhook',
    );
  }
  return result('stripe-webhook', title, 'pass', [
    `${enabled[0].id} → ${url}, receives all ${ctx.stripeEvents.length} handled events`,
  ]);
}

/** Registers the functions' endpoint for the handled events; returns the endpoint (with its secret). */
export async function createStripeWebhook(ctx) {
  const form = new URLSearchParams({
    url: stripeWebhookUrl(ctx),
    description: 'Likeness functions (npm run deploy)',
  });
  for (const t of ctx.stripeEvents) form.append('enabled_events[]', t);
  const res = await (ctx.fetch ?? fetch)(`${ctx.apis.stripe}/v1/webhook_endpoints`, {
    method: 'POST',
    headers: { ...stripeHeaders(ctx), 'Content-Type': 'application/x-www-form-urlencoded' },
    body: form,
  });
  const body = await res.json();
  if (!res.ok)
    throw new Error(`Stripe refused the webhook endpoint (${res.status}): ${body?.error?.message}`);
  return body;
}

/**
 * Each plan has an active one-time price under its lookup key, in its base currency at its amount,
 * with the plan's price in every other currency we sell in as a currency option (checkout charges
 * the order's currency from them).
 */
export async function checkStripePrices(ctx) {
  const title = 'Stripe prices for every plan and currency';
  const problems = [];
  const found = [];
  for (const plan of ctx.plans) {
    const q = new URLSearchParams({
      'lookup_keys[]': plan.lookupKey,
      active: 'true',
      limit: '10',
      // Stripe sends currency_options only when asked.
      'expand[]': 'data.currency_options',
    });
    const { status, body } = await getJson(ctx, `${ctx.apis.stripe}/v1/prices?${q}`, stripeHeaders(ctx));
    if (status !== 200) {
      problems.push(`${plan.lookupKey}: listing prices answered ${status} ${body?.error?.message ?? ''}`);
      continue;
    }
    const price = body.data[0];
    if (!price) {
      problems.push(`${plan.lookupKey}: no active price (plan ${plan.id}, ${plan.currency})`);
    } else if (
      price.currency !== plan.currency ||
      price.unit_amount !== plan.priceCents ||
      price.type !== 'one_time'
    ) {
      problems.push(
        `${plan.lookupKey}: ${price.id} charges ${price.unit_amount} ${price.currency} (${price.type}), the plan costs ${plan.priceCents} ${plan.currency} one-time`,
      );
    } else {
      const missing = Object.entries(plan.prices ?? {}).filter(
        ([c, amount]) => c !== plan.currency && price.currency_options?.[c]?.unit_amount !== amount,
      );
      if (missing.length > 0) {
        problems.push(
          `${plan.lookupKey}: ${price.id} does not charge the plan's ${missing.map(([c, a]) => `${a} ${c}`).join(', ')} (currency_options)`,
        );
      } else found.push(`${plan.lookupKey} → ${price.id}`);
    }
  }
  if (problems.length) {
    return result(
      'stripe-prices',
      title,
      'fail',
      problems,
      'STRIPE_SECRET_KEY=… node scripts/stripe-sync-prices.mjs (creates or repairs them; --dry-run to preview)',
    );
  }
  return result('stripe-prices', title, 'pass', found);
}

async function replicateModel(ctx, ref) {
  return getJson(ctx, `${ctx.apis.replicate}/models/${ref}`, replicateHeaders(ctx));
}

/** The trainer, the training destination and the predictor exist on the account and are private. */
export async function checkReplicateModels(ctx) {
  const title = 'GPU provider models (Replicate) exist and are private';
  const [trainerRef, trainerVersion] = (ctx.env.REPLICATE_TRAINER ?? '').split(':');
  const wanted = [
    { role: 'trainer', ref: trainerRef, version: trainerVersion },
    { role: 'training destination', ref: ctx.env.REPLICATE_DESTINATION },
    {
      role: 'predictor',
      ref: ctx.config.replicate.predictorModel,
      version: ctx.env.REPLICATE_PREDICTOR_VERSION,
    },
  ];
  const problems = [];
  const ok = [];
  for (const w of wanted) {
    if (!w.ref) {
      problems.push(`${w.role}: not configured`);
      continue;
    }
    const { status, body } = await replicateModel(ctx, w.ref);
    if (status === 404) {
      problems.push(
        `${w.role} ${w.ref}: does not exist (create it: replicate.com/create, visibility private)`,
      );
      continue;
    }
    if (status !== 200) {
      problems.push(`${w.role} ${w.ref}: the API answered ${status} ${body?.detail ?? ''}`);
      continue;
    }
    if (body.visibility !== 'private') {
      problems.push(
        `${w.role} ${w.ref}: is ${body.visibility}; customers' models and our weights must be private`,
      );
      continue;
    }
    if (w.version) {
      const v = await getJson(
        ctx,
        `${ctx.apis.replicate}/models/${w.ref}/versions/${w.version}`,
        replicateHeaders(ctx),
      );
      if (v.status !== 200) {
        problems.push(
          `${w.role} ${w.ref}: version ${w.version} not found (push it with cog push, then update functions/.env.${ctx.project})`,
        );
        continue;
      }
    }
    ok.push(`${w.role} ${w.ref}${w.version ? `:${w.version}` : ''} (private)`);
  }
  if (problems.length) return result('replicate-models', title, 'fail', [...problems, ...ok]);
  return result('replicate-models', title, 'pass', ok);
}

/** The predictor runs behind a deployment whose warm pool is sized as deploy.config.json says. */
export async function checkPredictorDeployment(ctx) {
  const title = 'Predictor deployment with a warm pool';
  const p = ctx.config.replicate.predictor;
  if (!('deployment' in p)) {
    return result(
      'replicate-deployment',
      title,
      'fail',
      [
        `predictions are configured to run by bare version ${p.version}: each order would pay cold starts (~34 GB of weights per start)`,
      ],
      'set replicate.predictor.deployment (owner/name), minInstances and maxInstances in deploy.config.json',
    );
  }
  const { status, body } = await getJson(
    ctx,
    `${ctx.apis.replicate}/deployments/${p.deployment}`,
    replicateHeaders(ctx),
  );
  const create =
    `create it: POST ${ctx.apis.replicate}/deployments {"name":"${p.deployment.split('/')[1]}","model":"${ctx.config.replicate.predictorModel}",` +
    `"version":"${ctx.env.REPLICATE_PREDICTOR_VERSION}","hardware":"${p.hardware}","min_instances":${p.idleMinInstances},"max_instances":${p.maxInstances}}`;
  if (status === 404)
    return result(
      'replicate-deployment',
      title,
      'fail',
      [`deployment ${p.deployment} does not exist`],
      create,
    );
  if (status !== 200) {
    return result('replicate-deployment', title, 'fail', [
      `reading deployment ${p.deployment} answered ${status} ${body?.detail ?? ''}`,
    ]);
  }
  const release = body.current_release ?? {};
  const conf = release.configuration ?? {};
  const problems = [];
  if (release.model !== ctx.config.replicate.predictorModel)
    problems.push(`serves model ${release.model}, not ${ctx.config.replicate.predictorModel}`);
  if (release.version !== ctx.env.REPLICATE_PREDICTOR_VERSION)
    problems.push(`serves version ${release.version}, not ${ctx.env.REPLICATE_PREDICTOR_VERSION}`);
  if (conf.max_instances !== p.maxInstances)
    problems.push(`max_instances is ${conf.max_instances}, config says ${p.maxInstances}`);
  if (conf.min_instances !== p.idleMinInstances && conf.min_instances !== p.minInstances) {
    problems.push(
      `min_instances is ${conf.min_instances}, config says ${p.idleMinInstances} idle / ${p.minInstances} while generating`,
    );
  }
  if (problems.length) {
    return result(
      'replicate-deployment',
      title,
      'fail',
      problems,
      `update it: PATCH ${ctx.apis.replicate}/deployments/${p.deployment} with the values above`,
    );
  }
  return result('replicate-deployment', title, 'pass', [
    `${p.deployment} serves ${release.model}:${release.version} on ${conf.hardware}, ${conf.min_instances}–${conf.max_instances} instances`,
  ]);
}

/** SendGrid will send as MAIL_FROM: a verified single sender, or an authenticated domain. */
export async function checkMailSender(ctx) {
  const title = 'Email sender verified (SendGrid)';
  const from = (ctx.env.MAIL_FROM ?? '').toLowerCase();
  if (!from) return result('mail-sender', title, 'fail', ['MAIL_FROM is not set']);
  const domain = from.split('@')[1];
  const senders = await getJson(ctx, `${ctx.apis.sendgrid}/v3/verified_senders`, sendgridHeaders(ctx));
  if (senders.status === 200) {
    const s = (senders.body?.results ?? []).find((x) => String(x.from_email).toLowerCase() === from);
    if (s?.verified) return result('mail-sender', title, 'pass', [`${from} is a verified single sender`]);
  }
  const domains = await getJson(ctx, `${ctx.apis.sendgrid}/v3/whitelabel/domains`, sendgridHeaders(ctx));
  if (domains.status === 200) {
    const d = (Array.isArray(domains.body) ? domains.body : []).find(
      (x) => String(x.domain).toLowerCase() === domain,
    );
    if (d?.valid) return result('mail-sender', title, 'pass', [`${domain} is an authenticated domain`]);
  }
  const how =
    'SendGrid → Settings → Sender Authentication: authenticate the domain (DKIM/SPF records) or verify the single sender';
  if (senders.status === 200 || domains.status === 200) {
    return result(
      'mail-sender',
      title,
      'fail',
      [`${from} is neither a verified sender nor on an authenticated domain`],
      how,
    );
  }
  return result(
    'mail-sender',
    title,
    'warn',
    [
      `cannot verify: ${ctx.apis.sendgrid} answered ${senders.status} to /v3/verified_senders and ${domains.status} to /v3/whitelabel/domains`,
      'the API key may be wrong or lack the sender-verification scopes (verified_senders.read, whitelabel.read)',
    ],
    `check by hand: ${how}`,
  );
}

/** The base model may be used commercially: permissive, or the operator states they hold a licence. */
export function checkBaseModelLicence(ctx) {
  const title = 'Base model licence';
  const { name, commercialLicence } = ctx.config.baseModel;
  const known = BASE_MODELS[name];
  const problems = [];
  if (ctx.cogBaseModel && ctx.cogBaseModel !== name) {
    problems.push(
      `the predictor is built on ${ctx.cogBaseModel} (cog-model/base_model.json) but deploy.config.json says ${name}`,
    );
  }
  if (known.commercialUse === 'needs-licence' && !commercialLicence) {
    problems.push(
      `${name} is under the ${known.licence}: its weights and outputs may not be sold without a commercial licence from its maker`,
    );
    return result(
      'base-model-licence',
      title,
      'fail',
      problems,
      'either state the licence you hold in deploy.config.json (baseModel.commercialLicence: holder, grantedBy, reference) or choose a permissively licensed base (FLUX.1-schnell, Apache-2.0) in both deploy.config.json and cog-model/base_model.json',
    );
  }
  if (problems.length) return result('base-model-licence', title, 'fail', problems);
  return result('base-model-licence', title, 'pass', [
    commercialLicence
      ? `${name}: licence stated by ${commercialLicence.holder} from ${commercialLicence.grantedBy} (${commercialLicence.reference})`
      : `${name}: ${known.licence}, commercial use permitted`,
  ]);
}

// The web app's production configuration (apps/web/src/lib/config.ts) needs these at build time.
export const WEB_PUBLIC_ENV = [
  'NEXT_PUBLIC_LIKENESS_ENV',
  'NEXT_PUBLIC_SITE_URL',
  'NEXT_PUBLIC_FIREBASE_API_KEY',
  'NEXT_PUBLIC_FIREBASE_AUTH_DOMAIN',
  'NEXT_PUBLIC_FIREBASE_PROJECT_ID',
  'NEXT_PUBLIC_FIREBASE_APP_ID',
  'NEXT_PUBLIC_RECAPTCHA_SITE_KEY',
  'NEXT_PUBLIC_CONTACT_EMAIL',
];

export function parseYaml(root, text) {
  // yaml is a dependency of firebase-tools, which the repository already installs.
  const { parse } = createRequire(
    createRequire(join(root, 'package.json')).resolve('firebase-tools/package.json'),
  )('yaml');
  return parse(text);
}

/**
 * apphosting.yaml (plus its per-project apphosting.<project>.yaml, which App Hosting merges over it)
 * gives the web build every public variable, for the right project, in production mode.
 */
export function checkAppHostingEnv(ctx) {
  const title = 'App Hosting environment (apphosting.yaml)';
  const env = new Map();
  for (const doc of ctx.apphostingYamls) for (const e of doc?.env ?? []) env.set(e.variable, e);
  const problems = [];
  for (const name of WEB_PUBLIC_ENV) {
    const e = env.get(name);
    if (!e || (e.value === undefined && e.secret === undefined)) problems.push(`${name} is not set`);
    else if (e.availability && !e.availability.includes('BUILD'))
      problems.push(`${name} is not available at BUILD (Next.js inlines it then)`);
    else if (typeof e.value === 'string' && /REPLACE|example\.com|^demo-/.test(e.value))
      problems.push(`${name} still holds the placeholder "${e.value}"`);
  }
  if (env.get('NEXT_PUBLIC_LIKENESS_ENV')?.value !== 'production')
    problems.push('NEXT_PUBLIC_LIKENESS_ENV must be "production"');
  const pid = env.get('NEXT_PUBLIC_FIREBASE_PROJECT_ID')?.value;
  if (pid && pid !== ctx.project)
    problems.push(`NEXT_PUBLIC_FIREBASE_PROJECT_ID is ${pid}, deploying to ${ctx.project}`);
  if (problems.length) {
    return result(
      'apphosting-env',
      title,
      'fail',
      problems,
      `set them in apps/web/apphosting.${ctx.config.appHostingEnvironment}.yaml (values from Firebase console → Project settings → Your apps)`,
    );
  }
  return result('apphosting-env', title, 'pass', [
    `${WEB_PUBLIC_ENV.length} public variables set for ${ctx.project}`,
  ]);
}

const TITLES = new Map([
  [checkStripeWebhook, 'Stripe webhook endpoint'],
  [checkStripePrices, 'Stripe prices for every plan and currency'],
  [checkReplicateModels, 'GPU provider models (Replicate) exist and are private'],
  [checkPredictorDeployment, 'Predictor deployment with a warm pool'],
  [checkMailSender, 'Email sender verified (SendGrid)'],
]);

export const CHECKS = [
  checkBaseModelLicence,
  checkSecrets,
  checkFunctionsEnv,
  checkAppHostingEnv,
  checkStripeWebhook,
  checkStripePrices,
  checkReplicateModels,
  checkPredictorDeployment,
  checkMailSender,
];

/** Runs every check; a check that throws (network down, bad answer) is a failure with the reason. */
export async function runPreflight(ctx, checks = CHECKS) {
  const results = [];
  for (const check of checks) {
    try {
      results.push(await check(ctx));
    } catch (err) {
      results.push(
        result(check.name, TITLES.get(check) ?? check.name, 'fail', [
          `could not run: ${err instanceof Error ? err.message : String(err)}`,
        ]),
      );
    }
  }
  return results;
}

const MARK = { pass: '✔', warn: '!', fail: '✖' };

export function formatResults(results) {
  const lines = [];
  for (const r of results) {
    lines.push(`${MARK[r.verdict]} ${r.title}: ${r.verdict.toUpperCase()}`);
    for (const d of r.details) lines.push(`    ${d}`);
    if (r.fix && r.verdict !== 'pass') lines.push(`    → ${r.fix}`);
  }
  const failed = results.filter((r) => r.verdict === 'fail').length;
  const warned = results.filter((r) => r.verdict === 'warn').length;
  lines.push(
    failed
      ? `Preflight: ${failed} check(s) failed, ${warned} warning(s): nothing will be deployed until the failures are fixed.`
      : `Preflight: all checks passed${warned ? ` (${warned} warning(s) to read)` : ''}.`,
  );
  return lines.join('\n');
}
