import { describe, expect, it } from 'vitest';
import { styleQualityByDay, type QualityImage } from './style-quality.js';

const NOW = Date.parse('2026-12-02T15:00:00Z');
const at = (day: string) => Date.parse(`${day}T10:00:00Z`);
const img = (
  orderId: string,
  styleId: string,
  day: string,
  score: number | null,
  band: 'strong' | 'fair' | 'weak' = 'strong',
  madeBy?: string,
): QualityImage => ({
  orderId,
  styleId,
  createdAtMs: at(day),
  ...(score !== null && { likeness: { score, band } }),
  ...(madeBy && { madeBy }),
});

describe('styleQualityByDay', () => {
  const orders = [{ id: 'a', rating: { stars: 5 } }, { id: 'b', rating: { stars: 2 } }, { id: 'c' }];
  const images = [
    img('a', 'corporate-grey', '2026-12-02', 0.8),
    img('a', 'corporate-grey', '2026-12-02', 0.3, 'weak'),
    img('a', 'corporate-grey', '2026-12-02', 0.7, 'strong', 'redo-corporate-grey-0-1-1'),
    img('b', 'corporate-grey', '2026-12-02', 0.5, 'fair', 'auto-corporate-grey-0-2'),
    img('c', 'corporate-grey', '2026-12-01', null),
    img('c', 'modern-office', '2026-12-01', 0.9),
    // Outside the 7-day window, and an order not among those read: neither counts.
    img('a', 'corporate-grey', '2026-11-20', 0.1, 'weak'),
    img('z', 'corporate-grey', '2026-12-02', 0.1, 'weak'),
  ];

  it('aggregates likeness, weak share, redo rate and order stars per style and day', () => {
    const rows = styleQualityByDay(orders, images, 7, NOW);
    expect(rows.map((r) => [r.styleId, r.day])).toEqual([
      ['corporate-grey', '2026-12-02'],
      ['corporate-grey', '2026-12-01'],
      ['modern-office', '2026-12-01'],
    ]);
    expect(rows[0]).toEqual({
      styleId: 'corporate-grey',
      name: 'Corporate grey',
      day: '2026-12-02',
      images: 4,
      measured: 4,
      meanLikeness: (0.8 + 0.3 + 0.7 + 0.5) / 4,
      weakShare: 0.25,
      redos: 1,
      redoRate: 0.25,
      autoRedos: 1,
      ratedOrders: 2,
      averageRating: 3.5,
    });
    // Unmeasured images and unrated orders leave the figures empty rather than zero.
    expect(rows[1]).toMatchObject({
      images: 1,
      measured: 0,
      meanLikeness: null,
      weakShare: null,
      averageRating: null,
    });
  });

  it('reaches back 14 days when asked', () => {
    const rows = styleQualityByDay(orders, images, 14, NOW);
    expect(rows.find((r) => r.day === '2026-11-20')).toMatchObject({
      images: 1,
      weakShare: 1,
      averageRating: 5,
    });
    expect(styleQualityByDay(orders, images, 7, NOW).find((r) => r.day === '2026-11-20')).toBeUndefined();
  });

  it('is empty without images', () => {
    expect(styleQualityByDay(orders, [], 7, NOW)).toEqual([]);
  });
});
