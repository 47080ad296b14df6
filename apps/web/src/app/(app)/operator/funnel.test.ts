import { describe, expect, it } from 'vitest';
import { funnelReport, overallConversion, stepConversion, stepsReached, type FunnelOrder } from './funnel';

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

  it('counts the orders created in the window at each step they reached', () => {
    const week = funnelReport(orders, NOW, 7);
    expect(week.total.counts).toEqual([6, 5, 4, 3, 2, 1]);
    expect(week.total.revenue).toEqual({ usd: 2900 + 2000 });
    const month = funnelReport(orders, NOW, 30);
    expect(month.total.counts).toEqual([7, 6, 5, 4, 3, 1]);
  });

  it('splits by first-touch source: UTM source (any case), an ad click, or direct', () => {
    const week = funnelReport(orders, NOW, 7);
    expect(week.bySource.map((r) => [r.source, r.counts[0], r.counts[4]])).toEqual([
      ['google', 3, 1],
      ['(direct)', 1, 0],
      ['directory', 1, 1],
      ['google-ads', 1, 0],
    ]);
  });

  it('gives conversion per step and overall, and none from an empty step', () => {
    const counts = [10, 5, 0, 0];
    expect(stepConversion(counts, 0)).toBeNull();
    expect(stepConversion(counts, 1)).toBe(0.5);
    expect(stepConversion(counts, 3)).toBeNull();
    expect(overallConversion(counts, 1)).toBe(0.5);
    expect(overallConversion([0, 0], 1)).toBeNull();
  });
});
