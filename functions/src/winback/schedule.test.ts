import { describe, expect, it } from 'vitest';
import { linkSignature, validLinkSignature } from '../email/links.js';
import { promotionCodeRefusal } from './stripe-customer.js';
import { marketingFollowUps, orderState } from './schedule.js';

const AT = Date.UTC(2027, 0, 1, 12);
const ready = { status: 'ready' as const, photos: { accepted: 12 } };
const uploading = (accepted: number) => ({ status: 'uploading' as const, photos: { accepted } });

describe('marketingFollowUps', () => {
  it('schedules the three win-back emails when an order becomes ready', () => {
    const tasks = marketingFollowUps('o1', uploading(0), ready, AT);
    expect(tasks).toEqual([
      {
        queue: 'sendMarketingEmail',
        id: 'winback-o1-1',
        payload: { kind: 'winback', orderId: 'o1', step: 1, dueAt: AT + 3600_000 },
        delaySeconds: 3600,
      },
      {
        queue: 'sendMarketingEmail',
        id: 'winback-o1-2',
        payload: { kind: 'winback', orderId: 'o1', step: 2, dueAt: AT + 86_400_000 },
        delaySeconds: 86_400,
      },
      {
        queue: 'sendMarketingEmail',
        id: 'winback-o1-3',
        payload: { kind: 'winback', orderId: 'o1', step: 3, dueAt: AT + 172_800_000 },
        delaySeconds: 172_800,
      },
    ]);
  });

  it('schedules them too for an upload that stalls with accepted photos, once', () => {
    expect(marketingFollowUps('o1', uploading(0), uploading(1), AT)).toHaveLength(3);
    // Still eligible (more photos, then ready): nothing new.
    expect(marketingFollowUps('o1', uploading(1), uploading(4), AT)).toEqual([]);
    expect(marketingFollowUps('o1', uploading(9), ready, AT)).toEqual([]);
  });

  it('schedules nothing for drafts, empty uploads, or payment', () => {
    expect(marketingFollowUps('o1', null, { status: 'draft' }, AT)).toEqual([]);
    expect(marketingFollowUps('o1', { status: 'draft' }, uploading(0), AT)).toEqual([]);
    expect(marketingFollowUps('o1', ready, { status: 'paid', photos: { accepted: 12 } }, AT)).toEqual([]);
    expect(marketingFollowUps('o1', ready, null, AT)).toEqual([]);
  });

  it('asks for a rating a day after delivery, once', () => {
    const delivered = { status: 'delivered' as const };
    expect(marketingFollowUps('o1', { status: 'generating' }, delivered, AT)).toEqual([
      {
        queue: 'sendMarketingEmail',
        id: 'rating-request-o1',
        payload: { kind: 'rating-request', orderId: 'o1', dueAt: AT + 86_400_000 },
        delaySeconds: 86_400,
      },
    ]);
    expect(marketingFollowUps('o1', delivered, delivered, AT)).toEqual([]);
  });

  it('reads order documents defensively', () => {
    expect(orderState(undefined)).toBeNull();
    expect(orderState({ status: 'nope' })).toBeNull();
    expect(
      orderState({ status: 'uploading', photos: { uploaded: 3, pending: 0, accepted: 2, rejected: 1 } }),
    ).toEqual({ status: 'uploading', photos: { uploaded: 3, pending: 0, accepted: 2, rejected: 1 } });
  });
});

describe('signed email links', () => {
  const secret = 'x'.repeat(40);
  it('accept their own signature only, per purpose and subject', () => {
    const sig = linkSignature('unsubscribe', 'uid1', secret);
    expect(validLinkSignature('unsubscribe', 'uid1', sig, secret)).toBe(true);
    expect(validLinkSignature('unsubscribe', 'uid2', sig, secret)).toBe(false);
    expect(validLinkSignature('rate', 'uid1', sig, secret)).toBe(false);
    expect(validLinkSignature('unsubscribe', 'uid1', sig, 'y'.repeat(40))).toBe(false);
    expect(validLinkSignature('unsubscribe', 'uid1', sig.slice(1), secret)).toBe(false);
    expect(validLinkSignature('unsubscribe', 'uid1', '', secret)).toBe(false);
  });
});

describe('promotionCodeRefusal', () => {
  const now = Date.UTC(2027, 0, 1);
  it('refuses expired and used-up codes in words', () => {
    const base = { expires_at: now / 1000 + 60, max_redemptions: 1, times_redeemed: 0 };
    expect(promotionCodeRefusal(base, now)).toBeNull();
    expect(promotionCodeRefusal({ ...base, times_redeemed: 1 }, now)).toBe(
      'This discount code was already used.',
    );
    expect(promotionCodeRefusal({ ...base, expires_at: now / 1000 }, now)).toBe(
      'This discount code has expired.',
    );
    expect(
      promotionCodeRefusal({ expires_at: null, max_redemptions: null, times_redeemed: 9 }, now),
    ).toBeNull();
  });
});
