import { describe, expect, it } from 'vitest';
import { isWoundedTransaction } from './transaction.js';

describe('isWoundedTransaction', () => {
  it('is the emulator answer to a read in a transaction another one wounded', () => {
    const wounded = Object.assign(new Error('3 INVALID_ARGUMENT: Transaction is invalid or closed.'), {
      code: 3,
    });
    expect(isWoundedTransaction(wounded)).toBe(true);
  });

  it('is not any other invalid argument, an abort the SDK retries itself, or a thrown refusal', () => {
    const badQuery = Object.assign(new Error('3 INVALID_ARGUMENT: order by clause cannot contain a field'), {
      code: 3,
    });
    const aborted = Object.assign(new Error('10 ABORTED: Transaction lock timeout.'), { code: 10 });
    expect(isWoundedTransaction(badQuery)).toBe(false);
    expect(isWoundedTransaction(aborted)).toBe(false);
    expect(isWoundedTransaction(new Error('Transaction is invalid or closed'))).toBe(false);
    expect(isWoundedTransaction(null)).toBe(false);
  });
});
