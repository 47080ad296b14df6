import { describe, expect, it } from 'vitest';
import {
  accountDeletionGoes,
  accountHoldings,
  describeRemoved,
  orderHoldings,
  receiptEmailed,
} from './erasure-view';

const payment = { sessionId: 'cs_1', amountTotal: 2900, currency: 'usd' };
const training = { id: 't1', status: 'succeeded' };

describe('orderHoldings', () => {
  it('before payment: the selfies go, nothing stays with Stripe', () => {
    const { goes, stays } = orderHoldings({ status: 'ready' }, 13, 0);
    expect(goes).toEqual([
      '13 selfies, with their thumbnails, face crops and face measurements',
      'Any download zips and upload links of this order',
    ]);
    expect(stays.join(' ')).not.toMatch(/Stripe/);
  });

  it('after delivery: selfies, the model here and at the provider, the headshots; payment stays', () => {
    const { goes, stays } = orderHoldings({ status: 'delivered', payment, training }, 1, 40);
    expect(goes).toEqual([
      '1 selfie, with its thumbnail, face crop and face measurements',
      'Your personal model: its weights in our storage and its version at the GPU provider, with the training set',
      '40 headshots',
      'Any download zips and upload links of this order',
    ]);
    expect(stays.at(-1)).toMatch(/payment record stays with Stripe.*does not refund/);
  });

  it('says running work stops, and leaves out a model the retention schedule already deleted', () => {
    expect(orderHoldings({ status: 'training', payment, training }, 12, 0).goes[0]).toMatch(/stop/);
    const erased = orderHoldings(
      { status: 'delivered', payment, training, retention: { trainingDataErasedAt: 1 } },
      0,
      40,
    );
    expect(erased.goes.join(' ')).not.toMatch(/model|selfie/);
  });
});

describe('describeRemoved', () => {
  it('names what the deletion counted, leaving out zeros and naming unknown counts plainly', () => {
    expect(describeRemoved({ files: 120, cancelled: 0, models: 1, images: 40, photos: 13 })).toEqual([
      '13 selfies',
      '40 headshots',
      '1 personal model at the GPU provider',
      '120 files in our storage',
    ]);
    expect(describeRemoved({ uploadIntents: 2, photos: 1 })).toEqual(['1 selfie', '2 × upload intents']);
    expect(describeRemoved(undefined)).toEqual([]);
  });
});

describe('receiptEmailed', () => {
  it('matches the receipts the deletion routine sends', () => {
    expect(receiptEmailed({ reason: 'customer', scope: 'everything' })).toBe(true);
    expect(receiptEmailed({ reason: 'retention', scope: 'training-data' })).toBe(true);
    // The account deletion sends one receipt for all its orders; unpaid drafts are removed silently.
    expect(receiptEmailed({ reason: 'account', scope: 'everything' })).toBe(false);
    expect(receiptEmailed({ reason: 'unpaid', scope: 'everything' })).toBe(false);
  });
});

describe('accountHoldings', () => {
  it('counts what the orders not yet deleted hold', () => {
    expect(
      accountHoldings([
        { status: 'delivered', photos: counts(14), images: { planned: 40, done: 40, failed: 0 } },
        { status: 'ready', photos: counts(12) },
        { status: 'deleted', photos: counts(9), images: { planned: 40, done: 40, failed: 0 } },
        {
          status: 'delivered',
          photos: counts(20),
          images: { planned: 60, done: 58, failed: 2 },
          retention: { trainingDataErasedAt: 1 },
        },
      ]),
    ).toEqual({ orders: 3, selfies: 26, headshots: 98 });
  });
});

describe('accountDeletionGoes', () => {
  it('names every kind of data, with the counts the account holds', () => {
    const goes = accountDeletionGoes({ orders: 2, selfies: 26, headshots: 80 }, 'ann@example.com');
    expect(goes).toEqual([
      'All 2 orders, with 26 selfies and the face crops and face measurements made from them',
      'The personal models trained on them, in our storage and at the GPU provider',
      '80 headshots: download the ones you want to keep first',
      'Your consent record, and your sign-in (ann@example.com)',
    ]);
  });

  it('still says what goes when nothing is counted (every order already deleted)', () => {
    const goes = accountDeletionGoes({ orders: 0, selfies: 0, headshots: 0 }, null);
    expect(goes[0]).toBe(
      'All your orders, with their selfies and the face crops and face measurements made from them',
    );
    expect(goes.at(-1)).toBe('Your consent record, and your sign-in');
  });
});

function counts(uploaded: number) {
  return { uploaded, pending: 0, accepted: uploaded, rejected: 0 };
}
