import { describe, expect, it } from 'vitest';
import {
  MAX_STRIKES,
  RENEW_MARGIN_MS,
  STRIKE_MEMORY_MS,
  answered,
  backoff,
  callFailed,
  isDue,
  loadFailed,
  nextDue,
} from './url-entries';

const NOW = 1_000_000;
const EXPIRES = NOW + 15 * 60_000;

describe('answered', () => {
  it('keeps a URL until shortly before it expires', () => {
    const e = answered(undefined, 'https://x/1', EXPIRES, NOW);
    expect(e).toMatchObject({ url: 'https://x/1', refreshAt: EXPIRES - RENEW_MARGIN_MS, broken: false });
    expect(isDue(e, NOW)).toBe(false);
    expect(isDue(e, EXPIRES - RENEW_MARGIN_MS)).toBe(true);
  });

  it('asks again for an id left out of the answer, then gives up', () => {
    let e = answered(undefined, undefined, EXPIRES, NOW);
    expect(e.broken).toBe(false);
    expect(e.refreshAt).toBe(NOW + backoff(1));
    for (let i = 1; i < MAX_STRIKES; i++) e = answered(e, undefined, EXPIRES, NOW + i * 1000);
    expect(e.broken).toBe(true);
    expect(isDue(e, NOW + 10 * 60_000)).toBe(false);
  });
});

describe('callFailed', () => {
  it('backs off but never gives up, and keeps the old URL', () => {
    let e = answered(undefined, 'https://x/1', EXPIRES, NOW);
    for (let i = 0; i < 10; i++) e = callFailed(e, NOW);
    expect(e).toMatchObject({ url: 'https://x/1', broken: false, errors: 10, refreshAt: NOW + 30_000 });
    expect(answered(e, 'https://x/2', EXPIRES, NOW).errors).toBe(0);
  });

  it('works for an id never fetched', () => {
    expect(callFailed(undefined, NOW)).toMatchObject({ url: undefined, errors: 1, refreshAt: NOW + 1000 });
  });
});

describe('loadFailed', () => {
  it('fetches a new URL after a back-off, and gives up after repeated failures in a row', () => {
    let e = answered(undefined, 'https://x/1', EXPIRES, NOW);
    e = loadFailed(e, NOW);
    expect(e).toMatchObject({ strikes: 1, broken: false, refreshAt: NOW + 1000 });
    e = loadFailed(answered(e, 'https://x/2', EXPIRES, NOW + 1000), NOW + 2000);
    expect(e).toMatchObject({ strikes: 2, broken: false, refreshAt: NOW + 2000 + 2000 });
    e = loadFailed(e, NOW + 5000);
    expect(e.broken).toBe(true);
    expect(loadFailed(e, NOW + 6000)).toBe(e);
  });

  it('forgets old strikes: an expired URL now and then never breaks an image', () => {
    let e = answered(undefined, 'https://x/1', EXPIRES, NOW);
    for (let i = 0; i < 5; i++) e = loadFailed(e, NOW + i * (STRIKE_MEMORY_MS + 1));
    expect(e).toMatchObject({ strikes: 1, broken: false });
  });
});

describe('nextDue', () => {
  it('is the earliest future refresh, ignoring broken and missing entries', () => {
    const a = answered(undefined, 'https://x/a', NOW + 200_000, NOW);
    const b = answered(undefined, 'https://x/b', NOW + 100_000, NOW);
    const broken = { ...b, broken: true, refreshAt: NOW + 1 };
    expect(nextDue([a, b, broken, undefined], NOW)).toBe(NOW + 100_000 - RENEW_MARGIN_MS);
    expect(nextDue([], NOW)).toBe(Infinity);
  });
});
