import { describe, expect, it } from 'vitest';
import {
  arrangeGallery,
  compareByLikeness,
  compareImages,
  downloadAllSelection,
  imageIdOf,
  jobIdOf,
} from './gallery.js';
import type { LikenessBand } from './likeness.js';

const image = (styleId: string, batch: number, index: number) => {
  const jobId = jobIdOf(styleId, batch);
  return { id: imageIdOf(jobId, index), styleId, jobId, index };
};

describe('generation ids', () => {
  it('derives job and image ids from style, batch and output index', () => {
    expect(jobIdOf('corporate-grey', 3)).toBe('corporate-grey-3');
    expect(imageIdOf('corporate-grey-3', 1)).toBe('corporate-grey-3-1');
  });
});

describe('compareImages', () => {
  it("follows the order's styles, then batches as numbers, then outputs", () => {
    const images = [
      image('corporate-grey', 10, 0),
      image('city-outdoors', 0, 1),
      image('corporate-grey', 2, 1),
      image('corporate-grey', 2, 0),
      image('city-outdoors', 0, 0),
    ];
    const sorted = [...images].sort(compareImages(['corporate-grey', 'city-outdoors']));
    expect(sorted.map((i) => i.id)).toEqual([
      'corporate-grey-2-0',
      'corporate-grey-2-1',
      'corporate-grey-10-0',
      'city-outdoors-0-0',
      'city-outdoors-0-1',
    ]);
  });

  it('puts styles the order does not list last, by name', () => {
    const sorted = [image('zeta', 0, 0), image('alpha', 0, 0), image('listed', 0, 0)].sort(
      compareImages(['listed']),
    );
    expect(sorted.map((i) => i.styleId)).toEqual(['listed', 'alpha', 'zeta']);
  });
});

describe('likeness order', () => {
  const scored = (styleId: string, batch: number, index: number, band?: LikenessBand, score = 0.5) => ({
    ...image(styleId, batch, index),
    ...(band && { likeness: { band, score } }),
  });
  const styles = ['corporate-grey', 'city-outdoors'];
  const images = [
    scored('city-outdoors', 0, 0, 'strong', 0.7),
    scored('corporate-grey', 0, 0, 'weak', 0.2),
    scored('corporate-grey', 0, 1, 'fair', 0.5),
    scored('corporate-grey', 0, 2, 'strong', 0.65),
    scored('corporate-grey', 1, 0, 'strong', 0.8),
    scored('corporate-grey', 1, 1),
    scored('city-outdoors', 0, 1, 'weak', 0.4),
    scored('city-outdoors', 0, 2, 'fair', 0.55),
  ];

  it('leads each style with its strongest likenesses, unmeasured after the measured fair ones', () => {
    expect([...images].sort(compareByLikeness(styles)).map((i) => i.id)).toEqual([
      'corporate-grey-1-0',
      'corporate-grey-0-2',
      'corporate-grey-0-1',
      'corporate-grey-1-1',
      'corporate-grey-0-0',
      'city-outdoors-0-0',
      'city-outdoors-0-2',
      'city-outdoors-0-1',
    ]);
  });

  it('folds the weak ones away under "less like you", in the same order', () => {
    const { shown, lessLikeYou } = arrangeGallery(images, styles);
    expect(shown.map((i) => i.id)).toEqual([
      'corporate-grey-1-0',
      'corporate-grey-0-2',
      'corporate-grey-0-1',
      'corporate-grey-1-1',
      'city-outdoors-0-0',
      'city-outdoors-0-2',
    ]);
    expect(lessLikeYou.map((i) => i.id)).toEqual(['corporate-grey-0-0', 'city-outdoors-0-1']);
  });

  it('leaves weak ones out of "download all" unless chosen, and then puts them last', () => {
    const all = downloadAllSelection(images, styles, false);
    expect(all).toHaveLength(6);
    expect(all.some((i) => i.likeness?.band === 'weak')).toBe(false);
    const withWeak = downloadAllSelection(images, styles, true);
    expect(withWeak.map((i) => i.id)).toEqual([
      ...arrangeGallery(images, styles).shown.map((i) => i.id),
      'corporate-grey-0-0',
      'city-outdoors-0-1',
    ]);
  });

  it('keeps the stable order when nothing is measured', () => {
    const plain = [
      image('corporate-grey', 2, 0),
      image('corporate-grey', 0, 1),
      image('corporate-grey', 0, 0),
    ];
    expect([...plain].sort(compareByLikeness(styles))).toEqual([...plain].sort(compareImages(styles)));
  });
});
