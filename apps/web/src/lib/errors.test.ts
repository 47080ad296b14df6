import { CreateCheckoutRequest } from '@likeness/core';
import { describe, expect, it } from 'vitest';
import { describeError } from './errors';

/** The shape of the SDK's FirebaseError: an Error with a code. */
const firebaseError = (code: string, message: string) => Object.assign(new Error(message), { code });

describe('describeError', () => {
  it('shows the message a callable wrote for the customer', () => {
    expect(
      describeError(
        firebaseError('functions/failed-precondition', '3 more good photos needed (at least 10).'),
      ),
    ).toBe('3 more good photos needed (at least 10).');
    expect(
      describeError(firebaseError('functions/invalid-argument', "That discount code isn't valid.")),
    ).toBe("That discount code isn't valid.");
  });

  it('does not show internal errors or bare codes', () => {
    expect(describeError(firebaseError('functions/internal', 'internal'))).toBe(
      'Something went wrong. Please try again.',
    );
    expect(describeError(firebaseError('functions/internal', 'TypeError: x is undefined'))).toBe(
      'Something went wrong. Please try again.',
    );
    expect(describeError(firebaseError('functions/unavailable', 'unavailable'))).toMatch(/could not reach/);
  });

  it('words auth errors', () => {
    expect(
      describeError(firebaseError('auth/invalid-action-code', 'Firebase: Error (auth/invalid-action-code).')),
    ).toMatch(/already used or is not valid/);
    expect(describeError(firebaseError('auth/popup-closed-by-user', 'x'))).toMatch(/closed/);
    expect(describeError(firebaseError('auth/some-new-code', 'Firebase: Error (auth/some-new-code).'))).toBe(
      'Something went wrong. Please try again.',
    );
  });

  it('words Firestore errors', () => {
    expect(describeError(firebaseError('permission-denied', 'Missing or insufficient permissions.'))).toBe(
      'You do not have access to this.',
    );
  });

  it('uses the first issue of a validation error', () => {
    const parsed = CreateCheckoutRequest.safeParse({ orderId: 'o1', discountCode: 'no spaces!' });
    expect(parsed.success).toBe(false);
    if (!parsed.success)
      expect(describeError(parsed.error)).toBe('Discount codes are letters, digits, - and _');
  });

  it('falls back to the message, then to a generic sentence', () => {
    expect(describeError(new Error('The upload did not arrive.'))).toBe('The upload did not arrive.');
    expect(describeError('plain words')).toBe('plain words');
    expect(describeError(null)).toBe('Something went wrong. Please try again.');
    expect(describeError({})).toBe('Something went wrong. Please try again.');
  });
});
