import { describe, expect, it } from 'vitest';
import { COUNTRIES } from './cities.js';
import {
  BASE_CURRENCY,
  chooseCurrency,
  CURRENCIES,
  formatPrice,
  orderCurrency,
  PLANS,
  planPrice,
} from './plans.js';

const plans = Object.values(PLANS);

describe('the price table', () => {
  it('prices every plan in every currency we sell, the base price agreeing with the plan', () => {
    for (const plan of plans) {
      expect(Object.keys(plan.prices).sort()).toEqual([...CURRENCIES].sort());
      expect(plan.prices[BASE_CURRENCY]).toBe(plan.priceCents);
      expect(plan.currency).toBe(BASE_CURRENCY);
    }
  });

  it('uses whole local prices ending in 5 or 9, as a customer there expects', () => {
    for (const plan of plans) {
      for (const c of CURRENCIES) {
        const cents = planPrice(plan, c);
        expect(cents % 100, `${plan.id} ${c}`).toBe(0);
        expect([5, 9], `${plan.id} ${c}`).toContain((cents / 100) % 10);
      }
    }
  });

  it('keeps the plans in the same order in every currency (a bigger plan never costs less)', () => {
    for (const c of CURRENCIES) {
      const amounts = plans.map((p) => planPrice(p, c));
      expect(amounts).toEqual([...amounts].sort((a, b) => a - b));
    }
  });

  it('formats each so the currency cannot be mistaken', () => {
    expect(formatPrice(planPrice(PLANS.starter, 'gbp'), 'gbp')).toBe('£25.00');
    expect(formatPrice(planPrice(PLANS.starter, 'cad'), 'cad')).toBe('CA$39.00');
    expect(formatPrice(planPrice(PLANS.starter, 'aud'), 'aud')).toBe('A$45.00');
    expect(formatPrice(planPrice(PLANS.starter, 'usd'), 'usd')).toBe('$29.00');
  });

  it("has a price in every city page country's currency", () => {
    for (const country of Object.values(COUNTRIES)) expect(CURRENCIES).toContain(country.currency);
  });
});

describe('chooseCurrency', () => {
  it('takes a currency we sell in, in any case and with stray spaces', () => {
    expect(chooseCurrency('gbp')).toBe('gbp');
    expect(chooseCurrency('CAD')).toBe('cad');
    expect(chooseCurrency(' aud ')).toBe('aud');
  });

  it('falls back to US dollars for anything else', () => {
    for (const v of [null, undefined, '', 'eur', 'gb', 'gbpx', '__proto__']) {
      expect(chooseCurrency(v)).toBe('usd');
    }
  });
});

describe('orderCurrency', () => {
  it("is the order's currency, and US dollars for orders made before currencies were stored", () => {
    expect(orderCurrency({ currency: 'gbp' })).toBe('gbp');
    expect(orderCurrency({})).toBe('usd');
  });
});
