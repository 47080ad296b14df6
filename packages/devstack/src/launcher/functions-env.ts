import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FUNCTIONS_REGION, type Ports } from '@likeness/core';
import type { LocalSecrets } from '../standins.js';

export const LOCAL_REPLICATE = {
  destination: 'likeness/customer-loras',
  trainer: 'likeness/flux-lora-trainer',
  trainerVersion: 'localtrainer0001',
  predictorVersion: 'localpredictor0001',
  predictorModel: 'likeness/flux-headshots',
  /**
   * The predictor's deployment on the stand-in (the launcher creates it, idle). The functions go
   * through it when REPLICATE_PREDICTOR_DEPLOYMENT names it (`--fn-env`, as `npm test` does);
   * otherwise they ask for the version directly.
   */
  predictorDeployment: 'likeness/flux-headshots-local',
} as const;

/** The stand-in deployment as `POST /v1/deployments` would create it: idle, up to two instances. */
export const localPredictorDeployment = () => ({
  name: LOCAL_REPLICATE.predictorDeployment.split('/')[1]!,
  model: LOCAL_REPLICATE.predictorModel,
  version: LOCAL_REPLICATE.predictorVersion,
  hardware: 'gpu-h100' as const,
  min_instances: 0,
  max_instances: 2,
});

/** The local stack's GA4 web stream: the collector stand-in accepts this id only. */
export const LOCAL_GA_MEASUREMENT_ID = 'G-LIKENESSLOCAL';

/** The functions' environment for the local stack (validated by functions/src/shared/config.ts). */
export function functionsEnv(projectId: string, ports: Ports, secrets: LocalSecrets): Record<string, string> {
  const host = '127.0.0.1';
  return {
    LIKENESS_ENV: 'local',
    PUBLIC_WEB_URL: `http://localhost:${ports.web}`,
    FUNCTIONS_BASE_URL: `http://${host}:${ports.functions}/${projectId}/${FUNCTIONS_REGION}`,
    BLOB_DRIVER: 'local',
    BLOB_LOCAL_URL: `http://${host}:${ports.blob}`,
    BLOB_SIGNING_KEY: secrets.blobSigningKey,
    STRIPE_SECRET_KEY: secrets.stripeSecretKey,
    STRIPE_WEBHOOK_SECRET: secrets.stripeWebhookSecret,
    STRIPE_API_BASE: `http://${host}:${ports.stripe}`,
    REPLICATE_API_TOKEN: secrets.replicateApiToken,
    REPLICATE_WEBHOOK_SECRET: secrets.replicateWebhookSecret,
    REPLICATE_API_BASE: `http://${host}:${ports.replicate}/v1`,
    REPLICATE_TRAINER: `${LOCAL_REPLICATE.trainer}:${LOCAL_REPLICATE.trainerVersion}`,
    REPLICATE_PREDICTOR_VERSION: LOCAL_REPLICATE.predictorVersion,
    REPLICATE_DESTINATION: LOCAL_REPLICATE.destination,
    SENDGRID_API_KEY: secrets.sendgridApiKey,
    EMAIL_LINK_SECRET: secrets.emailLinkSecret,
    SENDGRID_API_BASE: `http://${host}:${ports.mail}`,
    MAIL_FROM: 'studio@likeness.local',
    MAX_PREDICTION_ATTEMPTS: '3',
    GA_MEASUREMENT_ID: LOCAL_GA_MEASUREMENT_ID,
    GA_API_SECRET: secrets.gaApiSecret,
    GA_API_BASE: `http://${host}:${ports.analytics}`,
  };
}

/** The Functions emulator reads `.env.<projectId>`; one file per project keeps parallel stacks apart. */
export function writeFunctionsEnv(repoRoot: string, projectId: string, env: Record<string, string>): string {
  const file = join(repoRoot, 'functions', `.env.${projectId}`);
  const body = Object.entries(env)
    .map(([k, v]) => `${k}=${v}`)
    .join('\n');
  writeFileSync(
    file,
    `# Written by the dev launcher at each start; fresh secrets every time. Not committed.\n${body}\n`,
  );
  return file;
}
