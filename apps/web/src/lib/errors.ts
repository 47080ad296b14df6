import { ZodError } from 'zod';

/**
 * One sentence for the customer from anything a Firebase call, an upload or our own code threw.
 * Firebase errors are recognised by their `code` alone (no SDK import), so this stays a pure function.
 */
const GENERIC = 'Something went wrong. Please try again.';

const BY_CODE: Record<string, string> = {
  // Auth
  'auth/invalid-email': 'That email address does not look right.',
  'auth/missing-email': 'Enter your email address.',
  'auth/invalid-action-code': 'This sign-in link was already used or is not valid. Request a new one.',
  'auth/expired-action-code': 'This sign-in link has expired. Request a new one.',
  'auth/user-disabled': 'This account is disabled.',
  'auth/popup-closed-by-user': 'The sign-in window was closed before you finished.',
  'auth/cancelled-popup-request': 'The sign-in window was closed before you finished.',
  'auth/popup-blocked': 'Your browser blocked the sign-in window. Allow pop-ups for this site and try again.',
  'auth/account-exists-with-different-credential':
    'This email already signs in another way. Use the email link instead.',
  'auth/network-request-failed': 'We could not reach the server. Check your connection and try again.',
  'auth/too-many-requests': 'Too many attempts. Wait a minute and try again.',
  'auth/unauthorized-continue-uri': 'This site is not allowed to send sign-in links. Contact support.',
  'auth/operation-not-allowed': 'This way of signing in is not enabled.',
  // Firestore (bare codes) and callables (functions/…) share most of gRPC's codes.
  'permission-denied': 'You do not have access to this.',
  unauthenticated: 'Your session has ended. Sign in again.',
  unavailable: 'We could not reach the server. Check your connection and try again.',
  'deadline-exceeded': 'The server took too long to answer. Please try again.',
  'resource-exhausted': 'Too many requests right now. Wait a moment and try again.',
  internal: GENERIC,
  unknown: GENERIC,
};

/** Callable errors whose message the function wrote for the customer (HttpsError), so it is shown. */
const SERVER_WORDED = new Set([
  'invalid-argument',
  'failed-precondition',
  'not-found',
  'already-exists',
  'out-of-range',
  'resource-exhausted',
  'permission-denied',
  'unauthenticated',
  'unavailable',
]);

function codeAndMessage(err: unknown): { code: string; message: string } | null {
  if (typeof err !== 'object' || err === null) return null;
  const { code, message } = err as { code?: unknown; message?: unknown };
  if (typeof code !== 'string') return null;
  return { code, message: typeof message === 'string' ? message : '' };
}

export function describeError(err: unknown): string {
  if (err instanceof ZodError) return err.issues[0]?.message ?? GENERIC;

  const coded = codeAndMessage(err);
  if (coded) {
    if (coded.code.startsWith('functions/')) {
      const code = coded.code.slice('functions/'.length);
      // The SDK puts the bare code in the message when the function sent none (e.g. "internal").
      const worded = coded.message && coded.message !== code && coded.message.toLowerCase() !== code;
      if (SERVER_WORDED.has(code) && worded) return coded.message;
      return BY_CODE[code] ?? GENERIC;
    }
    const known = BY_CODE[coded.code] ?? BY_CODE[coded.code.replace(/^firestore\//, '')];
    if (known) return known;
    if (coded.code.startsWith('auth/')) return GENERIC;
  }

  if (err instanceof Error && err.message) return err.message;
  if (typeof err === 'string' && err) return err;
  return GENERIC;
}
