import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { onStopRequests } from './stop-requests.js';

const EVENTS = ['SIGINT', 'SIGTERM', 'SIGHUP', 'uncaughtException', 'unhandledRejection'] as const;
let before: Map<string, unknown[]>;

beforeEach(() => {
  before = new Map(EVENTS.map((e) => [e, process.listeners(e as NodeJS.Signals)]));
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.spyOn(console, 'error').mockImplementation(() => undefined);
});
afterEach(() => {
  // The handlers under test must not stay on the test runner's own process.
  for (const e of EVENTS) {
    for (const l of process.listeners(e as NodeJS.Signals)) {
      if (!before.get(e)!.includes(l)) process.off(e, l as (...args: unknown[]) => void);
    }
  }
  vi.useRealTimers();
  vi.restoreAllMocks();
});

function handlers() {
  const calls: string[] = [];
  const request = onStopRequests({
    stop: (code, why) => calls.push(`stop ${code} ${why}`),
    force: (why) => calls.push(`force ${why}`),
  });
  return { calls, request };
}

describe('onStopRequests', () => {
  it('stops once for a Ctrl-C delivered twice, and forces on a later one', () => {
    const { calls } = handlers();
    process.emit('SIGINT');
    vi.advanceTimersByTime(200); // The same Ctrl-C, passed on by npm or scripts/dev.mjs.
    process.emit('SIGINT');
    expect(calls).toEqual(['stop 130 SIGINT']);
    vi.advanceTimersByTime(3000); // The user, impatient.
    process.emit('SIGINT');
    expect(calls).toEqual(['stop 130 SIGINT', 'force SIGINT']);
  });

  it('stops on a CI timeout (SIGTERM) with its exit code', () => {
    const { calls } = handlers();
    process.emit('SIGTERM');
    expect(calls).toEqual(['stop 143 SIGTERM']);
  });

  it('stops when its terminal closes (SIGHUP)', () => {
    const { calls } = handlers();
    process.emit('SIGHUP');
    expect(calls).toEqual(['stop 129 SIGHUP']);
  });

  it('stops when the launcher crashes, and when it asks to', () => {
    const { calls, request } = handlers();
    process.emit('uncaughtException', new Error('boom'), 'uncaughtException');
    request(0, 'exec'); // Already stopping: not a second stop.
    expect(calls).toEqual(['stop 1 crash']);
  });
});
