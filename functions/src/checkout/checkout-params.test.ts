import { describe, expect, it } from 'vitest';
import { checkoutIdempotencyKey, checkoutSessionParams, sessionMatches } from './checkout-params.js';

describe('checkoutSessionParams', () => {
  const base = {
    orderId: 'order_1',
    uid: 'user_1',
    planId: 'professional' as const,
    priceId: 'price_professional',
    webUrl: 'https://likeness.example/',
  };

  it("sells the plan's Stripe price once, for the order, and comes back to the order page", () => {
    const p = checkoutSessionParams({ ...base, email: 'a@b.co' });
    expect(p.mode).toBe('payment');
    // The catalog's price, never an inline amount: what is charged is what the Stripe price says.
    expect(p.line_items).toEqual([{ price: 'price_professional', quantity: 1 }]);
    expect(p.client_reference_id).toBe('order_1');
    expect(p.metadata).toEqual({ orderId: 'order_1', uid: 'user_1', planId: 'professional' });
    expect(p.success_url).toBe(
      'https://likeness.example/orders/order_1?checkout=success&session_id={CHECKOUT_SESSION_ID}',
    );
    expect(p.cancel_url).toBe('https://likeness.example/orders/order_1?checkout=cancel');
    expect(p.customer_email).toBe('a@b.co');
    expect(p.discounts).toBeUndefined();
    expect(p.currency).toBe('usd');
  });

  it("asks Stripe for the order's currency, so the price's currency option is charged", () => {
    expect(checkoutSessionParams({ ...base, currency: 'gbp' }).currency).toBe('gbp');
    expect(checkoutSessionParams({ ...base, currency: 'aud' }).line_items).toEqual([
      { price: 'price_professional', quantity: 1 },
    ]);
  });

  it('applies a promotion code and remembers the code typed', () => {
    const p = checkoutSessionParams({
      ...base,
      discount: { code: 'WELCOME10', promotionCodeId: 'promo_123' },
    });
    expect(p.discounts).toEqual([{ promotion_code: 'promo_123' }]);
    expect(p.metadata!.discountCode).toBe('WELCOME10');
    expect(p.customer_email).toBeUndefined();
  });

  it('creates the session for the customer a code is restricted to, instead of the email', () => {
    const p = checkoutSessionParams({
      ...base,
      email: 'a@b.co',
      discount: { code: 'WB2-ABC', promotionCodeId: 'promo_9', customer: 'cus_1' },
    });
    expect(p.customer).toBe('cus_1');
    expect(p.customer_email).toBeUndefined();
    expect(p.discounts).toEqual([{ promotion_code: 'promo_9' }]);
  });
});

describe('sessionMatches', () => {
  it('reuses a session only for the same plan, discount code and currency', () => {
    const s = { metadata: { planId: 'starter', discountCode: 'X10' }, currency: 'usd' };
    expect(sessionMatches(s, { planId: 'starter', discountCode: 'X10' })).toBe(true);
    expect(sessionMatches(s, { planId: 'starter' })).toBe(false);
    expect(sessionMatches(s, { planId: 'executive', discountCode: 'X10' })).toBe(false);
    expect(sessionMatches(s, { planId: 'starter', discountCode: 'X10', currency: 'gbp' })).toBe(false);
    const gbp = { metadata: { planId: 'starter' }, currency: 'gbp' };
    expect(sessionMatches(gbp, { planId: 'starter', currency: 'gbp' })).toBe(true);
    expect(sessionMatches(gbp, { planId: 'starter' })).toBe(false);
  });
});

describe('checkoutIdempotencyKey', () => {
  it('is stable for the same request and differs when plan, code or predecessor differ', () => {
    const k = checkoutIdempotencyKey('o1', 'starter', undefined);
    expect(checkoutIdempotencyKey('o1', 'starter', undefined)).toBe(k);
    expect(
      new Set([
        k,
        checkoutIdempotencyKey('o1', 'starter', 'X10'),
        checkoutIdempotencyKey('o1', 'executive', undefined),
        checkoutIdempotencyKey('o2', 'starter', undefined),
        checkoutIdempotencyKey('o1', 'starter', undefined, 'cs_old'),
      ]).size,
    ).toBe(5);
  });
});
