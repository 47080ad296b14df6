import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { z } from 'zod';
import { startAnalyticsStandin, type AnalyticsStandin } from './analytics/server.js';
import { startBlobServer } from './blob-server/server.js';
import type { RunningService } from './http/listen.js';
import { base62 } from './http/ids.js';
import { prefixedConsoleLog, type Log } from './http/log.js';
import { startMailStandin, type MailStandin } from './mail/server.js';
import { CreateDeploymentBody } from './replicate/deployments.js';
import { startReplicateStandin, type ReplicateStandin } from './replicate/server.js';
import { startStripeStandin, type StripeStandin } from './stripe/server.js';

/**
 * Secrets shared by the functions and the stand-ins. Test-mode shapes only: a live Stripe key or a
 * production token must never reach a local stand-in.
 */
export const LocalSecrets = z.object({
  blobSigningKey: z.string().min(16, 'blobSigningKey must be at least 16 characters'),
  stripeSecretKey: z
    .string()
    .regex(/^sk_test_\w{8,}$/, 'stripeSecretKey must be a test-mode key (sk_test_…)'),
  stripeWebhookSecret: z.string().regex(/^whsec_\w{8,}$/, 'stripeWebhookSecret must look like whsec_…'),
  replicateApiToken: z.string().regex(/^r8_\w{8,}$/, 'replicateApiToken must look like r8_…'),
  replicateWebhookSecret: z
    .string()
    .regex(
      /^whsec_[A-Za-z0-9+/]{16,}={0,2}$/,
      'replicateWebhookSecret must be whsec_ followed by base64 (Standard Webhooks)',
    ),
  sendgridApiKey: z.string().regex(/^SG\.[\w-]+\.[\w-]+$/, 'sendgridApiKey must look like SG.<id>.<secret>'),
  emailLinkSecret: z.string().min(32, 'emailLinkSecret must be at least 32 characters'),
  gaApiSecret: z.string().min(16, 'gaApiSecret must be at least 16 characters'),
});
export type LocalSecrets = z.infer<typeof LocalSecrets>;

const Port = z.number().int().min(0).max(65535);

export const StandinsOptions = z.object({
  dataDir: z.string().min(1),
  ports: z.object({ blob: Port, stripe: Port, replicate: Port, mail: Port, analytics: Port.default(0) }),
  /** The local GA4 web stream the collector stand-in accepts. */
  gaMeasurementId: z
    .string()
    .regex(/^G-[A-Z0-9]+$/, 'gaMeasurementId must look like G-…')
    .default('G-LIKENESSLOCAL'),
  secrets: LocalSecrets,
  stripeWebhookUrl: z.url(),
  replicate: z.object({
    existingModels: z.array(z.string().regex(/^[^/\s]+\/[^/\s]+$/, 'models are owner/name')).min(1),
    predictorVersion: z.string().min(1),
    trainerVersionRef: z.string().regex(/^[^/\s]+\/[^/\s:]+:\S+$/, 'trainerVersionRef is owner/name:version'),
    outputTtlSec: z.number().int().positive().optional(),
    concurrency: z.number().int().min(1).max(16).optional(),
    trainingDurationMs: z.number().int().min(0).optional(),
    predictionsPerMinute: z.number().int().min(1).optional(),
    /** The predictor model (default likeness/flux-headshots) and the account's user name (its owner). */
    predictorModel: z
      .string()
      .regex(/^[^/\s]+\/[^/\s]+$/, 'predictorModel is owner/name')
      .optional(),
    account: z.string().min(1).optional(),
    /** Deployments the account has at start-up (the predictor's warm pool). */
    deployments: z.array(CreateDeploymentBody).default([]),
  }),
  /** SendGrid sender identities: single senders and authenticated domains, verified or not. */
  mail: z
    .object({
      senders: z.array(z.object({ email: z.email(), verified: z.boolean() })).default([]),
      domains: z.array(z.object({ domain: z.string().min(3), valid: z.boolean() })).default([]),
    })
    .default({ senders: [], domains: [] }),
  /** Host name in the URLs handed out (page links, file URLs). */
  publicHost: z.string().min(1).default('127.0.0.1'),
  /** Interface the servers listen on. */
  bindHost: z.string().min(1).default('127.0.0.1'),
  log: z.custom<(service: string) => Log>((v) => typeof v === 'function').optional(),
});
export type StandinsOptions = z.input<typeof StandinsOptions>;

export interface Standins {
  urls: { blob: string; stripe: string; replicate: string; mail: string; analytics: string };
  services: {
    blob: RunningService;
    stripe: StripeStandin;
    replicate: ReplicateStandin;
    mail: MailStandin;
    analytics: AnalyticsStandin;
  };
  stop(): Promise<void>;
}

/** Fresh random secrets of the right shapes for one run of the local stack. */
export function generateLocalSecrets(): LocalSecrets {
  return {
    blobSigningKey: randomBytes(32).toString('hex'),
    stripeSecretKey: `sk_test_local_${base62(32)}`,
    stripeWebhookSecret: `whsec_${base62(32)}`,
    replicateApiToken: `r8_local_${base62(32)}`,
    replicateWebhookSecret: `whsec_${randomBytes(24).toString('base64')}`,
    sendgridApiKey: `SG.local${base62(14)}.${base62(43)}`,
    emailLinkSecret: randomBytes(32).toString('hex'),
    gaApiSecret: base62(22),
  };
}

async function starting<T>(what: string, port: number, start: () => Promise<T>): Promise<T> {
  try {
    return await start();
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      throw new Error(
        `Port ${port} for the ${what} is in use: stop the other stack or start this one with another --offset.`,
        { cause: err },
      );
    }
    throw err;
  }
}

/**
 * Starts the stand-ins (Cloud Storage signed URLs, Stripe, Replicate, SendGrid, GA4) with one set of
 * secrets. If one fails to start, those already running are stopped again.
 */
export async function startStandins(input: StandinsOptions): Promise<Standins> {
  const opts = StandinsOptions.parse(input);
  const logFor = opts.log ?? prefixedConsoleLog;
  const host = opts.bindHost;
  const started: Array<{ stop(): Promise<void> }> = [];
  const stopAll = async () => {
    for (const s of started.splice(0).reverse()) await s.stop().catch(() => undefined);
  };
  try {
    const blob = await starting('blob stand-in', opts.ports.blob, () =>
      startBlobServer({
        dataDir: join(opts.dataDir, 'blob'),
        port: opts.ports.blob,
        host,
        publicHost: opts.publicHost,
        signingKey: opts.secrets.blobSigningKey,
        log: logFor('blob'),
      }),
    );
    started.push(blob);
    const stripe = await starting('Stripe stand-in', opts.ports.stripe, () =>
      startStripeStandin({
        port: opts.ports.stripe,
        host,
        publicHost: opts.publicHost,
        secretKey: opts.secrets.stripeSecretKey,
        webhookSecret: opts.secrets.stripeWebhookSecret,
        webhookUrl: opts.stripeWebhookUrl,
        log: logFor('stripe'),
      }),
    );
    started.push(stripe);
    const r = opts.replicate;
    const replicate = await starting('Replicate stand-in', opts.ports.replicate, () =>
      startReplicateStandin({
        dataDir: join(opts.dataDir, 'replicate'),
        port: opts.ports.replicate,
        host,
        publicHost: opts.publicHost,
        apiToken: opts.secrets.replicateApiToken,
        webhookSecret: opts.secrets.replicateWebhookSecret,
        log: logFor('replicate'),
        existingModels: r.existingModels,
        predictorVersion: r.predictorVersion,
        trainerVersionRef: r.trainerVersionRef,
        deployments: r.deployments,
        ...(r.predictorModel !== undefined ? { predictorModel: r.predictorModel } : {}),
        ...(r.account !== undefined ? { account: r.account } : {}),
        ...(r.outputTtlSec !== undefined ? { outputTtlSec: r.outputTtlSec } : {}),
        ...(r.concurrency !== undefined ? { concurrency: r.concurrency } : {}),
        ...(r.trainingDurationMs !== undefined ? { trainingDurationMs: r.trainingDurationMs } : {}),
        ...(r.predictionsPerMinute !== undefined ? { predictionsPerMinute: r.predictionsPerMinute } : {}),
      }),
    );
    started.push(replicate);
    const mail = await starting('SendGrid stand-in', opts.ports.mail, () =>
      startMailStandin({
        dataDir: join(opts.dataDir, 'mail'),
        port: opts.ports.mail,
        host,
        publicHost: opts.publicHost,
        apiKey: opts.secrets.sendgridApiKey,
        senders: opts.mail.senders,
        domains: opts.mail.domains,
        log: logFor('mail'),
      }),
    );
    started.push(mail);
    const analytics = await starting('GA4 collector stand-in', opts.ports.analytics, () =>
      startAnalyticsStandin({
        port: opts.ports.analytics,
        host,
        publicHost: opts.publicHost,
        measurementId: opts.gaMeasurementId,
        apiSecret: opts.secrets.gaApiSecret,
        log: logFor('analytics'),
      }),
    );
    started.push(analytics);
    return {
      urls: {
        blob: blob.url,
        stripe: stripe.url,
        replicate: replicate.url,
        mail: mail.url,
        analytics: analytics.url,
      },
      services: { blob, stripe, replicate, mail, analytics },
      stop: stopAll,
    };
  } catch (err) {
    await stopAll();
    throw err;
  }
}
