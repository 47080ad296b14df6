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
});
