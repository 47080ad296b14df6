import { logger } from 'firebase-functions';
import type { LogEntry } from 'firebase-functions/logger';

/**
 * Where in the pipeline a log line comes from. Log-based metrics and alerts (ops/monitoring) filter
 * on it and on the order id, so every line of the pipeline carries both as structured fields.
 */
export type Stage =
  | 'upload'
  | 'qc'
  | 'checkout'
  | 'payment'
  | 'refund'
  | 'dispute'
  | 'training'
  | 'generation'
  | 'ingest'
  | 'webhook'
  | 'sweep'
  | 'deadline'
  | 'warm-pool'
  | 'download'
  | 'redo'
  | 'email'
  | 'rating'
  | 'unsubscribe'
  | 'erasure'
  | 'retention'
  | 'analytics';

/** The message the gpu_seconds log-based metric counts; its value is the `gpuSec` number field. */
export const GPU_BILLED_MESSAGE = 'GPU time billed';

type Fields = Record<string, unknown>;

export interface OrderLogger {
  debug(message: string, fields?: Fields): void;
  info(message: string, fields?: Fields): void;
  warn(message: string, fields?: Fields): void;
  error(message: string, fields?: Fields): void;
  /** The GPU seconds a finished Replicate job billed, logged once per job. */
  gpuBilled(
    job: { kind: 'training' | 'prediction'; replicateId: string; gpuSec: number },
    fields?: Fields,
  ): void;
}

/**
 * A logger for one order at one stage. `orderId` is null only for lines about no single order
 * (a webhook refused before its order is known, a sweep's summary, an account deletion). The order id
 * and stage are written last, so no field of the line can replace them. The only way functions/src
 * logs: eslint.config.mjs forbids firebase-functions' logger (and console) everywhere else.
 */
export function orderLogger(
  orderId: string | null,
  stage: Stage,
  write: (entry: LogEntry) => void = logger.write,
): OrderLogger {
  const line =
    (severity: LogEntry['severity']) =>
    (message: string, fields: Fields = {}) =>
      write({ severity, message, ...fields, orderId, stage });
  const info = line('INFO');
  return {
    debug: line('DEBUG'),
    info,
    warn: line('WARNING'),
    error: line('ERROR'),
    gpuBilled: ({ kind, replicateId, gpuSec }, fields = {}) =>
      info(GPU_BILLED_MESSAGE, { ...fields, kind, replicateId, gpuSec: Number(gpuSec.toFixed(3)) }),
  };
}
