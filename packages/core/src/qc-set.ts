import { z } from 'zod';
import type { OrderStatus } from './order-status.js';
import { MIN_ACCEPTED_PHOTOS } from './qc.js';

/**
 * The checkout gate over the whole set of selfies, and set-level tips.
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
 * Set-level QC (packages/selfie-qc) runs it and stores the result on the order; the message says why
 * photos the customer sees as accepted do not count.
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

/** Where every order starts, before any photo is judged. */
export const EMPTY_SET_GATE = setGate({ accepted: 0, distinct: 0, samePerson: 0 });

export interface OrderGate {
  open: boolean;
  needed: number;
  message: string;
}

/**
 * The checkout gate of an order as set-level QC last wrote it: `qc.gateMessage` and `qc.needed`, and
 * `ready` exactly while the gate is open (all three are written in one transaction). The order page
 * shows it and createCheckout enforces it; nothing else recomputes it.
 */
export function orderGate(order: {
  status: OrderStatus;
  qc?: { gateMessage: string; needed: number } | undefined;
}): OrderGate {
  return {
    open: order.status === 'ready',
    needed: order.qc?.needed ?? EMPTY_SET_GATE.needed,
    message: order.qc?.gateMessage ?? EMPTY_SET_GATE.message,
  };
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
