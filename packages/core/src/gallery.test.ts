import { describe, expect, it } from 'vitest';
import { compareImages, imageIdOf, jobIdOf } from './gallery.js';

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
