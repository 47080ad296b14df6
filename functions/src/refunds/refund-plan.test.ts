import { describe, expect, it } from 'vitest';
import { recordedRefund, refundRefusal } from './refund-plan.js';

describe('refundRefusal', () => {
  const payment = { charged: 2900, refunded: 0, currency: 'usd' };

  it('allows a full refund and any partial one up to what is left', () => {
    expect(refundRefusal({ ...payment, requested: undefined })).toBeNull();
    expect(refundRefusal({ ...payment, requested: 2900 })).toBeNull();
    expect(refundRefusal({ ...payment, refunded: 900, requested: 2000 })).toBeNull();
    expect(refundRefusal({ ...payment, refunded: 900, requested: undefined })).toBeNull();
  });

  it('refuses more than is left, saying how much is', () => {
    expect(refundRefusal({ ...payment, requested: 2901 })).toBe(
      'The payment was $29.00; a refund cannot be more than that.',
    );
    expect(refundRefusal({ ...payment, refunded: 900, requested: 2001 })).toBe(
      'Only $20.00 of the $29.00 payment is left to refund ($9.00 already refunded).',
    );
  });

  it('refuses a payment refunded in full, whatever is asked', () => {
    for (const requested of [undefined, 1]) {
      expect(refundRefusal({ ...payment, refunded: 2900, requested })).toBe(
        'This order’s payment is already fully refunded.',
      );
    }
  });
});

describe('recordedRefund', () => {
  const record = (refundId: string, requestKey: string) => ({
    refundId,
    amount: 500,
    currency: 'usd',
    amountRefunded: 500,
    requestKey,
  });

  it('finds an earlier refund by its key or by its refund id, skipping other entries', () => {
    const afters = [{ open: false }, null, record('re_1', 'k1'), record('re_2', 'k2')];
    expect(recordedRefund(afters, { requestKey: 'k2' })).toEqual(record('re_2', 'k2'));
    expect(recordedRefund(afters, { refundId: 're_1' })).toEqual(record('re_1', 'k1'));
    expect(recordedRefund(afters, { requestKey: 'k3' })).toBeNull();
    expect(recordedRefund(afters, {})).toBeNull();
  });
});
