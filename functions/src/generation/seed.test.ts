import { describe, expect, it } from 'vitest';
import { seedFor } from './seed.js';

describe('seedFor', () => {
  it('gives each job a stable uint32 seed that differs between jobs and orders', () => {
    const a = seedFor('order1', 'corporate-grey-0');
    expect(seedFor('order1', 'corporate-grey-0')).toBe(a);
    expect(Number.isInteger(a) && a >= 0 && a < 2 ** 32).toBe(true);
    expect(seedFor('order1', 'corporate-grey-1')).not.toBe(a);
    expect(seedFor('order2', 'corporate-grey-0')).not.toBe(a);
  });
});
