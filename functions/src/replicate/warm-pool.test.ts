import { describe, expect, it } from 'vitest';
import { decideWarmPool, type WarmPoolInput } from './warm-pool.js';

const MIN = 60_000;
const base: WarmPoolInput = {
  generating: 0,
  now: 1_000 * MIN,
  lastBusyAt: null,
  current: 0,
  warm: 2,
  idle: 0,
  idleAfterMs: 20 * MIN,
};

describe('decideWarmPool', () => {
  it('warms the pool while an order generates, and remembers when', () => {
    expect(decideWarmPool({ ...base, generating: 3 })).toEqual({
      wanted: 2,
      lastBusyAt: base.now,
      change: true,
      reason: 'generating',
    });
  });

  it('changes nothing when the deployment already has the wanted size', () => {
    expect(decideWarmPool({ ...base, generating: 1, current: 2 }).change).toBe(false);
    expect(decideWarmPool({ ...base, current: 0 }).change).toBe(false);
  });

  it('stays warm for the grace period after the last generating order, then goes idle', () => {
    const busy = base.now - 19 * MIN;
    expect(decideWarmPool({ ...base, current: 2, lastBusyAt: busy })).toEqual({
      wanted: 2,
      lastBusyAt: busy,
      change: false,
      reason: 'recently-busy',
    });
    const quiet = decideWarmPool({ ...base, current: 2, lastBusyAt: base.now - 20 * MIN });
    expect(quiet).toEqual({ wanted: 0, lastBusyAt: base.now - 20 * MIN, change: true, reason: 'idle' });
  });

  it('goes to the idle size, which may be above zero, when never busy', () => {
    expect(decideWarmPool({ ...base, idle: 1, current: 3 })).toMatchObject({ wanted: 1, change: true });
  });

  it('puts a pool someone resized by hand back to the configured size', () => {
    expect(decideWarmPool({ ...base, generating: 1, current: 5 })).toMatchObject({
      wanted: 2,
      change: true,
    });
  });
});
