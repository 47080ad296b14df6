import { describe, expect, it } from 'vitest';
import { downloadNameFor } from './file-urls.js';

describe('downloadNameFor', () => {
  it('names a download after the image and the stored extension', () => {
    expect(downloadNameFor('corporate-grey-0-3', 'users/u/orders/o/images/corporate-grey-0-3.PNG')).toBe(
      'likeness-corporate-grey-0-3.png',
    );
    expect(downloadNameFor('x', 'users/u/orders/o/thumbs/x.webp')).toBe('likeness-x.webp');
    expect(downloadNameFor('x', 'users/u/orders/o/images/x')).toBe('likeness-x');
  });

  it('says the format of a profile crop in its name', () => {
    expect(downloadNameFor('x-0-1', 'users/u/orders/o/formats/x-0-1/banner.jpg', 'banner')).toBe(
      'likeness-x-0-1-banner.jpg',
    );
  });
});
