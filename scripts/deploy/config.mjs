// The deploy configuration (deploy.config.json): what a production deploy needs beyond the functions'
// own environment (functions/.env.<project>) and secrets. Validated with zod so that a missing or
// misspelt field is named before anything is changed.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

// zod is a dependency of @likeness/core; the scripts have no package.json of their own.
const { z } = createRequire(new URL('../../packages/core/package.json', import.meta.url))('zod');

const ModelRef = z.string().regex(/^[\w.-]+\/[\w.-]+$/, 'must be owner/name');

/**
 * The base model's licence. FLUX.1-dev's weights and outputs are non-commercial unless its maker
 * (Black Forest Labs) licenses them; a paid headshot studio needs that licence or a permissive base.
 */
export const BASE_MODELS = {
  'FLUX.1-dev': { licence: 'FLUX.1 [dev] Non-Commercial License', commercialUse: 'needs-licence' },
  'FLUX.1-schnell': { licence: 'Apache-2.0', commercialUse: 'permitted' },
};

export const ProjectDeployConfig = z.object({
  /** The web app's public https origin (App Hosting backend or custom domain). */
  webUrl: z.url({ protocol: /^https$/, error: 'webUrl must be an https URL' }),
  region: z.string().min(1).default('us-central1'),
  /** App Hosting backend id (`firebase apphosting:backends:create`, root directory apps/web). */
  appHostingBackend: z.string().min(1),
  /** The backend's environment name: apps/web/apphosting.<name>.yaml holds this project's values. */
  appHostingEnvironment: z
    .string()
    .regex(/^[\w-]+$/)
    .default('production'),
  replicate: z.object({
    /** The predictor model (the Cog model pushed from cog-model/); it must be private. */
    predictorModel: ModelRef,
    /**
     * Where predictions go: a deployment (production: a warm pool) or a bare version (the local
     * stack, where there are no deployments).
     */
    predictor: z.union([
      z.object({
        deployment: ModelRef,
        hardware: z.string().min(1).default('gpu-h100'),
        /** Instances kept warm while orders are generating. */
        minInstances: z.number().int().min(0).max(20),
        maxInstances: z.number().int().min(1).max(50),
        /** Instances kept when idle; 0 stops paying for idle GPUs. */
        idleMinInstances: z.number().int().min(0).default(0),
      }),
      z.object({ version: z.string().min(1) }),
    ]),
  }),
  baseModel: z.object({
    name: z.enum(Object.keys(BASE_MODELS)),
    /**
     * The operator's statement that they hold a commercial licence for a base model that needs one:
     * who granted it and a reference (contract or order number). null when they do not.
     */
    commercialLicence: z
      .object({ holder: z.string().min(2), grantedBy: z.string().min(2), reference: z.string().min(2) })
      .nullable(),
  }),
  monitoring: z.object({
    /** Alert when a day's GPU spend (Replicate seconds × list price) passes this. */
    gpuSpendPerDayUsd: z.number().positive(),
    /** Cloud Monitoring notification channel names (projects/…/notificationChannels/…). */
    notificationChannels: z
      .array(z.string().regex(/^projects\/[^/]+\/notificationChannels\/[^/]+$/))
      .default([]),
  }),
  backups: z.object({
    /** Firestore scheduled backups: daily, kept this many days (the service allows up to 14 weeks). */
    dailyRetentionDays: z.number().int().min(1).max(98),
    weeklyRetentionWeeks: z.number().int().min(0).max(14).default(0),
  }),
});

export const DeployConfig = z.object({
  $comment: z.string().optional(),
  projects: z.record(
    z.string().regex(/^[a-z][a-z0-9-]{4,29}$/, 'a Firebase project id'),
    ProjectDeployConfig,
  ),
});

export function parseProjectConfig(raw, project) {
  const parsed = DeployConfig.safeParse(raw);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.') || '(file)'}: ${i.message}`);
    throw new Error(`deploy.config.json is not valid:\n${lines.join('\n')}`);
  }
  const config = parsed.data.projects[project];
  if (!config) {
    throw new Error(
      `deploy.config.json has no entry for project "${project}" (it has: ${Object.keys(parsed.data.projects).join(', ') || 'none'}).`,
    );
  }
  return config;
}

export function loadProjectConfig(root, project) {
  const file = join(root, 'deploy.config.json');
  if (!existsSync(file)) throw new Error(`${file} is missing: copy the example entry and fill it in.`);
  return parseProjectConfig(JSON.parse(readFileSync(file, 'utf8')), project);
}

/** `KEY=value` lines (the functions' dotenv file); comments and blank lines skipped. */
export function parseDotenv(text) {
  const out = {};
  for (const line of text.split(/\r?\n/)) {
    const m = /^\s*([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*)\s*$/.exec(line);
    if (!m || line.trimStart().startsWith('#')) continue;
    out[m[1]] = m[2].replace(/^(['"])(.*)\1$/, '$2');
  }
  return out;
}
