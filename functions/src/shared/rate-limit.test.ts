import { describe, expect, it } from 'vitest';
import { nextCall } from './rate-limit.js';

describe('nextCall', () => {
  const minute = 29_000_000 * 60_000;
  it('counts calls within a minute and refuses past the limit', () => {
    expect(nextCall(undefined, minute, 2)).toEqual({ window: 29_000_000, count: 1 });
    expect(nextCall({ window: 29_000_000, count: 1 }, minute + 59_000, 2)).toEqual({
      window: 29_000_000,
      count: 2,
    });
    expect(nextCall({ window: 29_000_000, count: 2 }, minute + 59_999, 2)).toBeNull();
  });
  it('starts again in the next minute', () => {
    expect(nextCall({ window: 29_000_000, count: 2 }, minute + 60_000, 2)).toEqual({
      window: 29_000_001,
      count: 1,
    });
  });
});
