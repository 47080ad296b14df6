import { z } from 'zod';
import { MIN_ACCEPTED_PHOTOS } from './qc.js';

/**
 * Set-level QC additions (issue #3). Kept apart from qc.ts so that file's exports stay as they are.
 *
 * A tip is advice, never a rejection: `low_variety` asks for different poses, light or places when
 * most accepted photos look alike; the photos themselves stay accepted.
 */
export const QC_TIP_CODES = ['low_variety'] as const;
export const QcTipCode = z.enum(QC_TIP_CODES);
export type QcTipCode = z.infer<typeof QcTipCode>;

export const QcTip = z.object({ code: QcTipCode, message: z.string().min(1) });
export type QcTip = z.infer<typeof QcTip>;

export interface SetGateInput {
  /** Photos whose own QC passed. */
  accepted: number;
  /** Accepted photos left after near-duplicates are counted once. */
  distinct: number;
  /** Distinct accepted photos that show the same person as the rest of the set. */
  samePerson: number;
}

export interface SetGateResult {
  ok: boolean;
  /** Good photos still missing: 0 when ok. */
  needed: number;
  /** Photos that count towards the gate: accepted, distinct and of the same person. */
  counted: number;
  message: string;
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/**
 * The checkout gate once set-level QC runs: only accepted, distinct, same-person photos count.
 * Enforced by the checkout callable and explained in the UI; the message says why photos the
 * customer sees as accepted do not count.
 */
export function setGate(input: SetGateInput): SetGateResult {
  const accepted = Math.max(0, Math.floor(input.accepted));
  const distinct = Math.min(accepted, Math.max(0, Math.floor(input.distinct)));
  const counted = Math.min(distinct, Math.max(0, Math.floor(input.samePerson)));
  const needed = Math.max(0, MIN_ACCEPTED_PHOTOS - counted);
  if (needed === 0) {
    return { ok: true, needed, counted, message: `${counted} good photos — ready for checkout.` };
  }
  const why: string[] = [];
  const duplicates = accepted - distinct;
  const others = distinct - counted;
  if (duplicates > 0)
    why.push(`${plural(duplicates, 'photo is a near-copy', 'photos are near-copies')} of another`);
  if (others > 0) why.push(`${plural(others, 'photo seems', 'photos seem')} to show someone else`);
  const head = `${plural(needed, 'more good photo', 'more good photos')} needed (at least ${MIN_ACCEPTED_PHOTOS}).`;
  return {
    ok: false,
    needed,
    counted,
    message: why.length ? `${head} ${capitalise(why.join('; '))}.` : head,
  };
}

/**
 * The gate from an order's stored photo counters. `distinct` and `counted` are written by set-level
 * QC; an order judged before they existed counts its accepted photos.
 */
export function checkoutGate(photos: {
  accepted: number;
  distinct?: number;
  counted?: number;
}): SetGateResult {
  const distinct = photos.distinct ?? photos.accepted;
  return setGate({ accepted: photos.accepted, distinct, samePerson: photos.counted ?? distinct });
}

/**
 * The same gate from the photos themselves, as the browser sees them live: an accepted photo with a
 * set-level flag does not count; a near-copy is not distinct either.
 */
export function checkoutGateForPhotos(
  photos: ReadonlyArray<{ status: string; setReasons?: ReadonlyArray<{ code: string }> }>,
): SetGateResult {
  const accepted = photos.filter((p) => p.status === 'accepted');
  const flagged = accepted.filter((p) => (p.setReasons?.length ?? 0) > 0);
  const copies = flagged.filter((p) => p.setReasons!.some((r) => r.code === 'duplicate'));
  return checkoutGate({
    accepted: accepted.length,
    distinct: accepted.length - copies.length,
    counted: accepted.length - flagged.length,
  });
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
