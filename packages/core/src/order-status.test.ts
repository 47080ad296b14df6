import { describe, expect, it } from 'vitest';
import {
  assertTransition,
  canTransition,
  ORDER_STATUSES,
  PAID_STATUSES,
  TransitionError,
  type OrderStatus,
} from './order-status.js';

// The whole table, written out independently of the implementation: every pair not listed is refused.
const EXPECTED_ALLOWED: ReadonlyArray<[OrderStatus, OrderStatus]> = [
  ['draft', 'uploading'],
  ['draft', 'deleted'],
  ['uploading', 'ready'],
  ['uploading', 'deleted'],
  ['ready', 'uploading'],
  ['ready', 'paid'],
  ['ready', 'deleted'],
  ['paid', 'training'],
  ['paid', 'failed'],
  ['paid', 'refunded'],
  ['paid', 'deleted'],
  ['training', 'generating'],
  ['training', 'failed'],
  ['training', 'refunded'],
  ['training', 'deleted'],
  ['generating', 'delivered'],
  ['generating', 'failed'],
  ['generating', 'refunded'],
  ['generating', 'deleted'],
  ['delivered', 'generating'],
  ['delivered', 'refunded'],
  ['delivered', 'deleted'],
  ['failed', 'paid'],
  ['failed', 'generating'],
  ['failed', 'refunded'],
  ['failed', 'deleted'],
  ['refunded', 'deleted'],
];

const key = (a: string, b: string) => `${a}->${b}`;
const allowed = new Set(EXPECTED_ALLOWED.map(([a, b]) => key(a, b)));

describe('order state machine', () => {
  for (const from of ORDER_STATUSES) {
    for (const to of ORDER_STATUSES) {
      const ok = allowed.has(key(from, to));
      it(`${ok ? 'allows' : 'refuses'} ${from} -> ${to}`, () => {
        expect(canTransition(from, to)).toBe(ok);
        if (ok) expect(() => assertTransition(from, to)).not.toThrow();
        else expect(() => assertTransition(from, to)).toThrow(TransitionError);
      });
    }
  }

  it('names both ends in the error', () => {
    expect(() => assertTransition('delivered', 'paid')).toThrow(
      'Order cannot move from "delivered" to "paid"',
    );
  });

  it('lets every order be deleted, from any status, and deleted is terminal', () => {
    expect(ORDER_STATUSES.filter((s) => s !== 'deleted' && !canTransition(s, 'deleted'))).toEqual([]);
    expect(ORDER_STATUSES.filter((s) => canTransition('deleted', s))).toEqual([]);
  });
});

describe('paid statuses', () => {
  it('are exactly the statuses past checkout, deletion aside', () => {
    expect(PAID_STATUSES).toEqual(['paid', 'training', 'generating', 'delivered', 'failed', 'refunded']);
  });
});
