import type { JobKind } from './objects.js';

/** Replicate's per-minute creation limit: beyond it, 429 with the seconds until a slot frees up. */
export class SlidingWindowLimiter {
  private readonly stamps: number[] = [];

  constructor(
    private readonly limit: number,
    private readonly windowMs = 60_000,
  ) {}

  take(now = Date.now()): { ok: true } | { ok: false; retryAfterSec: number } {
    while (this.stamps.length > 0 && this.stamps[0]! <= now - this.windowMs) this.stamps.shift();
    if (this.stamps.length >= this.limit) {
      return {
        ok: false,
        retryAfterSec: Math.max(1, Math.ceil((this.stamps[0]! + this.windowMs - now) / 1000)),
      };
    }
    this.stamps.push(now);
    return { ok: true };
  }
}

/** `output-blocked`: the next N images a prediction renders come out blocked by the safety check. */
export type FailureKind = JobKind | 'version-delete' | 'output-blocked';

/**
 * Failures queued by tests and demos: the next N jobs of a kind fail with the given error; for
 * `version-delete`, the next N version deletions answer 503 (an outage midway through a deletion).
 */
export class FailureInjector {
  private readonly queued: Record<FailureKind, string[]> = {
    training: [],
    prediction: [],
    'version-delete': [],
    'output-blocked': [],
  };

  add(kind: FailureKind, count: number, error: string): void {
    for (let i = 0; i < count; i++) this.queued[kind].push(error);
  }

  take(kind: FailureKind): string | undefined {
    return this.queued[kind].shift();
  }

  pending(): Record<FailureKind, number> {
    return {
      training: this.queued.training.length,
      prediction: this.queued.prediction.length,
      'version-delete': this.queued['version-delete'].length,
      'output-blocked': this.queued['output-blocked'].length,
    };
  }
}
