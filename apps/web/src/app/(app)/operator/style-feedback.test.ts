import { describe, expect, it } from 'vitest';
import { styleFeedback, type FeedbackImage } from './style-feedback';

const image = (orderId: string, styleId: string, rating: number | null, favorite = false): FeedbackImage => ({
  orderId,
  styleId,
  rating,
  favorite,
});

describe('styleFeedback', () => {
  const orders = [
    { id: 'a', styleIds: ['corporate-grey', 'city-outdoors'], downloads: { count: 3 } },
    { id: 'b', styleIds: ['corporate-grey'], downloads: { count: 0 } },
    { id: 'c', styleIds: ['city-outdoors'] },
  ];
  const images = [
    image('a', 'corporate-grey', 5, true),
    image('a', 'corporate-grey', 4),
    image('a', 'city-outdoors', 2),
    image('b', 'corporate-grey', null, true),
    image('b', 'corporate-grey', 3),
    image('c', 'city-outdoors', null),
    image('c', 'city-outdoors', null, true),
    // An order outside the set read (e.g. older than the window) does not count.
    image('z', 'corporate-grey', 1),
  ];

  it('averages star ratings, counts favourites and downloaded orders per style, in catalog order', () => {
    const rows = styleFeedback(orders, images);
    expect(rows.map((r) => r.styleId)).toEqual(['corporate-grey', 'city-outdoors']);
    expect(rows[0]).toEqual({
      styleId: 'corporate-grey',
      name: 'Corporate grey',
      images: 4,
      rated: 3,
      averageRating: 4,
      favourites: 2,
      favouriteRate: 0.5,
      orders: 2,
      ordersDownloaded: 1,
      downloadRate: 0.5,
      measured: 0,
      meanLikeness: null,
      weakShare: null,
    });
    expect(rows[1]).toMatchObject({
      styleId: 'city-outdoors',
      images: 3,
      rated: 1,
      averageRating: 2,
      favourites: 1,
      orders: 2,
      ordersDownloaded: 1,
    });
    expect(rows[1]!.favouriteRate).toBeCloseTo(1 / 3);
  });

  it('says "no rating" rather than zero when nothing was rated, and leaves out styles with no image', () => {
    const rows = styleFeedback([{ id: 'c', styleIds: ['city-outdoors', 'black-tie'] }], images);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      styleId: 'city-outdoors',
      averageRating: null,
      rated: 0,
      downloadRate: 0,
    });
  });

  it('keeps a style the catalog no longer has, under its id', () => {
    const rows = styleFeedback([{ id: 'a', styleIds: ['retired'] }], [image('a', 'retired', 4)]);
    expect(rows[0]).toMatchObject({ styleId: 'retired', name: 'retired', averageRating: 4 });
  });

  it('averages the identity score and the share of weak likenesses over the measured images', () => {
    const scored = (styleId: string, score: number, band: 'strong' | 'fair' | 'weak'): FeedbackImage => ({
      ...image('a', styleId, null),
      likeness: { score, band },
    });
    const rows = styleFeedback(
      [orders[0]!],
      [
        scored('corporate-grey', 0.9, 'strong'),
        scored('corporate-grey', 0.5, 'fair'),
        scored('corporate-grey', 0.1, 'weak'),
        scored('corporate-grey', 0.3, 'weak'),
        // Unmeasured (no reference face): counted as a headshot, not in the likeness figures.
        image('a', 'corporate-grey', 4),
      ],
    );
    expect(rows[0]).toMatchObject({ images: 5, measured: 4, weakShare: 0.5 });
    expect(rows[0]!.meanLikeness).toBeCloseTo(0.45);
  });
});
