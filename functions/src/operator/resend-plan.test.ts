import { RESENDABLE_EMAIL_STATUS, ResendableEmail } from '@likeness/core';
import { describe, expect, it } from 'vitest';
import { EMAILS } from '../email/registry.js';
import { lastResendNumber, planResend, resendKey, resendRefusal } from './resend-plan.js';

describe('resend plan', () => {
  it('offers exactly the registry emails core lists, owed by the statuses the console assumes', () => {
    for (const template of ResendableEmail.options) {
      expect(EMAILS[template].trigger.status, template).toBe(RESENDABLE_EMAIL_STATUS[template]);
      expect(resendRefusal(template, RESENDABLE_EMAIL_STATUS[template]), template).toBeNull();
    }
  });

  it('sends the email only to orders whose status owes it, and says why not', () => {
    expect(resendRefusal('order-delivered', 'delivered')).toBeNull();
    expect(resendRefusal('order-failed', 'failed')).toBeNull();
    expect(resendRefusal('order-delivered', 'generating')).toBe(
      'This order is "generating"; the "order-delivered" email is only for orders that are "delivered".',
    );
    expect(resendRefusal('order-failed', 'delivered')).toMatch(/only for orders that are "failed"/);
  });

  it('keys each resend apart from the original and from each other', () => {
    expect(resendKey('order-delivered', 'o1', 1)).toBe('delivered-o1-resend-1');
    expect(resendKey('order-failed', 'o1', 3)).toBe('failed-o1-resend-3');
  });

  it('numbers after the highest recorded resend of the same template, ignoring others', () => {
    const afters = [
      { template: 'order-delivered', resend: 1, dedupeKey: 'delivered-o1-resend-1' },
      { template: 'order-failed', resend: 5, dedupeKey: 'failed-o1-resend-5' },
      { template: 'order-delivered', resend: 2, dedupeKey: 'delivered-o1-resend-2' },
      { something: 'else' },
      null,
    ];
    expect(lastResendNumber(afters, 'order-delivered')).toBe(2);
    expect(lastResendNumber(afters, 'order-failed')).toBe(5);
    expect(lastResendNumber([], 'order-failed')).toBe(0);
  });

  it('makes a new resend when none is on its way', () => {
    expect(planResend('order-delivered', 'o1', null)).toEqual({
      n: 1,
      dedupeKey: 'delivered-o1-resend-1',
      alreadyQueued: false,
    });
    for (const mailStatus of ['sent', 'skipped', 'error']) {
      expect(planResend('order-delivered', 'o1', { n: 2, mailStatus })).toEqual({
        n: 3,
        dedupeKey: 'delivered-o1-resend-3',
        alreadyQueued: false,
      });
    }
  });

  it('queues the last resend again while it has not gone out (a second click sends one email)', () => {
    for (const mailStatus of [null, 'sending']) {
      expect(planResend('order-delivered', 'o1', { n: 2, mailStatus })).toEqual({
        n: 2,
        dedupeKey: 'delivered-o1-resend-2',
        alreadyQueued: true,
      });
    }
  });
});
