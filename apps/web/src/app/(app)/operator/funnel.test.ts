import { describe, expect, it } from 'vitest';
import {
  FUNNEL_STEPS,
  funnelReport,
  overallConversion,
  stepConversion,
  stepsReached,
  type FunnelDay,
  type FunnelOrder,
} from './funnel';

const NOW = Date.UTC(2026, 11, 2, 12);
const DAY = 24 * 3600 * 1000;
const ts = (ms: number) => ms;

function order(
  daysAgo: number,
  reached: string,
  attribution?: FunnelOrder['attribution'],
  extra: Partial<FunnelOrder> = {},
): FunnelOrder {
  const t = ts(NOW - daysAgo * DAY);
  const steps = ['draft', 'uploading', 'ready', 'checkout', 'paid', 'delivered'];
  const upTo = steps.slice(0, steps.indexOf(reached) + 1);
  return {
    createdAt: t,
    statusAt: Object.fromEntries(upTo.filter((s) => s !== 'checkout').map((s) => [s, t])),
    photos: upTo.includes('uploading') ? { uploaded: 12, pending: 0, accepted: 12, rejected: 0 } : undefined,
    ...(reached === 'checkout' ? { checkout: { sessionId: 'cs', url: 'u', createdAt: t } } : {}),
    ...(upTo.includes('paid') ? { payment: { sessionId: 'cs', amountTotal: 2900, currency: 'usd' } } : {}),
    ...(attribution ? { attribution } : {}),
    ...extra,
  };
}

describe('stepsReached', () => {
  it('counts a step as reached when any later step was', () => {
    expect(stepsReached(order(1, 'draft'))).toEqual({
      started: true,
      uploaded: false,
      ready: false,
      checkout: false,
      paid: false,
      delivered: false,
    });
    // A paid order whose checkout field is gone and whose uploading time is unknown (old data).
    expect(
      stepsReached({ createdAt: ts(NOW), payment: { sessionId: 'cs', amountTotal: 1, currency: 'usd' } }),
    ).toEqual({
      started: true,
      uploaded: true,
      ready: true,
      checkout: true,
      paid: true,
      delivered: false,
    });
  });
});

describe('funnelReport', () => {
  const orders = [
    order(1, 'draft', { source: 'Google', medium: 'cpc' }),
    order(2, 'uploading', { source: 'google' }),
    order(3, 'ready', { gclid: 'abc' }),
    order(4, 'checkout'),
    order(5, 'paid', { source: 'google' }),
    order(
      6,
      'delivered',
      { source: 'directory' },
      { refund: { amountRefunded: 900, currency: 'usd', full: false, reason: null } },
    ),
    order(20, 'paid', { source: 'google' }),
    order(45, 'paid', { source: 'google' }),
    { ...order(0, 'draft'), createdAt: undefined },
  ] as FunnelOrder[];

  it('counts the orders created in the window at each step they reached, after the landings', () => {
    expect(FUNNEL_STEPS.map((s) => s.label)).toEqual([
      'Landing views',
      'Order started',
      'First photo uploaded',
      'Photos ready',
      'Checkout opened',
      'Paid',
      'Delivered',
    ]);
    const week = funnelReport(orders, [], NOW, 7);
    expect(week.total.counts).toEqual([0, 6, 5, 4, 3, 2, 1]);
    expect(week.total.revenue).toEqual({ usd: 2900 + 2000 });
    const month = funnelReport(orders, [], NOW, 30);
    expect(month.total.counts).toEqual([0, 7, 6, 5, 4, 3, 1]);
  });

  it('splits by first-touch source: UTM source (any case), an ad click, or direct', () => {
    const week = funnelReport(orders, [], NOW, 7);
    expect(week.bySource.map((r) => [r.source, r.counts[1], r.counts[5]])).toEqual([
      ['google', 3, 1],
      ['(direct)', 1, 0],
      ['directory', 1, 1],
      ['google-ads', 1, 0],
    ]);
  });

  it('gives conversion per step (landing to order started first) and of started orders, none from an empty step', () => {
    const counts = [40, 10, 5, 0, 0];
    expect(stepConversion(counts, 0)).toBeNull();
    expect(stepConversion(counts, 1)).toBe(0.25);
    expect(stepConversion(counts, 2)).toBe(0.5);
    expect(stepConversion(counts, 4)).toBeNull();
    expect(stepConversion([0, 3], 1)).toBeNull();
    expect(overallConversion(counts, 2)).toBe(0.5);
    expect(overallConversion([9, 0, 0], 2)).toBeNull();
  });
});

describe('funnelReport, landing views', () => {
  const day = (
    daysAgo: number,
    bySource: Record<string, number>,
    byPage: Record<string, number>,
  ): FunnelDay => ({
    id: new Date(NOW - daysAgo * DAY).toISOString().slice(0, 10),
    landings: { total: Object.values(bySource).reduce((a, b) => a + b, 0), bySource, byPage },
  });
  const days: FunnelDay[] = [
    day(0, { google: 10, '(direct)': 4 }, { home: 8, houston: 6 }),
    day(6, { google: 6, newsletter: 2 }, { home: 5, london: 3 }),
    // Outside the week (its 7 UTC days are today and the 6 before), inside the month.
    day(7, { google: 100 }, { other: 100 }),
    day(29, { directory: 5 }, { home: 5 }),
    day(30, { google: 1000 }, { home: 1000 }),
    { id: new Date(NOW - 2 * DAY).toISOString().slice(0, 10) },
  ];
  const orders = [
    order(1, 'paid', { source: 'google' }),
    order(2, 'draft', { source: 'Google' }),
    order(3, 'draft'),
    order(10, 'draft', { source: 'directory' }),
    // An odd source counts under `other`, as its landing did.
    order(1, 'draft', { source: 'a weird source!' }),
  ];

  it('counts the UTC days of the window, total and by source, before the orders started', () => {
    const week = funnelReport(orders, days, NOW, 7);
    expect([week.fromDay, week.toDay]).toEqual(['2026-11-26', '2026-12-02']);
    expect(week.total.counts.slice(0, 2)).toEqual([22, 4]);
    expect(week.bySource.map((r) => [r.source, r.counts[0], r.counts[1]])).toEqual([
      ['google', 16, 2],
      ['(direct)', 4, 1],
      ['newsletter', 2, 0],
      ['other', 0, 1],
    ]);
    expect(stepConversion(week.bySource[0]!.counts, 1)).toBe(2 / 16);

    const month = funnelReport(orders, days, NOW, 30);
    expect(month.total.counts.slice(0, 2)).toEqual([127, 5]);
    expect(month.bySource.find((r) => r.source === 'directory')?.counts.slice(0, 2)).toEqual([5, 1]);
  });

  it('sums the landings by page, largest first', () => {
    expect(funnelReport(orders, days, NOW, 7).landingsByPage).toEqual([
      { page: 'home', count: 13 },
      { page: 'houston', count: 6 },
      { page: 'london', count: 3 },
    ]);
  });
});
