import type { Transaction } from 'firebase-admin/firestore';
import pRetry from 'p-retry';
import { db } from './firebase.js';

/**
 * A transaction that a concurrent one has wounded. Production Firestore answers ABORTED, which the
 * SDK retries itself; the emulator answers the wounded transaction's next read with INVALID_ARGUMENT
 * "Transaction is invalid or closed", which the SDK treats as final. Two clicks on one button hit it.
 */
export function isWoundedTransaction(error: unknown): boolean {
  const e = error as { code?: unknown; message?: unknown } | null;
  return (
    e?.code === 3 && typeof e.message === 'string' && /transaction is invalid or closed/i.test(e.message)
  );
}

/**
 * `db().runTransaction`, run again from the top when it was wounded (see above). Any other error,
 * an HttpsError the body throws included, ends it at once.
 */
export function runTransaction<T>(body: (tx: Transaction) => Promise<T>): Promise<T> {
  return pRetry(() => db().runTransaction(body), {
    retries: 4,
    minTimeout: 50,
    maxTimeout: 1000,
    randomize: true,
    shouldRetry: ({ error }) => isWoundedTransaction(error),
  });
}
