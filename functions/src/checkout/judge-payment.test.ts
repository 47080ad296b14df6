import { PLANS, type OrderDoc } from '@likeness/core';
import { describe, expect, it } from 'vitest';
import { judgePayment, type SessionFacts } from './judge-payment.js';

const ts = { toMillis: () => 0 };
const order: Pick<OrderDoc, 'status' | 'uid' | 'planId' | 'checkout' | 'payment' | 'currency'> = {
  status: 'ready',
  uid: 'u1',
  planId: 'starter',
  checkout: { sessionId: 'cs_1', url: 'https://pay', createdAt: ts },
};
const session: SessionFacts = {
  id: 'cs_1',
  metadata: { orderId: 'o1', uid: 'u1', planId: 'starter' },
  amount_subtotal: PLANS.starter.priceCents,
  currency: 'usd',
};

describe('judgePayment', () => {
  it("pays for the order with the order's own session, owner, plan and price", () => {
    expect(judgePayment(session, order)).toEqual({ kind: 'pay' });
  });

  it('knows the payment it already recorded', () => {
    const paid = {
      ...order,
      status: 'training' as const,
      payment: { sessionId: 'cs_1', amountTotal: 2900, currency: 'usd' },
    };
    expect(judgePayment(session, paid)).toEqual({ kind: 'already-paid' });
  });

  it('flags a second payment of a paid order', () => {
    const paid = {
      ...order,
      status: 'paid' as const,
      payment: { sessionId: 'cs_0', amountTotal: 2900, currency: 'usd' },
    };
    expect(judgePayment(session, paid)).toMatchObject({ kind: 'issue', code: 'second_payment' });
  });

  it("flags a session that is not the order's open checkout (another tab, another integration)", () => {
    expect(judgePayment({ ...session, id: 'cs_other' }, order)).toMatchObject({
      kind: 'issue',
      code: 'not_this_orders_session',
    });
    expect(judgePayment(session, { ...order, checkout: undefined })).toMatchObject({
      code: 'not_this_orders_session',
    });
  });

  it('flags a Starter session paying for an Executive order, or a stranger paying', () => {
    expect(judgePayment(session, { ...order, planId: 'executive' })).toMatchObject({
      code: 'plan_mismatch',
      message: 'The checkout was for the starter plan; the order is executive.',
    });
    expect(judgePayment({ ...session, metadata: { ...session.metadata, uid: 'u2' } }, order)).toMatchObject({
      code: 'plan_mismatch',
    });
  });

  it("flags an amount that is not the plan's price before discounts", () => {
    expect(judgePayment({ ...session, amount_subtotal: 100 }, order)).toMatchObject({
      code: 'amount_mismatch',
      message: 'The checkout charged 1.00 USD before discounts; the Starter plan costs 29.00 USD.',
    });
    expect(judgePayment({ ...session, currency: 'eur' }, order)).toMatchObject({ code: 'amount_mismatch' });
  });

  it("pays a pound order with the plan's pound price, and refuses it at any other currency or amount", () => {
    const gbpOrder = { ...order, currency: 'gbp' as const };
    const inPounds = { ...session, amount_subtotal: PLANS.starter.prices.gbp, currency: 'gbp' };
    expect(judgePayment(inPounds, gbpOrder)).toEqual({ kind: 'pay' });
    // The plan's own price in dollars is still not what this order costs.
    expect(judgePayment(session, gbpOrder)).toMatchObject({
      code: 'amount_mismatch',
      message: 'The checkout charged 29.00 USD before discounts; the Starter plan costs 25.00 GBP.',
    });
    expect(judgePayment({ ...inPounds, amount_subtotal: 2900 }, gbpOrder)).toMatchObject({
      code: 'amount_mismatch',
    });
    // Nor does a dollar order take pounds, even the right plan's.
    expect(judgePayment(inPounds, order)).toMatchObject({ code: 'amount_mismatch' });
    for (const currency of ['cad', 'aud'] as const) {
      const o = { ...order, currency };
      const s = { ...session, amount_subtotal: PLANS.starter.prices[currency], currency };
      expect(judgePayment(s, o)).toEqual({ kind: 'pay' });
      expect(judgePayment({ ...s, currency: 'gbp' }, o)).toMatchObject({ code: 'amount_mismatch' });
    }
  });

  it('flags a payment for an order that is not ready', () => {
    expect(judgePayment(session, { ...order, status: 'uploading' })).toMatchObject({ code: 'not_payable' });
  });
});
