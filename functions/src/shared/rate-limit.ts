import { CALLS_PER_MINUTE } from '@likeness/core';
import { Timestamp } from 'firebase-admin/firestore';
import { HttpsError } from 'firebase-functions/v2/https';
import { rateLimitRef } from './db.js';
import { runTransaction } from './transaction.js';

export interface CallWindow {
  window: number;
  count: number;
}

/** The minute a call falls in, and the count it makes; null when that minute is used up. */
export function nextCall(
  previous: CallWindow | undefined,
  now: number,
  limit = CALLS_PER_MINUTE,
): CallWindow | null {
  const window = Math.floor(now / 60_000);
  const count = previous?.window === window ? previous.count : 0;
  return count >= limit ? null : { window, count: count + 1 };
}

/**
 * Counts a call of `name` by `uid` against the per-minute limit, or refuses it. The counter lives in
 * `rateLimits/{uid}_{name}` (server-only; a TTL policy on `expiresAt` clears old ones).
 */
export async function takeCall(uid: string, name: string, now = Date.now()): Promise<void> {
  const ref = rateLimitRef(uid, name);
  const allowed = await runTransaction(async (tx) => {
    const snap = await tx.get(ref);
    const next = nextCall(snap.exists ? (snap.data() as CallWindow) : undefined, now);
    if (!next) return false;
    tx.set(ref, { ...next, expiresAt: Timestamp.fromMillis((next.window + 2) * 60_000) });
    return true;
  });
  if (!allowed) {
    throw new HttpsError(
      'resource-exhausted',
      'Too many requests in a minute — please wait a moment and try again.',
    );
  }
}
