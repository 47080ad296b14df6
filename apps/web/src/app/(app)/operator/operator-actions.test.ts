import { describe, expect, it } from 'vitest';
import {
  describeActor,
  describeChange,
  describeGallery,
  describeResend,
  describeVerify,
  galleryIsOpen,
  resendableEmailFor,
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
