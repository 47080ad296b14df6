import { PredictorInput, TrainerInput } from '@likeness/core';
import { join } from 'node:path';
import { z } from 'zod';
import { BodyTooLargeError, readJson } from '../http/body.js';
import type { RetryPolicy } from '../http/deliver.js';
import { replicateId } from '../http/ids.js';
import { listen, type RunningService } from '../http/listen.js';
import type { Log } from '../http/log.js';
import { sendHtml, sendJson } from '../http/respond.js';
import { Router, type RequestContext } from '../http/router.js';
import { dashboardPage } from './dashboard-page.js';
import {
  CreateDeploymentBody,
  DeploymentRegistry,
  UpdateDeploymentBody,
  type ReleaseRecord,
} from './deployments.js';
import { notFound, RateLimitedError, ReplicateApiError, type InvalidField } from './errors.js';
import { FileStore } from './files.js';
import { JobRunner } from './jobs.js';
import { FailureInjector, SlidingWindowLimiter, type FailureKind } from './limits.js';
import { ModelRegistry } from './models.js';
import { WEBHOOK_EVENTS, type JobKind, type JobObject } from './objects.js';
import { WorkerPool } from './pool.js';
import { predictionWork } from './predictor.js';
import { trainingWork } from './trainer.js';
import { WeightsCache } from './weights-cache.js';
import { ReplicateWebhookSender } from './webhooks.js';

export interface ReplicateStandinOptions {
  dataDir: string;
  port: number;
  host: string;
  publicHost: string;
  apiToken: string;
  webhookSecret: string;
  log: Log;
  /** `owner/name` models that exist on the account (the training destination must be one). */
  existingModels: readonly string[];
  /** The one shared predictor version predictions must use. */
  predictorVersion: string;
  /** `owner/name:version` of the trainer. */
  trainerVersionRef: string;
  predictorModel?: string;
  /** The account's user name: deployments are created under it (default: the predictor's owner). */
  account?: string;
  /** Deployments that exist at start-up (as `POST /v1/deployments` would create them). */
  deployments?: readonly CreateDeploymentBody[];
  outputTtlSec?: number;
  /** Jobs running at once (the warm GPU pool). */
  concurrency?: number;
  predictionsPerMinute?: number;
  trainingDurationMs?: number;
  perImageDelayMs?: number;
  jobTimeoutMs?: number;
  retry?: Partial<RetryPolicy>;
  webhookThrottleMs?: number;
  fileSweepMs?: number;
}

export interface ReplicateStandin extends RunningService {
  /** Queues failures for the next jobs of a kind (same as POST /_standin/fail-next). */
  failNext(kind: FailureKind, count: number, error: string): void;
  webhooks: ReplicateWebhookSender;
  /** Each release of a deployment (scaling history), oldest first. */
  deploymentReleases(ref: string): ReleaseRecord[];
}

const HttpUrl = z.string().refine((u) => {
  try {
    return ['http:', 'https:'].includes(new URL(u).protocol);
  } catch {
    return false;
  }
}, 'must be an HTTP(S) URL');

const JobBody = {
  input: z.record(z.string(), z.unknown(), 'input is required and must be an object'),
  webhook: HttpUrl.optional(),
  webhook_events_filter: z.array(z.enum(WEBHOOK_EVENTS)).optional(),
};
const CreatePredictionBody = z.object({
  version: z.string().min(1, 'version is required'),
  stream: z.boolean().optional(),
  ...JobBody,
});
const CreateDeploymentPredictionBody = z.object({ stream: z.boolean().optional(), ...JobBody });
type JobRequest = Pick<z.infer<typeof CreatePredictionBody>, 'webhook' | 'webhook_events_filter'> & {
  input: Record<string, unknown>;
};
const CreateTrainingBody = z.object({
  destination: z.string().regex(/^[^/\s]+\/[^/\s]+$/, 'destination must be owner/name'),
  ...JobBody,
});
const FailNextBody = z.object({
  kind: z.enum(['training', 'prediction', 'version-delete', 'output-blocked']),
  count: z.number().int().min(1).max(1000).default(1),
  error: z.string().min(1).max(2000).default('Injected failure from the local Replicate stand-in'),
});

/** Zod issues as Replicate's 422 `invalid_fields`, with `prefix` naming where they were. */
function validationError(
  issues: z.core.$ZodIssue[],
  prefix: string,
  title = 'Input validation failed',
): ReplicateApiError {
  const fields: InvalidField[] = issues.map((i) => {
    const field = [prefix, ...i.path.map(String)].filter(Boolean).join('.');
    const missing = i.code === 'invalid_type' && (i as { input?: unknown }).input === undefined;
    const name = i.path.length ? String(i.path.at(-1)) : prefix;
    return {
      type: missing ? 'required' : i.code,
      field,
      description: missing ? `${name} is required` : `${name}: ${i.message}`,
    };
  });
  return new ReplicateApiError(
    422,
    title,
    fields.map((f) => `- ${f.field}: ${f.description}`).join('\n'),
    fields,
  );
}

function parseBody<S extends z.ZodType>(schema: S, body: unknown, prefix = ''): z.output<S> {
  const r = schema.safeParse(body ?? {}, { reportInput: true });
  if (!r.success) throw validationError(r.error.issues, prefix, 'Invalid request');
  return r.data;
}

/** `Prefer: wait` or `wait=n` asks to hold the response until the job finishes (at most 60 s). */
function preferWaitSeconds(header: string | string[] | undefined): number {
  const m = /\bwait(?:=(\d+))?\b/.exec(String(header ?? ''));
  if (!m) return 0;
  return Math.min(60, Math.max(1, m[1] ? Number(m[1]) : 60));
}

/**
 * The Replicate stand-in: the API subset the product uses, for the official `replicate` client
 * pointed at it with baseUrl, running a CPU trainer and generator in-process, with signed
 * webhooks, expiring outputs, rate limits and injectable failures.
 */
export async function startReplicateStandin(opts: ReplicateStandinOptions): Promise<ReplicateStandin> {
  let base = '';
  const [trainerModel, trainerVersion] = opts.trainerVersionRef.split(':');
  if (!trainerModel || !trainerVersion)
    throw new Error(`trainerVersionRef must be owner/name:version, got ${opts.trainerVersionRef}`);
  const predictorModel = opts.predictorModel ?? 'likeness/flux-headshots';
  const models = new ModelRegistry(opts.existingModels);
  models.addFixedVersion(trainerModel, trainerVersion);
  models.addFixedVersion(predictorModel, opts.predictorVersion);
  const deployments = new DeploymentRegistry(opts.account ?? predictorModel.split('/')[0]!, models);
  for (const d of opts.deployments ?? []) deployments.create(CreateDeploymentBody.parse(d));

  const files = new FileStore(join(opts.dataDir, 'files'), () => base);
  const webhooks = new ReplicateWebhookSender({
    secret: opts.webhookSecret,
    retry: { maxAttempts: 5, baseDelayMs: 1000, maxDelayMs: 30_000, timeoutMs: 10_000, ...opts.retry },
    throttleMs: opts.webhookThrottleMs ?? 500,
    log: opts.log,
  });
  const runner = new JobRunner({
    pool: new WorkerPool(opts.concurrency ?? 2),
    webhooks,
    log: opts.log,
    timeoutMs: opts.jobTimeoutMs ?? 30 * 60_000,
  });
  const limiter = new SlidingWindowLimiter(opts.predictionsPerMinute ?? 600);
  const failures = new FailureInjector();
  const weights = new WeightsCache();
  const outputTtlSec = opts.outputTtlSec ?? 3600;

  const router = new Router({
    notFound: ({ res }) => sendJson(res, 404, notFound().body()),
    methodNotAllowed: ({ res }) =>
      sendJson(res, 405, new ReplicateApiError(405, 'Method not allowed', 'Method not allowed.').body()),
    error: ({ req, res }, err) => {
      if (err instanceof ReplicateApiError) {
        const headers: Record<string, string> =
          err instanceof RateLimitedError ? { 'Retry-After': String(err.retryAfterSec) } : {};
        return sendJson(res, err.status, err.body(), headers);
      }
      if (err instanceof BodyTooLargeError)
        return sendJson(res, 413, new ReplicateApiError(413, 'Request too large', err.message).body());
      if (err instanceof SyntaxError)
        return sendJson(res, 400, new ReplicateApiError(400, 'Invalid JSON', err.message).body());
      opts.log(`error on ${req.method} ${req.url}: ${err instanceof Error ? err.stack : String(err)}`);
      sendJson(
        res,
        500,
        new ReplicateApiError(500, 'Internal server error', 'The stand-in hit an unexpected error.').body(),
      );
    },
  });

  const requireToken = ({ req }: RequestContext) => {
    const m = /^(?:Bearer|Token)\s+(.+)$/i.exec(req.headers.authorization ?? '');
    if (!m || m[1]!.trim() !== opts.apiToken) {
      throw new ReplicateApiError(401, 'Unauthenticated', 'You did not pass a valid authentication token');
    }
  };
  const authed = (handler: (ctx: RequestContext) => Promise<void> | void) => async (ctx: RequestContext) => {
    requireToken(ctx);
    await handler(ctx);
  };

  const jobView = (kind: JobKind, id: string): JobObject => {
    const job = runner.get(id, kind);
    if (!job) throw notFound();
    return job;
  };
  const newJob = (
    kind: JobKind,
    id: string,
    model: string,
    version: string,
    body: JobRequest,
    deployment?: string,
  ): JobObject => {
    const path = kind === 'training' ? 'trainings' : 'predictions';
    return {
      id,
      model,
      version,
      input: body.input,
      logs: '',
      output: null,
      data_removed: false,
      error: null,
      status: 'starting',
      source: 'api',
      created_at: new Date().toISOString(),
      started_at: null,
      completed_at: null,
      urls: { get: `${base}/v1/${path}/${id}`, cancel: `${base}/v1/${path}/${id}/cancel` },
      metrics: {},
      ...(deployment ? { deployment } : {}),
      ...(body.webhook ? { webhook: body.webhook } : {}),
      ...(body.webhook_events_filter ? { webhook_events_filter: body.webhook_events_filter } : {}),
    };
  };

  async function respondCreated(ctx: RequestContext, kind: JobKind, job: JobObject): Promise<void> {
    const wait = preferWaitSeconds(ctx.req.headers.prefer);
    if (wait > 0) await runner.waitFor(job.id, wait * 1000);
    sendJson(ctx.res, 201, runner.get(job.id, kind) ?? job);
  }

  /**
   * One prediction of the predictor, whether asked for by version or through a deployment (which
   * runs its current release's version): same rate limit, input checks, failures and webhooks.
   */
  async function createPrediction(
    ctx: RequestContext,
    model: string,
    versionId: string,
    body: JobRequest,
    deployment?: string,
  ): Promise<void> {
    if (versionId !== opts.predictorVersion || model !== predictorModel) {
      throw new ReplicateApiError(
        422,
        'Invalid version or not permitted',
        "The specified version does not exist (or perhaps you don't have permission to use it?)",
      );
    }
    const input = PredictorInput.safeParse(body.input, { reportInput: true });
    if (!input.success) throw validationError(input.error.issues, 'input');
    const id = replicateId();
    const job = runner.create(
      'prediction',
      newJob('prediction', id, predictorModel, versionId, body, deployment),
      predictionWork(
        {
          files,
          weights,
          outputTtlSec,
          perImageDelayMs: opts.perImageDelayMs ?? 0,
          blockOutput: () => failures.take('output-blocked') !== undefined,
        },
        input.data,
      ),
      failures.take('prediction'),
    );
    if (deployment) opts.log(`prediction ${id} created through deployment ${deployment}`);
    await respondCreated(ctx, 'prediction', job);
  }

  const SEG = '([^/]+)';
  router
    .on(
      'GET',
      new RegExp(`^/v1/models/${SEG}/${SEG}$`),
      authed(({ res, params }) => sendJson(res, 200, models.view(`${params[0]}/${params[1]}`))),
    )
    .on(
      'GET',
      new RegExp(`^/v1/models/${SEG}/${SEG}/versions/${SEG}$`),
      authed(({ res, params }) =>
        sendJson(res, 200, models.versionView(`${params[0]}/${params[1]}`, params[2]!)),
      ),
    )
    .on(
      'GET',
      new RegExp(`^/v1/models/${SEG}/${SEG}/versions$`),
      authed(({ res, params }) =>
        sendJson(res, 200, {
          previous: null,
          next: null,
          results: models.versions(`${params[0]}/${params[1]}`),
        }),
      ),
    )
    .on(
      'DELETE',
      new RegExp(`^/v1/models/${SEG}/${SEG}/versions/${SEG}$`),
      authed(async ({ res, params }) => {
        const ref = `${params[0]}/${params[1]}`;
        if (`${ref}:${params[2]}` === opts.trainerVersionRef) {
          throw new ReplicateApiError(
            403,
            'Forbidden',
            'You can only delete versions of your own private models.',
          );
        }
        // Replicate deletes the version's files with it: the weights URL stops working.
        const outage = failures.take('version-delete');
        if (outage) throw new ReplicateApiError(503, 'Service Unavailable', outage);
        const { files: stored } = models.deleteVersion(ref, params[2]!);
        if (stored) await files.remove(stored.jobId, stored.name);
        opts.log(`version ${ref}:${params[2]} deleted`);
        res.writeHead(202).end();
      }),
    )
    .on(
      'POST',
      new RegExp(`^/v1/models/${SEG}/${SEG}/versions/${SEG}/trainings$`),
      authed(async (ctx) => {
        const ref = `${ctx.params[0]}/${ctx.params[1]}`;
        const version = ctx.params[2]!;
        if (!models.has(ref)) throw notFound(`Model not found: ${ref}`);
        if (!models.hasVersion(ref, version) || `${ref}:${version}` !== opts.trainerVersionRef) {
          throw notFound(`The specified version does not exist or is not trainable: ${ref}:${version}`);
        }
        const body = parseBody(CreateTrainingBody, await readJson(ctx.req, 1024 * 1024));
        if (!models.has(body.destination)) {
          throw notFound(
            `The specified training destination does not exist: ${body.destination}. Create the model first.`,
          );
        }
        const input = TrainerInput.safeParse(body.input, { reportInput: true });
        if (!input.success) throw validationError(input.error.issues, 'input');
        const id = replicateId();
        const job = runner.create(
          'training',
          newJob('training', id, ref, version, body),
          trainingWork(
            { files, models, durationMs: opts.trainingDurationMs ?? 4000 },
            body.destination,
            input.data,
          ),
          failures.take('training'),
        );
        opts.log(`training ${id} created for ${body.destination}`);
        await respondCreated(ctx, 'training', job);
      }),
    )
    .on(
      'GET',
      /^\/v1\/trainings$/,
      authed(({ res }) =>
        sendJson(res, 200, { previous: null, next: null, results: runner.list('training') }),
      ),
    )
    .on(
      'GET',
      new RegExp(`^/v1/trainings/${SEG}$`),
      authed(({ res, params }) => sendJson(res, 200, jobView('training', params[0]!))),
    )
    .on(
      'POST',
      new RegExp(`^/v1/trainings/${SEG}/cancel$`),
      authed(({ res, params }) => {
        const job = runner.cancel(params[0]!, 'training');
        if (!job) throw notFound();
        sendJson(res, 200, job);
      }),
    )
    .on(
      'POST',
      /^\/v1\/predictions$/,
      authed(async (ctx) => {
        const slot = limiter.take();
        if (!slot.ok) throw new RateLimitedError(slot.retryAfterSec);
        const body = parseBody(CreatePredictionBody, await readJson(ctx.req, 1024 * 1024));
        const versionId = body.version.includes(':') ? body.version.split(':').pop()! : body.version;
        const modelOfVersion = body.version.includes(':') ? body.version.split(':')[0]! : predictorModel;
        await createPrediction(ctx, modelOfVersion, versionId, body);
      }),
    )
    .on(
      'GET',
      /^\/v1\/deployments$/,
      authed(({ res }) => sendJson(res, 200, { previous: null, next: null, results: deployments.list() })),
    )
    .on(
      'POST',
      /^\/v1\/deployments$/,
      authed(async ({ req, res }) => {
        const body = parseBody(CreateDeploymentBody, await readJson(req, 64 * 1024));
        const created = deployments.create(body);
        opts.log(
          `deployment ${created.owner}/${created.name} created: ${body.model}:${body.version} on ${body.hardware}, ${body.min_instances}–${body.max_instances} instances`,
        );
        sendJson(res, 201, created);
      }),
    )
    .on(
      'GET',
      new RegExp(`^/v1/deployments/${SEG}/${SEG}$`),
      authed(({ res, params }) => sendJson(res, 200, deployments.get(params[0]!, params[1]!))),
    )
    .on(
      'PATCH',
      new RegExp(`^/v1/deployments/${SEG}/${SEG}$`),
      authed(async ({ req, res, params }) => {
        const body = parseBody(UpdateDeploymentBody, await readJson(req, 64 * 1024));
        const updated = deployments.update(params[0]!, params[1]!, body);
        const conf = updated.current_release.configuration;
        opts.log(
          `deployment ${updated.owner}/${updated.name} release ${updated.current_release.number}: ${conf.min_instances}–${conf.max_instances} instances`,
        );
        sendJson(res, 200, updated);
      }),
    )
    .on(
      'POST',
      new RegExp(`^/v1/deployments/${SEG}/${SEG}/predictions$`),
      authed(async (ctx) => {
        const slot = limiter.take();
        if (!slot.ok) throw new RateLimitedError(slot.retryAfterSec);
        const release = deployments.get(ctx.params[0]!, ctx.params[1]!).current_release;
        const body = parseBody(CreateDeploymentPredictionBody, await readJson(ctx.req, 1024 * 1024));
        await createPrediction(
          ctx,
          release.model,
          release.version,
          body,
          `${ctx.params[0]}/${ctx.params[1]}`,
        );
      }),
    )
    .on(
      'GET',
      /^\/v1\/predictions$/,
      authed(({ res }) =>
        sendJson(res, 200, { previous: null, next: null, results: runner.list('prediction') }),
      ),
    )
    .on(
      'GET',
      new RegExp(`^/v1/predictions/${SEG}$`),
      authed(({ res, params }) => sendJson(res, 200, jobView('prediction', params[0]!))),
    )
    .on(
      'POST',
      new RegExp(`^/v1/predictions/${SEG}/cancel$`),
      authed(({ res, params }) => {
        const job = runner.cancel(params[0]!, 'prediction');
        if (!job) throw notFound();
        sendJson(res, 200, job);
      }),
    )
    .on(
      'GET',
      /^\/v1\/webhooks\/default\/secret$/,
      authed(({ res }) => sendJson(res, 200, { key: opts.webhookSecret })),
    )
    .on(['GET', 'HEAD'], new RegExp(`^/files/${SEG}/${SEG}$`), ({ req, res, params }) =>
      files.serve(req, res, params[0]!, params[1]!),
    )
    .on(
      'POST',
      /^\/_standin\/fail-next$/,
      authed(async ({ req, res }) => {
        const body = parseBody(FailNextBody, await readJson(req, 64 * 1024));
        failures.add(body.kind, body.count, body.error);
        opts.log(`the next ${body.count} ${body.kind}(s) will fail: ${body.error}`);
        sendJson(res, 200, { pending: failures.pending() });
      }),
    )
    .on('GET', /^\/$/, ({ res }) =>
      sendHtml(
        res,
        200,
        dashboardPage(runner.list('training'), runner.list('prediction'), webhooks.sent, failures.pending()),
      ),
    );

  const server = await listen(router.handle, opts.port, opts.host);
  base = `http://${opts.publicHost}:${server.port}`;
  const sweepMs = opts.fileSweepMs ?? Math.min(60_000, Math.max(100, (outputTtlSec * 1000) / 4));
  const sweeper = setInterval(
    () => void files.sweep().catch((e: unknown) => opts.log(`file sweep failed: ${String(e)}`)),
    sweepMs,
  );
  sweeper.unref();

  return {
    url: base,
    port: server.port,
    webhooks,
    failNext: (kind, count, error) => failures.add(kind, count, error),
    deploymentReleases: (ref) => {
      const [owner, name] = ref.split('/');
      return deployments.history(owner ?? '', name ?? '');
    },
    stop: async () => {
      clearInterval(sweeper);
      runner.shutdown();
      await webhooks.stop();
      await server.close();
    },
  };
}
