import { describe, expect, it } from 'vitest';
import type { OrderDoc } from './documents.js';
import { PLANS } from './plans.js';
import {
  autoRedoBound,
  chooseAutoRedos,
  autoRedoImageId,
  autoRedoJobId,
  customerRedoImageId,
  customerRedoJobId,
  redoRefusal,
  redosLeft,
  slotOf,
} from './redo.js';

const ts = { toMillis: () => 0 };
const order = (over: Partial<OrderDoc> = {}): OrderDoc => ({
  uid: 'u1',
  status: 'delivered',
  planId: 'starter',
  styleIds: ['corporate-grey'],
  subjectClass: 'man',
  createdAt: ts,
  updatedAt: ts,
  ...over,
});
const idle = { redo: null };
const deleting = {
  reason: 'customer',
  state: 'deleting',
  done: [],
  attempts: 0,
  lastError: null,
} as const;

describe('redo allowance', () => {
  it('counts requests less the ones that produced nothing', () => {
    expect(redosLeft(order())).toBe(PLANS.starter.redos);
    expect(redosLeft(order({ redos: { requested: 3, failed: 1, auto: 4 } }))).toBe(PLANS.starter.redos - 2);
    expect(redosLeft(order({ redos: { requested: 99, failed: 0, auto: 0 } }))).toBe(0);
  });

  it('gives every plan an allowance', () => {
    for (const plan of Object.values(PLANS)) expect(plan.redos).toBeGreaterThan(0);
  });
});

describe('redoRefusal', () => {
  it('lets the owner redo an idle headshot of a delivered, open order', () => {
    expect(redoRefusal(order(), idle, 'u1')).toBeNull();
  });

  it('refuses with the reason, in words', () => {
    const cases: Array<[OrderDoc, { redo?: unknown } | null, string, string]> = [
      [order(), idle, 'u2', 'permission-denied'],
      [order({ status: 'generating' }), idle, 'u1', 'failed-precondition'],
      [order({ gallery: { open: false, by: 'op', reason: 'x' } }), idle, 'u1', 'failed-precondition'],
      [order({ status: 'refunded' }), idle, 'u1', 'failed-precondition'],
      [order({ refundRequest: { reason: 'no', uid: 'u1' } }), idle, 'u1', 'failed-precondition'],
      [order({ erasure: { ...deleting, scope: 'everything' } }), idle, 'u1', 'failed-precondition'],
      [order({ erasure: { ...deleting, scope: 'training-data' } }), idle, 'u1', 'failed-precondition'],
      [order(), null, 'u1', 'not-found'],
      [order(), { redo: { jobId: 'redo-x-1', kind: 'customer' } }, 'u1', 'failed-precondition'],
      [
        order({ redos: { requested: PLANS.starter.redos, failed: 0, auto: 0 } }),
        idle,
        'u1',
        'resource-exhausted',
      ],
    ];
    for (const [o, image, uid, code] of cases) {
      const refusal = redoRefusal(o, image as { redo: null }, uid);
      expect(refusal?.code, JSON.stringify({ o, image })).toBe(code);
      expect(refusal!.message.length).toBeGreaterThan(10);
    }
    expect(redoRefusal(order(), { redo: { jobId: 'j', kind: 'customer' } }, 'u1')!.message).toMatch(
      /already being redone/,
    );
    const erased = order({ erasure: { ...deleting, done: [], scope: 'training-data' } });
    expect(redoRefusal(erased, idle, 'u1')!.message).toMatch(/personal model were deleted/);
  });
});

describe('redo ids and bounds', () => {
  it('keeps the slot across redos and never repeats a customer job id', () => {
    expect(slotOf({}, 'corporate-grey-0-2')).toBe('corporate-grey-0-2');
    expect(slotOf({ slot: 'corporate-grey-0-2' }, 'corporate-grey-0-2-r1')).toBe('corporate-grey-0-2');
    expect(customerRedoJobId('corporate-grey-0-2', 1)).not.toBe(customerRedoJobId('corporate-grey-0-2', 2));
    expect(customerRedoImageId('corporate-grey-0-2', 3)).toBe('corporate-grey-0-2-r3');
    expect(autoRedoJobId('corporate-grey-0-2')).toBe('auto-corporate-grey-0-2');
    expect(autoRedoImageId('corporate-grey-0-2')).toBe('corporate-grey-0-2-a');
  });

  it('bounds automatic redos at a tenth of the planned images', () => {
    expect(autoRedoBound(40)).toBe(4);
    expect(autoRedoBound(100)).toBe(10);
    expect(autoRedoBound(9)).toBe(0);
  });
});

describe('chooseAutoRedos', () => {
  const weak = (index: number, score: number) => ({ index, blocked: false, score });
  const blocked = (index: number) => ({ index, blocked: true, score: 0 });

  it('redoes blocked outputs first, then the weakest beyond the tolerated share', () => {
    // 40 planned: 4 automatic redos, 2 weak tolerated.
    expect(
      chooseAutoRedos({ planned: 40, used: 0, weakKept: 0 }, [weak(0, 0.3), blocked(2), weak(3, 0.1)]),
    ).toEqual({ redo: [2], weakKept: 2 });
    expect(chooseAutoRedos({ planned: 40, used: 0, weakKept: 2 }, [weak(0, 0.3), weak(3, 0.1)])).toEqual({
      redo: [3, 0],
      weakKept: 0,
    });
    expect(chooseAutoRedos({ planned: 40, used: 0, weakKept: 1 }, [weak(0, 0.3), weak(3, 0.1)])).toEqual({
      redo: [3],
      weakKept: 1,
    });
  });

  it('never goes past the bound, and keeps what it cannot redo', () => {
    expect(
      chooseAutoRedos({ planned: 40, used: 3, weakKept: 2 }, [blocked(0), blocked(1), weak(2, 0)]),
    ).toEqual({
      redo: [0],
      weakKept: 1,
    });
    expect(chooseAutoRedos({ planned: 40, used: 4, weakKept: 9 }, [blocked(0), weak(1, 0.2)])).toEqual({
      redo: [],
      weakKept: 1,
    });
    expect(chooseAutoRedos({ planned: 9, used: 0, weakKept: 0 }, [blocked(0)]).redo).toEqual([]);
  });
});
