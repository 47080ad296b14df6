import { describe, expect, it } from 'vitest';
import {
  canRefund,
  describeActor,
  describeChange,
  describeGallery,
  describeRefund,
  describeResend,
  describeRetry,
  describeVerify,
  galleryIsOpen,
  RefundAmountInput,
  resendableEmailFor,
  retryScopesFor,
} from './operator-actions';

describe('operator actions', () => {
  it('offers the email the order status owes, and none otherwise', () => {
    expect(resendableEmailFor('delivered')).toBe('order-delivered');
    expect(resendableEmailFor('failed')).toBe('order-failed');
    expect(resendableEmailFor('training')).toBeNull();
  });

  it('treats a gallery as open unless an operator closed it', () => {
    expect(galleryIsOpen({})).toBe(true);
    expect(galleryIsOpen({ gallery: { open: true } })).toBe(true);
    expect(galleryIsOpen({ gallery: { open: false } })).toBe(false);
  });

  it('words what the callables answered', () => {
    expect(describeResend({ dedupeKey: 'delivered-o1-resend-2', resend: 2, alreadyQueued: false })).toBe(
      'Resend #2 queued (mail record delivered-o1-resend-2).',
    );
    expect(describeResend({ dedupeKey: 'delivered-o1-resend-2', resend: 2, alreadyQueued: true })).toMatch(
      /had not gone out yet/,
    );
    expect(describeGallery({ open: false, changed: true })).toBe('Gallery closed.');
    expect(describeGallery({ open: true, changed: false })).toBe(
      'The gallery was already open; nothing changed.',
    );
    expect(describeVerify({ ok: true, entries: 1 })).toBe('Chain intact: 1 entry checked.');
    expect(
      describeVerify({ ok: false, entries: 2, brokenAt: { seq: 3, problem: 'Entry 3 is missing.' } }),
    ).toBe('Chain broken at entry 3: Entry 3 is missing. 2 entries before it check out.');
  });

  it('shows who acted and what changed', () => {
    expect(describeActor({ uid: 'u1', email: 'op@example.test' })).toBe('op@example.test');
    expect(describeActor({ uid: 'u1', email: null })).toBe('u1');
    expect(describeActor({ system: 'stripe-webhook' })).toBe('system: stripe-webhook');
    expect(describeChange({ open: true }, { open: false })).toBe('{"open":true} → {"open":false}');
    expect(describeChange(null, { refunded: 2900 })).toBe('— → {"refunded":2900}');
  });
});

describe('refund and retry actions', () => {
  it('offers a refund only for a card payment with something left', () => {
    const paid = { status: 'delivered' as const, payment: { paymentIntent: 'pi_1' } };
    expect(canRefund(paid)).toBe(true);
    expect(canRefund({ ...paid, refund: { full: false } })).toBe(true);
    expect(canRefund({ ...paid, refund: { full: true } })).toBe(false);
    expect(canRefund({ ...paid, status: 'refunded' })).toBe(false);
    expect(canRefund({ status: 'delivered', payment: { paymentIntent: null } })).toBe(false);
    expect(canRefund({ status: 'ready' })).toBe(false);
  });

  it('reads the amount typed as cents, empty as everything left, and refuses the rest in words', () => {
    expect(RefundAmountInput.parse('')).toBeUndefined();
    expect(RefundAmountInput.parse(' 12.5 ')).toBe(1250);
    expect(RefundAmountInput.parse('0.29')).toBe(29);
    expect(RefundAmountInput.parse('9')).toBe(900);
    for (const bad of ['12,50', '-3', '1.234', 'ten']) {
      expect(() => RefundAmountInput.parse(bad), bad).toThrow(/Enter an amount like 12.50/);
    }
    expect(() => RefundAmountInput.parse('0')).toThrow(/more than 0/);
  });

  it('offers the retry that fits what the order shows', () => {
    expect(retryScopesFor({ status: 'failed' })).toEqual(['training']);
    expect(retryScopesFor({ status: 'failed', images: { failed: 40 } })).toEqual(['failed-predictions']);
    expect(retryScopesFor({ status: 'delivered', images: { failed: 8 } })).toEqual(['failed-predictions']);
    expect(retryScopesFor({ status: 'delivered', images: { failed: 0 } })).toEqual([]);
    expect(retryScopesFor({ status: 'generating', images: { failed: 4 } })).toEqual([]);
  });

  it('words what the money and retry callables answered', () => {
    expect(describeRefund({ refundId: 're_1', amount: 900, currency: 'usd', repeated: false })).toBe(
      'Refunded $9.00 (re_1). The order updates when Stripe confirms.',
    );
    expect(describeRefund({ refundId: 're_1', amount: 900, currency: 'usd', repeated: true })).toBe(
      'This request had already refunded $9.00 (re_1); nothing new was refunded.',
    );
    expect(describeRetry({ started: true, jobs: 0, status: 'paid' })).toMatch(/Training queued again/);
    expect(describeRetry({ started: true, jobs: 3, status: 'generating' })).toBe(
      '3 failed jobs queued again; the order is generating.',
    );
    expect(describeRetry({ started: false, jobs: 0, status: 'generating' })).toBe(
      'The order is already being worked on ("generating"); nothing was started.',
    );
  });
});
