import { setTimeout as sleep } from 'node:timers/promises';
import type { Log } from '../http/log.js';
import { TERMINAL, type JobKind, type JobObject, type JobStatus } from './objects.js';
import type { WorkerPool } from './pool.js';
import type { ReplicateWebhookSender } from './webhooks.js';

export interface WorkContext {
  jobId: string;
  signal: AbortSignal;
  log(line: string): void;
  setOutput(output: unknown): void;
  /** Called when the outputs' files have been deleted (their hour is over). */
  markDataRemoved(): void;
}

export type Work = (ctx: WorkContext) => Promise<unknown>;

interface JobRecord {
  kind: JobKind;
  view: JobObject;
  abort: AbortController;
  createdMs: number;
  startedMs: number | null;
  settled: Promise<void>;
  settle: () => void;
}

class CanceledError extends Error {}
class TimedOutError extends Error {}

const isTerminal = (s: JobStatus) => TERMINAL.includes(s);

/**
 * Runs predictions and trainings asynchronously through the worker pool and keeps their public
 * state as Replicate reports it: starting (queued) → processing → succeeded | failed | canceled,
 * with timestamps, logs, metrics and webhooks at each step.
 */
export class JobRunner {
  private readonly jobs = new Map<string, JobRecord>();

  constructor(
    private readonly deps: {
      pool: WorkerPool;
      webhooks: ReplicateWebhookSender;
      log: Log;
      timeoutMs: number;
    },
  ) {}

  create(kind: JobKind, view: JobObject, work: Work, injectedError?: string): JobObject {
    let settle!: () => void;
    const settled = new Promise<void>((resolve) => (settle = resolve));
    const rec: JobRecord = {
      kind,
      view,
      abort: new AbortController(),
      createdMs: Date.now(),
      startedMs: null,
      settled,
      settle,
    };
    this.jobs.set(view.id, rec);
    this.deps.webhooks.notify(() => this.snapshot(rec), 'start');
    void this.run(rec, work, injectedError);
    return this.snapshot(rec);
  }

  get(id: string, kind: JobKind): JobObject | undefined {
    const rec = this.jobs.get(id);
    return rec && rec.kind === kind ? this.snapshot(rec) : undefined;
  }

  list(kind: JobKind): JobObject[] {
    return [...this.jobs.values()]
      .filter((r) => r.kind === kind)
      .map((r) => this.snapshot(r))
      .reverse();
  }

  /** Cancels a queued or running job; a finished one is returned unchanged. */
  cancel(id: string, kind: JobKind): JobObject | undefined {
    const rec = this.jobs.get(id);
    if (!rec || rec.kind !== kind) return undefined;
    if (!isTerminal(rec.view.status)) {
      rec.abort.abort(new CanceledError('canceled'));
      this.finish(rec, 'canceled');
    }
    return this.snapshot(rec);
  }

  /** Stops every unfinished job's work (the stand-in is shutting down); no further webhooks. */
  shutdown(): void {
    for (const rec of this.jobs.values())
      if (!isTerminal(rec.view.status)) rec.abort.abort(new CanceledError('shutdown'));
  }

  /** Waits up to `ms` for a job to finish (the `Prefer: wait` header). */
  async waitFor(id: string, ms: number): Promise<void> {
    const rec = this.jobs.get(id);
    if (!rec) return;
    const timer = new AbortController();
    await Promise.race([rec.settled, sleep(ms, undefined, { signal: timer.signal }).catch(() => undefined)]);
    timer.abort();
  }

  private snapshot(rec: JobRecord): JobObject {
    return structuredClone(rec.view);
  }

  private async run(rec: JobRecord, work: Work, injectedError: string | undefined): Promise<void> {
    let release: () => void;
    try {
      release = await this.deps.pool.acquire(rec.abort.signal);
    } catch {
      return; // canceled while waiting for a slot
    }
    const timeout = setTimeout(() => rec.abort.abort(new TimedOutError()), this.deps.timeoutMs);
    timeout.unref();
    try {
      if (isTerminal(rec.view.status)) return;
      rec.startedMs = Date.now();
      rec.view.status = 'processing';
      rec.view.started_at = new Date(rec.startedMs).toISOString();
      const ctx: WorkContext = {
        jobId: rec.view.id,
        signal: rec.abort.signal,
        log: (line) => {
          if (isTerminal(rec.view.status)) return;
          rec.view.logs += `${line}\n`;
          this.deps.webhooks.notify(() => this.snapshot(rec), 'logs');
        },
        setOutput: (output) => {
          if (isTerminal(rec.view.status)) return;
          rec.view.output = output;
          this.deps.webhooks.notify(() => this.snapshot(rec), 'output');
        },
        markDataRemoved: () => {
          rec.view.data_removed = true;
        },
      };
      if (injectedError !== undefined) {
        ctx.log('Setting up the model...');
        throw new Error(injectedError);
      }
      const output = await work(ctx);
      if (rec.abort.signal.aborted) throw rec.abort.signal.reason;
      this.finish(rec, 'succeeded', output);
    } catch (err) {
      const reason = rec.abort.signal.aborted ? rec.abort.signal.reason : err;
      if (reason instanceof CanceledError) this.finish(rec, 'canceled');
      else if (reason instanceof TimedOutError)
        this.finish(rec, 'failed', null, `${rec.kind === 'training' ? 'Training' : 'Prediction'} timed out`);
      else {
        const message = err instanceof Error ? err.message : String(err);
        this.deps.log(`${rec.kind} ${rec.view.id} failed: ${message}`);
        this.finish(rec, 'failed', null, message);
      }
    } finally {
      clearTimeout(timeout);
      release();
    }
  }

  private finish(rec: JobRecord, status: JobStatus, output?: unknown, error?: string): void {
    if (isTerminal(rec.view.status)) return;
    const now = Date.now();
    const v = rec.view;
    v.status = status;
    v.completed_at = new Date(now).toISOString();
    if (output !== undefined) v.output = output;
    if (error !== undefined) {
      v.error = error;
      v.logs += `${error}\n`;
    }
    v.metrics = {
      ...(rec.startedMs !== null ? { predict_time: (now - rec.startedMs) / 1000 } : {}),
      total_time: (now - rec.createdMs) / 1000,
    };
    this.deps.webhooks.notify(() => this.snapshot(rec), 'completed');
    rec.settle();
  }
}
