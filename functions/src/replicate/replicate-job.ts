import { z } from 'zod';

/**
 * The parts of Replicate's prediction and training objects the pipeline relies on. Webhook bodies and
 * GET responses have the same shape; unknown fields are ignored.
 */
export const ReplicateStatus = z.enum([
  'starting',
  'processing',
  'succeeded',
  'failed',
  'canceled',
  'aborted',
]);
export type ReplicateStatus = z.infer<typeof ReplicateStatus>;

export const ReplicateJob = z.object({
  id: z.string().min(1),
  status: ReplicateStatus,
  output: z.unknown().optional(),
  error: z.unknown().optional(),
  logs: z.string().nullable().optional(),
  version: z.string().nullable().optional(),
  created_at: z.string().nullable().optional(),
  started_at: z.string().nullable().optional(),
  completed_at: z.string().nullable().optional(),
  metrics: z.record(z.string(), z.unknown()).nullable().optional(),
});
export type ReplicateJob = z.infer<typeof ReplicateJob>;

/**
 * Billed GPU seconds of a finished job: Replicate's `metrics.predict_time`, present once the job has
 * run (failed ones included). 0 when absent, e.g. a job that never started.
 */
export function gpuSecondsOf(job: Pick<ReplicateJob, 'metrics'>): number {
  const seconds = job.metrics?.predict_time;
  return typeof seconds === 'number' && Number.isFinite(seconds) && seconds > 0 ? seconds : 0;
}

const TERMINAL: readonly ReplicateStatus[] = ['succeeded', 'failed', 'canceled', 'aborted'];
export const isTerminal = (status: ReplicateStatus) => TERMINAL.includes(status);

const MAX_MESSAGE = 500;

/** A sentence a customer or operator can read, from whatever Replicate put in `error`. */
export function describeReplicateFailure(job: Pick<ReplicateJob, 'status' | 'error'>): string {
  const raw =
    typeof job.error === 'string'
      ? job.error
      : job.error && typeof job.error === 'object' && 'detail' in job.error
        ? String((job.error as { detail: unknown }).detail)
        : job.error
          ? JSON.stringify(job.error)
          : '';
  const detail = raw.replace(/\s+/g, ' ').trim();
  const base =
    job.status === 'canceled'
      ? 'The GPU job was canceled'
      : job.status === 'aborted'
        ? 'The GPU job was aborted before it started'
        : 'The GPU job failed';
  const message = detail ? `${base}: ${detail}` : `${base}.`;
  return message.length > MAX_MESSAGE ? `${message.slice(0, MAX_MESSAGE - 1)}…` : message;
}

/** How a finished training or prediction reached us: applied the same way either path. */
export interface ApplyOptions {
  /** The webhook-id of the delivery, recorded in webhookEvents in the transaction that applies it. */
  eventId?: string;
  /** Task id suffix when the sweeper re-drives work whose first tasks may be spent. */
  taskSuffix?: string;
}

/** HTTP status of a failed Replicate call, if it got that far. */
export function httpStatusOf(e: unknown): number | undefined {
  const response = (e as { response?: { status?: unknown } }).response;
  return typeof response?.status === 'number' ? response.status : undefined;
}

/** A refusal no retry of the same request can change: a 4xx other than 429 (rate limited). */
export const isPermanentRefusal = (status: number | undefined): status is number =>
  status !== undefined && status >= 400 && status < 500 && status !== 429;
