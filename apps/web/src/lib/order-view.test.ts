import { describe, expect, it } from 'vitest';
import {
  comparePhotos,
  filterImages,
  photoCounts,
  progressOf,
  refundableCents,
  refundNotice,
  sectionsFor,
  timeline,
} from './order-view';

describe('photoCounts', () => {
  it('counts verdicts', () => {
    const photos = (['accepted', 'accepted', 'rejected', 'pending'] as const).map((status) => ({ status }));
    expect(photoCounts(photos)).toEqual({ uploaded: 4, accepted: 2, rejected: 1, pending: 1 });
    expect(photoCounts([])).toEqual({ uploaded: 0, accepted: 0, rejected: 0, pending: 0 });
  });
});

describe('comparePhotos', () => {
  it('puts the oldest first, and photos confirmed together in file-name order', () => {
    const photo = (id: string, createdAt: number, fileName: string) => ({ id, createdAt, fileName });
    const photos = [
      photo('a', 20, 'IMG_1.jpg'),
      photo('b', 10, 'IMG_10.jpg'),
      photo('c', 10, 'IMG_9.jpg'),
      photo('e', 10, 'same.jpg'),
      photo('d', 10, 'same.jpg'),
    ];
    expect(photos.sort(comparePhotos).map((p) => p.id)).toEqual(['c', 'b', 'd', 'e', 'a']);
  });
});

describe('filterImages', () => {
  const images = [
    { id: 'a', styleId: 's1', favorite: true },
    { id: 'b', styleId: 's1', favorite: false },
    { id: 'c', styleId: 's2', favorite: true },
  ];

  it('filters by style, by favourites, and both', () => {
    const ids = (f: Parameters<typeof filterImages>[1]) => filterImages(images, f).map((i) => i.id);
    expect(ids({ styleId: null, favoritesOnly: false })).toEqual(['a', 'b', 'c']);
    expect(ids({ styleId: 's1', favoritesOnly: false })).toEqual(['a', 'b']);
    expect(ids({ styleId: null, favoritesOnly: true })).toEqual(['a', 'c']);
    expect(ids({ styleId: 's2', favoritesOnly: true })).toEqual(['c']);
    expect(ids({ styleId: 's3', favoritesOnly: false })).toEqual([]);
  });
});

describe('sectionsFor', () => {
  it('shows uploads and checkout before payment', () => {
    for (const s of ['draft', 'uploading', 'ready'] as const)
      expect(sectionsFor(s, 0)).toEqual(['upload', 'checkout', 'delete']);
  });

  it('shows progress after payment, and the gallery once generating or when images exist', () => {
    expect(sectionsFor('paid', 0)).toEqual(['progress', 'delete']);
    expect(sectionsFor('training', 0)).toEqual(['progress', 'delete']);
    expect(sectionsFor('generating', 0)).toEqual(['progress', 'gallery', 'delete']);
    expect(sectionsFor('delivered', 40)).toEqual(['progress', 'gallery', 'refund', 'delete']);
  });

  it('explains problems, and keeps images that exist', () => {
    expect(sectionsFor('failed', 0)).toEqual(['problem', 'progress', 'refund', 'delete']);
    expect(sectionsFor('failed', 3)).toEqual(['problem', 'progress', 'gallery', 'refund', 'delete']);
    expect(sectionsFor('refunded', 0)).toEqual(['problem', 'delete']);
    // Its headshots are no longer the customer's, even when some exist.
    expect(sectionsFor('refunded', 40)).toEqual(['problem', 'delete']);
  });

  it('offers deletion at every stage, and after it shows only the deletion', () => {
    expect(sectionsFor('deleted', 10)).toEqual(['deleted']);
  });
});

describe('refunds on the order page', () => {
  it('says what was refunded, or nothing when Stripe reported no refund', () => {
    expect(refundNotice({ amountRefunded: 2900, currency: 'usd' })).toBe(
      '$29.00 was refunded to your card. It can take 5–10 business days to show on your statement.',
    );
    expect(refundNotice(undefined)).toBeNull();
  });

  it('counts what is left of the payment to refund', () => {
    expect(refundableCents({ payment: { amountTotal: 2900 } })).toBe(2900);
    expect(refundableCents({ payment: { amountTotal: 2900 }, refund: { amountRefunded: 900 } })).toBe(2000);
    expect(refundableCents({ payment: { amountTotal: null } })).toBe(0);
    expect(refundableCents({})).toBe(0);
  });
});

describe('timeline', () => {
  const states = (steps: ReturnType<typeof timeline>) => steps.map((s) => `${s.status}:${s.state}`);

  it('marks steps before the status done and the status current', () => {
    const steps = timeline('training', { draft: 1, uploading: 2, ready: 3, paid: 4, training: 5 });
    expect(states(steps)).toEqual([
      'draft:done',
      'uploading:done',
      'ready:done',
      'paid:done',
      'training:current',
      'generating:upcoming',
      'delivered:upcoming',
    ]);
    expect(steps.map((s) => s.at)).toEqual([1, 2, 3, 4, 5, undefined, undefined]);
    expect(steps.every((s) => s.label.length > 0)).toBe(true);
  });

  it('marks every step done once delivered', () => {
    expect(timeline('delivered', {}).every((s) => s.state === 'done')).toBe(true);
  });

  it('marks the step that failed', () => {
    expect(states(timeline('failed', { draft: 1, paid: 2, training: 3, generating: 4 })).slice(3)).toEqual([
      'paid:done',
      'training:done',
      'generating:failed',
      'delivered:upcoming',
    ]);
    // Failing while only paid is a failure to start training, not of the payment.
    expect(states(timeline('failed', { draft: 1, paid: 2 })).slice(3, 5)).toEqual([
      'paid:done',
      'training:failed',
    ]);
  });

  it('shows how far a refunded order got, with nothing current', () => {
    const steps = timeline('refunded', { draft: 1, paid: 2 });
    expect(steps.filter((s) => s.state === 'done').map((s) => s.status)).toEqual([
      'draft',
      'uploading',
      'ready',
      'paid',
    ]);
    expect(steps.some((s) => s.state === 'current' || s.state === 'failed')).toBe(false);
  });
});

describe('progressOf', () => {
  it('uses the plan size until jobs are planned', () => {
    expect(progressOf('starter', undefined)).toEqual({ planned: 40, done: 0, failed: 0, percent: 0 });
    expect(progressOf('executive', { planned: 0, done: 0, failed: 0 }).planned).toBe(200);
  });

  it('counts done images as whole percent', () => {
    expect(progressOf('starter', { planned: 40, done: 13, failed: 1 })).toEqual({
      planned: 40,
      done: 13,
      failed: 1,
      percent: 32,
    });
    expect(progressOf('starter', { planned: 40, done: 40, failed: 0 }).percent).toBe(100);
    expect(progressOf('starter', { planned: 40, done: 39, failed: 0 }).percent).toBe(97);
  });
});
