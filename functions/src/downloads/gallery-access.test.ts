import { describe, expect, it } from 'vitest';
import { assertGalleryOpen } from './gallery-access.js';

describe('assertGalleryOpen', () => {
  it('lets through orders no operator closed', () => {
    expect(() => assertGalleryOpen({ status: 'delivered' })).not.toThrow();
    expect(() =>
      assertGalleryOpen({ status: 'delivered', gallery: { open: true, by: 'op', reason: 'dispute won' } }),
    ).not.toThrow();
  });
  it('refuses a closed gallery in words', () => {
    expect(() =>
      assertGalleryOpen({ status: 'delivered', gallery: { open: false, by: 'op', reason: 'disputed' } }),
    ).toThrow(/closed by our team/);
  });
  it('refuses a refunded order, whatever the operator set', () => {
    expect(() =>
      assertGalleryOpen({ status: 'refunded', gallery: { open: true, by: 'op', reason: 'x' } }),
    ).toThrow(/refunded/);
  });
});
