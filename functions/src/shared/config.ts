import { z } from 'zod';

/**
 * Runtime configuration, validated once at start-up of each instance. Local values are written by the
 * dev launcher (functions/.env.<project>); in production secrets come from Firebase secrets.
 */
const Url = z.string().url();

const ConfigSchema = z
  .object({
    LIKENESS_ENV: z.enum(['local', 'production']),
    PUBLIC_WEB_URL: Url,
    FUNCTIONS_BASE_URL: Url,
    BLOB_DRIVER: z.enum(['local', 'gcs']),
    BLOB_LOCAL_URL: Url.optional(),
    BLOB_SIGNING_KEY: z.string().min(32).optional(),
    BLOB_BUCKET: z.string().optional(),
    STRIPE_SECRET_KEY: z
      .string()
      .regex(/^(sk|rk)_(test|live)_/, 'STRIPE_SECRET_KEY must be a Stripe secret key'),
    STRIPE_WEBHOOK_SECRET: z.string().startsWith('whsec_'),
    STRIPE_API_BASE: Url.optional(),
    REPLICATE_API_TOKEN: z.string().min(8),
    REPLICATE_WEBHOOK_SECRET: z.string().startsWith('whsec_'),
    REPLICATE_API_BASE: Url.optional(),
    REPLICATE_TRAINER: z.string().regex(/^[\w.-]+\/[\w.-]+:\w+$/, 'REPLICATE_TRAINER is owner/name:version'),
    REPLICATE_PREDICTOR_VERSION: z.string().min(1),
    /**
     * The predictor's deployment on Replicate (owner/name): predictions go through it, so they land
     * on its warm instances, and replicate/warm-pool.ts sizes it. Unset (the local stack's default),
     * predictions name REPLICATE_PREDICTOR_VERSION directly.
     */
    REPLICATE_PREDICTOR_DEPLOYMENT: z.preprocess(
      (v) => (v === '' ? undefined : v),
      z
        .string()
        .regex(/^[\w.-]+\/[\w.-]+$/, 'REPLICATE_PREDICTOR_DEPLOYMENT is owner/name')
        .optional(),
    ),
    /** The deployment's min_instances while orders are generating (no cold start per image). */
    PREDICTOR_WARM_INSTANCES: z.coerce.number().int().min(0).max(20).default(1),
    /** Its min_instances when idle: 0 pays for no GPU while nothing is generated. */
    PREDICTOR_IDLE_INSTANCES: z.coerce.number().int().min(0).max(20).default(0),
    /** How long the pool stays warm after the last generating order (the next one often follows). */
    PREDICTOR_IDLE_AFTER_MINUTES: z.coerce
      .number()
      .int()
      .min(1)
      .max(24 * 60)
      .default(20),
    REPLICATE_DESTINATION: z.string().regex(/^[\w.-]+\/[\w.-]+$/, 'REPLICATE_DESTINATION is owner/name'),
    SENDGRID_API_KEY: z.string().min(8),
    SENDGRID_API_BASE: Url.optional(),
    MAIL_FROM: z.string().email(),
    /** Signs the links in emails that act without a sign-in (unsubscribe, rating): email/links.ts. */
    EMAIL_LINK_SECRET: z.string().min(32, 'EMAIL_LINK_SECRET must be at least 32 characters'),
    MAX_PREDICTION_ATTEMPTS: z.coerce.number().int().min(1).max(10).default(3),
    /**
     * Face-embedding similarity from which two photos count as one (selfie-qc's default when unset).
     * Raise it towards 1 only where every selfie is an edit of one portrait (the browser journey).
     */
    QC_DUPLICATE_MIN_COSINE: z.coerce.number().min(0.8).max(1).optional(),
    /**
     * GA4 Measurement Protocol (functions/src/analytics): the web stream's measurement id and an API
     * secret of that stream. Both or neither: without them no funnel event is recorded or sent.
     */
    GA_MEASUREMENT_ID: z.preprocess(
      (v) => (v === '' ? undefined : v),
      z
        .string()
        .regex(/^G-[A-Z0-9]+$/, 'GA_MEASUREMENT_ID must look like G-…')
        .optional(),
    ),
    GA_API_SECRET: z.preprocess((v) => (v === '' ? undefined : v), z.string().min(8).optional()),
    /** The GA4 stand-in locally; unset in production (www.google-analytics.com). */
    GA_API_BASE: Url.optional(),
    /** Replicate webhooks older than this are refused as replays (validateWebhook does not check). */
    WEBHOOK_TOLERANCE_SEC: z.coerce.number().int().min(30).default(300),
  })
  .superRefine((c, ctx) => {
    if (c.BLOB_DRIVER === 'local' && (!c.BLOB_LOCAL_URL || !c.BLOB_SIGNING_KEY)) {
      ctx.addIssue({
        code: 'custom',
        message: 'BLOB_DRIVER=local needs BLOB_LOCAL_URL and BLOB_SIGNING_KEY',
      });
    }
    if (
      c.LIKENESS_ENV === 'production' &&
      (c.STRIPE_API_BASE || c.REPLICATE_API_BASE || c.SENDGRID_API_BASE || c.GA_API_BASE)
    ) {
      ctx.addIssue({ code: 'custom', message: 'Stand-in API bases must not be set in production' });
    }
    if (c.PREDICTOR_IDLE_INSTANCES > c.PREDICTOR_WARM_INSTANCES) {
      ctx.addIssue({
        code: 'custom',
        message: 'PREDICTOR_IDLE_INSTANCES must not be more than PREDICTOR_WARM_INSTANCES',
      });
    }
    if (!c.GA_MEASUREMENT_ID !== !c.GA_API_SECRET) {
      ctx.addIssue({ code: 'custom', message: 'GA_MEASUREMENT_ID and GA_API_SECRET go together' });
    }
  });

export type Config = z.infer<typeof ConfigSchema>;

let cached: Config | undefined;

export function parseConfig(env: NodeJS.ProcessEnv): Config {
  const result = ConfigSchema.safeParse(env);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join('.') || '(config)'}: ${i.message}`);
    throw new Error(`Invalid functions configuration:\n${lines.join('\n')}`);
  }
  return result.data;
}

/** Lazily parsed so that deploy-time code analysis, which has no env, can load the module. */
export function config(): Config {
  cached ??= parseConfig(process.env);
  return cached;
}

export function functionUrl(name: string, query?: Record<string, string>): string {
  const u = new URL(`${config().FUNCTIONS_BASE_URL.replace(/\/$/, '')}/${name}`);
  for (const [k, v] of Object.entries(query ?? {})) u.searchParams.set(k, v);
  return u.toString();
}
