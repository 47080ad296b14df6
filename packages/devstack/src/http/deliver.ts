import { setTimeout as sleep } from 'node:timers/promises';
import type { Log } from './log.js';

export interface DeliveryAttempt {
  at: string;
  /** HTTP status, or null when the request failed before a response (refused, timed out). */
  status: number | null;
  error?: string;
  durationMs: number;
}

export interface RetryPolicy {
  /** Attempts in all, the first included. */
  maxAttempts: number;
  /** Delay before the second attempt; doubles after each failure, capped by maxDelayMs. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** Per-attempt time limit. */
  timeoutMs: number;
}

export interface DeliveryRequest {
  url: string;
  body: string;
  /** Called before each attempt: signatures carry a timestamp, so each attempt is signed afresh. */
  headers: () => Record<string, string>;
  policy: RetryPolicy;
  label: string;
  log: Log;
  signal?: AbortSignal;
  onAttempt?: (attempt: DeliveryAttempt) => void;
  /** Log only failed attempts (for frequent progress webhooks). */
  quietSuccess?: boolean;
}

/** POSTs a webhook, retrying non-2xx answers and network errors with exponential backoff. */
export async function deliverWithRetry(
  r: DeliveryRequest,
): Promise<{ ok: boolean; attempts: DeliveryAttempt[] }> {
  const attempts: DeliveryAttempt[] = [];
  let delay = r.policy.baseDelayMs;
  for (let n = 1; n <= r.policy.maxAttempts; n++) {
    if (r.signal?.aborted) break;
    const started = Date.now();
    const attempt: DeliveryAttempt = { at: new Date(started).toISOString(), status: null, durationMs: 0 };
    try {
      const signals = [AbortSignal.timeout(r.policy.timeoutMs), ...(r.signal ? [r.signal] : [])];
      const res = await fetch(r.url, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', ...r.headers() },
        body: r.body,
        signal: AbortSignal.any(signals),
        redirect: 'manual',
      });
      attempt.status = res.status;
      await res.arrayBuffer().catch(() => undefined);
    } catch (err) {
      attempt.error =
        err instanceof Error ? (err.cause instanceof Error ? err.cause.message : err.message) : String(err);
    }
    attempt.durationMs = Date.now() - started;
    attempts.push(attempt);
    r.onAttempt?.(attempt);
    const ok = attempt.status !== null && attempt.status >= 200 && attempt.status < 300;
    if (!(ok && r.quietSuccess)) {
      r.log(
        `${r.label} -> ${r.url} attempt ${n}/${r.policy.maxAttempts}: ${attempt.status ?? attempt.error} (${attempt.durationMs} ms)`,
      );
    }
    if (ok) return { ok: true, attempts };
    if (n < r.policy.maxAttempts) {
      try {
        await sleep(delay, undefined, r.signal ? { signal: r.signal } : {});
      } catch {
        break;
      }
      delay = Math.min(delay * 2, r.policy.maxDelayMs);
    }
  }
  if (r.policy.maxAttempts > 1) r.log(`${r.label} -> ${r.url}: gave up after ${attempts.length} attempt(s)`);
  return { ok: false, attempts };
}
