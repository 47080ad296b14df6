import { describe, expect, it } from 'vitest';
import { dailyTotals, GPU_PRICE_PER_SEC_USD, orderEconomics, utcDay } from './economics.js';

const at = (iso: string) => Date.parse(iso);

describe('orderEconomics', () => {
  it('prices GPU seconds at list price and subtracts them from what was paid', () => {
    const e = orderEconomics({
      payment: { amountTotal: 4900 },
      costs: { trainingGpuSec: 730, predictionGpuSec: 510 },
    });
    expect(e.trainingGpuSec).toBe(730);
    expect(e.predictionGpuSec).toBe(510);
    expect(e.gpuSeconds).toBe(1240);
    // 1240 s × $0.001525/s = $1.891 → 189.1 ¢
    expect(e.gpuCostCents).toBeCloseTo(189.1, 6);
    expect(e.revenueCents).toBe(4900);
    expect(e.marginCents).toBeCloseTo(4900 - 189.1, 6);
  });

  it('takes refunds off the revenue, so a refunded order shows its GPU spend as a loss', () => {
    const e = orderEconomics({
      payment: { amountTotal: 2900 },
      refund: { amountRefunded: 2900 },
      costs: { trainingGpuSec: 100 },
    });
    expect(e.revenueCents).toBe(0);
    expect(e.marginCents).toBeCloseTo(-100 * GPU_PRICE_PER_SEC_USD * 100, 9);
  });

  it('counts nothing that is not there: no costs yet, a 100 % code, nonsense seconds', () => {
    expect(orderEconomics({})).toEqual({
      trainingGpuSec: 0,
      predictionGpuSec: 0,
      gpuSeconds: 0,
      gpuCostCents: 0,
      currency: 'usd',
      revenueCents: 0,
      marginCents: 0,
    });
    expect(orderEconomics({ payment: { amountTotal: null } }).revenueCents).toBe(0);
    expect(orderEconomics({ costs: { trainingGpuSec: Number.NaN, predictionGpuSec: -3 } }).gpuSeconds).toBe(
      0,
    );
  });
});

describe('dailyTotals', () => {
  it('adds orders up per UTC day of payment, newest day first, and skips unpaid ones', () => {
    const totals = dailyTotals([
      { payment: { amountTotal: 2900, paidAt: at('2026-03-01T23:59:00Z') }, costs: { trainingGpuSec: 100 } },
      {
        payment: { amountTotal: 4900, paidAt: at('2026-03-02T00:01:00Z') },
        costs: { trainingGpuSec: 200, predictionGpuSec: 300 },
      },
      {
        payment: { amountTotal: 7900, paidAt: at('2026-03-02T18:00:00Z') },
        refund: { amountRefunded: 7900 },
        costs: { trainingGpuSec: 50 },
      },
      { payment: { amountTotal: 2900 } },
      {},
    ]);
    expect(totals.map((d) => [d.day, d.orders])).toEqual([
      ['2026-03-02', 2],
      ['2026-03-01', 1],
    ]);
    const [march2, march1] = totals;
    expect(march2!.gpuSeconds).toBe(550);
    expect(march2!.revenueCents).toBe(4900);
    expect(march2!.gpuCostCents).toBeCloseTo(550 * 0.1525, 6);
    expect(march2!.marginCents).toBeCloseTo(4900 - 550 * 0.1525, 6);
    expect(march1!.marginCents).toBeCloseTo(2900 - 15.25, 6);
  });

  it('keeps each currency on its own row, and gives no margin where revenue is not in USD', () => {
    const day = at('2026-03-02T12:00:00Z');
    const totals = dailyTotals([
      { payment: { amountTotal: 2900, currency: 'usd', paidAt: day }, costs: { trainingGpuSec: 100 } },
      { payment: { amountTotal: 2500, currency: 'gbp', paidAt: day }, costs: { trainingGpuSec: 100 } },
      { payment: { amountTotal: 3900, currency: 'gbp', paidAt: day }, costs: { trainingGpuSec: 100 } },
      { payment: { amountTotal: 4900, currency: null, paidAt: day } },
    ]);
    expect(totals.map((d) => [d.day, d.currency, d.orders, d.revenueCents])).toEqual([
      ['2026-03-02', 'gbp', 2, 6400],
      ['2026-03-02', 'usd', 2, 7800],
    ]);
    expect(totals[0]!.marginCents).toBeNull();
    expect(totals[0]!.gpuCostCents).toBeCloseTo(200 * 0.1525, 6);
    expect(totals[1]!.marginCents).toBeCloseTo(7800 - 15.25, 6);
    const pounds = orderEconomics({ payment: { amountTotal: 2500, currency: 'gbp' } });
    expect(pounds).toMatchObject({ currency: 'gbp', revenueCents: 2500, marginCents: null });
  });

  it('is empty for no orders', () => {
    expect(dailyTotals([])).toEqual([]);
  });
});

describe('utcDay', () => {
  it('is the UTC calendar day', () => {
    expect(utcDay(at('2026-12-31T23:30:00-05:00'))).toBe('2027-01-01');
  });
});
