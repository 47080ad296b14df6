// What the preflight checks read, gathered for a real project (Secret Manager through the Firebase
// CLI, functions/.env.<project>, the production APIs) or for the local stand-ins started in-process
// (their URLs and secrets, a production-shaped environment), so both run the same checks.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDotenv } from './config.mjs';
import { declaredSecrets, handledStripeEvents, parseYaml, PRODUCTION_APIS } from './preflight.mjs';

export function readAppHostingYamls(root, environment) {
  return ['apphosting.yaml', `apphosting.${environment}.yaml`]
    .map((f) => join(root, 'apps/web', f))
    .filter((f) => existsSync(f))
    .map((f) => parseYaml(root, readFileSync(f, 'utf8')));
}

/** The base model the predictor image is built on (cog-model/base_model.json). */
export function cogBaseModel(root) {
  const file = join(root, 'cog-model/base_model.json');
  return existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')).name : undefined;
}

async function loadPlans(root) {
  const core = await import(join(root, 'packages/core/dist/index.js'));
  return Object.values(core.PLANS);
}

function commonContext(root, project, config) {
  return {
    project,
    config,
    requiredSecrets: declaredSecrets(root),
    stripeEvents: handledStripeEvents(root),
    apphostingYamls: readAppHostingYamls(root, config.appHostingEnvironment),
    cogBaseModel: cogBaseModel(root),
  };
}

/** A real project: secrets from Secret Manager (`firebase functions:secrets:access`), real APIs. */
export async function productionContext(root, project, config) {
  const firebase = join(root, 'node_modules/.bin/firebase');
  const base = commonContext(root, project, config);
  const secrets = {};
  const secretErrors = {};
  for (const name of base.requiredSecrets) {
    const r = spawnSync(firebase, ['functions:secrets:access', name, '--project', project], {
      encoding: 'utf8',
    });
    secrets[name] = r.status === 0 ? r.stdout.trim() : '';
    if (r.status !== 0) {
      // Not logged in, no access to Secret Manager and a missing secret all land here: keep the words.
      const said = `${r.stderr}\n${r.stdout}`.split('\n').map((l) => l.replace(/^Error:\s*/, '').trim());
      secretErrors[name] = said.find((l) => l && !/^⚠|MOTD/.test(l)) ?? `exit ${r.status}`;
    }
  }
  const envFile = join(root, 'functions', `.env.${project}`);
  return {
    ...base,
    secrets,
    secretErrors,
    env: existsSync(envFile) ? parseDotenv(readFileSync(envFile, 'utf8')) : {},
    apis: PRODUCTION_APIS,
    plans: await loadPlans(root),
  };
}

/**
 * The local stand-ins, started in-process on free ports, with the plan prices synced into the Stripe
 * stand-in as the launcher does. The environment is what production would hold for the same models.
 */
export async function standinContext(root, project, config) {
  const devstack = await import(join(root, 'packages/devstack/dist/index.js'));
  const { LOCAL_REPLICATE } = await import(join(root, 'packages/devstack/dist/launcher/functions-env.js'));
  const { syncStandinPrices } = await import(join(root, 'packages/devstack/dist/launcher/stripe-prices.js'));
  const { mkdtempSync, rmSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const dataDir = mkdtempSync(join(tmpdir(), 'likeness-preflight-'));
  const local = devstack.generateLocalSecrets();
  const functionsBase = `https://${config.region}-${project}.cloudfunctions.net`;
  const predictor = config.replicate.predictor;
  const predictorVersion = 'version' in predictor ? predictor.version : LOCAL_REPLICATE.predictorVersion;
  const mailFrom = `studio@${new URL(config.webUrl).hostname}`;
  const standins = await devstack.startStandins({
    dataDir,
    ports: { blob: 0, stripe: 0, replicate: 0, mail: 0 },
    secrets: local,
    stripeWebhookUrl: `${functionsBase}/stripeWebhook`,
    replicate: {
      existingModels: [LOCAL_REPLICATE.trainer, LOCAL_REPLICATE.destination],
      predictorModel: config.replicate.predictorModel,
      ...('deployment' in predictor ? { account: predictor.deployment.split('/')[0] } : {}),
      predictorVersion,
      trainerVersionRef: `${LOCAL_REPLICATE.trainer}:${LOCAL_REPLICATE.trainerVersion}`,
      // The account as production's should be: the predictor's deployment, idle, sized as configured.
      deployments:
        'deployment' in predictor
          ? [
              {
                name: predictor.deployment.split('/')[1],
                model: config.replicate.predictorModel,
                version: predictorVersion,
                hardware: predictor.hardware,
                min_instances: predictor.idleMinInstances,
                max_instances: predictor.maxInstances,
              },
            ]
          : [],
    },
    mail: { senders: [{ email: mailFrom, verified: true }] },
    log: () => () => undefined,
  });
  await syncStandinPrices({
    repoRoot: root,
    stripeUrl: standins.urls.stripe,
    secretKey: local.stripeSecretKey,
    verbose: false,
  });
  return {
    ...commonContext(root, project, config),
    secrets: {
      STRIPE_SECRET_KEY: local.stripeSecretKey,
      STRIPE_WEBHOOK_SECRET: local.stripeWebhookSecret,
      REPLICATE_API_TOKEN: local.replicateApiToken,
      REPLICATE_WEBHOOK_SECRET: local.replicateWebhookSecret,
      SENDGRID_API_KEY: local.sendgridApiKey,
      EMAIL_LINK_SECRET: local.emailLinkSecret,
    },
    env: {
      LIKENESS_ENV: 'production',
      PUBLIC_WEB_URL: config.webUrl,
      FUNCTIONS_BASE_URL: functionsBase,
      BLOB_DRIVER: 'gcs',
      BLOB_BUCKET: `${project}.firebasestorage.app`,
      REPLICATE_TRAINER: `${LOCAL_REPLICATE.trainer}:${LOCAL_REPLICATE.trainerVersion}`,
      REPLICATE_PREDICTOR_VERSION: predictorVersion,
      REPLICATE_DESTINATION: LOCAL_REPLICATE.destination,
      ...('deployment' in predictor
        ? {
            REPLICATE_PREDICTOR_DEPLOYMENT: predictor.deployment,
            PREDICTOR_WARM_INSTANCES: String(predictor.minInstances),
            PREDICTOR_IDLE_INSTANCES: String(predictor.idleMinInstances),
          }
        : {}),
      MAIL_FROM: mailFrom,
    },
    apis: {
      stripe: standins.urls.stripe,
      replicate: `${standins.urls.replicate}/v1`,
      sendgrid: standins.urls.mail,
    },
    plans: await loadPlans(root),
    stop: async () => {
      await standins.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
