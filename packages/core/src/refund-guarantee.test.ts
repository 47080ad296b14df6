import { describe, expect, it } from 'vitest';
import {
  describeRefundGuarantee,
  REFUND_GUARANTEE,
  refundFactsOf,
  refundRoute,
  type RefundFacts,
} from './refund-guarantee.js';

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 5, 10, 12);

const delivered = (over: Partial<RefundFacts> = {}): RefundFacts => ({
  status: 'delivered',
  paymentIntent: 'pi_1',
  fullyRefunded: false,
  deliveredAt: NOW - DAY,
  downloads: 0,
  ...over,
});

describe('refund guarantee rule', () => {
  it('refunds at once a delivered, paid order within the window with nothing downloaded', () => {
    expect(refundRoute(delivered(), NOW)).toEqual({ kind: 'automatic' });
    // The window includes its last moment.
    expect(refundRoute(delivered({ deliveredAt: NOW - REFUND_GUARANTEE.days * DAY }), NOW)).toEqual({
      kind: 'automatic',
    });
  });

  it('sends the request to the operator once the window has passed or something was downloaded', () => {
    const late = refundRoute(delivered({ deliveredAt: NOW - REFUND_GUARANTEE.days * DAY - 1 }), NOW);
    expect(late).toEqual({
      kind: 'request',
      why: 'Your headshots were delivered more than 7 days ago, so the automatic refund no longer applies.',
    });
    expect(refundRoute(delivered({ downloads: 1 }), NOW)).toMatchObject({
      kind: 'request',
      why: expect.stringMatching(/were downloaded/),
    });
    expect(refundRoute(delivered({ deliveredAt: undefined }), NOW).kind).toBe('request');
    expect(refundRoute(delivered({ status: 'failed', deliveredAt: undefined }), NOW).kind).toBe('request');
  });

  it('ignores downloads when the guarantee does not depend on them', () => {
    const lenient = { days: 7, onlyIfNothingDownloaded: false };
    expect(refundRoute(delivered({ downloads: 3 }), NOW, lenient)).toEqual({ kind: 'automatic' });
  });

  it('refuses what has nothing to refund, or nothing yet', () => {
    expect(refundRoute(delivered({ fullyRefunded: true }), NOW)).toEqual({
      kind: 'refused',
      why: 'This order has already been refunded.',
    });
    expect(refundRoute(delivered({ status: 'refunded' }), NOW).kind).toBe('refused');
    expect(refundRoute(delivered({ paymentIntent: null }), NOW)).toEqual({
      kind: 'refused',
      why: 'This order was free, so there is no payment to refund.',
    });
    for (const status of ['draft', 'ready', 'paid', 'training', 'generating', 'deleted'] as const) {
      expect(refundRoute(delivered({ status }), NOW).kind, status).toBe('refused');
    }
  });

  it('reads the facts off an order as either side holds it', () => {
    expect(refundFactsOf({ status: 'delivered' }, undefined)).toEqual({
      status: 'delivered',
      paymentIntent: null,
      fullyRefunded: false,
      deliveredAt: undefined,
      downloads: 0,
    });
    expect(
      refundFactsOf(
        {
          status: 'delivered',
          payment: { paymentIntent: 'pi_9' },
          refund: { full: false },
          downloads: { count: 2 },
        },
        NOW,
      ),
    ).toEqual({
      status: 'delivered',
      paymentIntent: 'pi_9',
      fullyRefunded: false,
      deliveredAt: NOW,
      downloads: 2,
    });
  });
});

describe('what the site says', () => {
  it('quotes the window and the download condition from the constant', () => {
    expect(describeRefundGuarantee()).toBe(
      'Not happy? Ask within 7 days of delivery, before downloading any headshot, and we refund you in full at once.',
    );
    expect(describeRefundGuarantee({ days: 1, onlyIfNothingDownloaded: false })).toBe(
      'Not happy? Ask within 1 day of delivery and we refund you in full at once.',
    );
  });
});
