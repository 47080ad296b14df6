import { HttpsError } from 'firebase-functions/v2/https';
import { describe, expect, it } from 'vitest';
import { operatorOf } from './operator-callable.js';

type Auth = Parameters<typeof operatorOf>[0]['auth'];
const auth = (token: Record<string, unknown>): Auth =>
  ({ uid: 'u1', token: { uid: 'u1', ...token }, rawToken: 'raw' }) as unknown as Auth;

const codeOf = (fn: () => unknown): string | undefined => {
  try {
    fn();
  } catch (e) {
    return e instanceof HttpsError ? e.code : 'not-an-HttpsError';
  }
  return undefined;
};

describe('operatorOf', () => {
  it('lets an account with operator: true through, named as the audit log names it', () => {
    expect(operatorOf({ auth: auth({ operator: true, email: 'op@example.test' }) })).toEqual({
      uid: 'u1',
      email: 'op@example.test',
    });
    expect(operatorOf({ auth: auth({ operator: true }) })).toEqual({ uid: 'u1', email: null });
  });

  it('refuses the signed-out and accounts without the claim, or with anything but true', () => {
    expect(codeOf(() => operatorOf({ auth: undefined }))).toBe('unauthenticated');
    expect(codeOf(() => operatorOf({ auth: auth({}) }))).toBe('permission-denied');
    expect(codeOf(() => operatorOf({ auth: auth({ operator: 'true' }) }))).toBe('permission-denied');
    expect(codeOf(() => operatorOf({ auth: auth({ operator: 1 }) }))).toBe('permission-denied');
  });
});
