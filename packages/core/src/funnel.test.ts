import { describe, expect, it } from 'vitest';
import {
  Attribution,
  attributionFromUrl,
  attributionSource,
  funnelParams,
  toCurrencyUnits,
} from './funnel.js';

describe('attributionFromUrl', () => {
  it('keeps UTM source, medium, campaign, gclid and the landing path', () => {
    const url = new URL(
      'https://likeness.example/headshots/houston?utm_source=google&utm_medium=cpc&utm_campaign=tx&gclid=Cj0&x=1',
    );
    expect(attributionFromUrl(url)).toEqual({
      source: 'google',
      medium: 'cpc',
      campaign: 'tx',
      gclid: 'Cj0',
      landing: '/headshots/houston',
    });
  });
  it('drops empty or over-long values rather than cutting them', () => {
    const url = new URL(`https://likeness.example/?utm_source=${'x'.repeat(101)}&utm_medium=`);
    expect(attributionFromUrl(url)).toEqual({ landing: '/' });
  });
});

describe('Attribution', () => {
  it('takes only the known keys and a GA client id of the cookie’s shape', () => {
    expect(Attribution.safeParse({ source: 'a', email: 'x' }).success).toBe(false);
    expect(Attribution.safeParse({ gaClientId: 'GA1.1.1.2' }).success).toBe(false);
    expect(Attribution.safeParse({ gaClientId: '123.456', adsConsent: true }).success).toBe(true);
  });
});

describe('attributionSource', () => {
  it('is the UTM source, else an ad click, else direct', () => {
    expect(attributionSource({ source: 'Yelp' })).toBe('yelp');
    expect(attributionSource({ gclid: 'x' })).toBe('google-ads');
    expect(attributionSource(undefined)).toBe('(direct)');
  });
});

describe('funnel events', () => {
  it('checks parameters and upper-cases currencies', () => {
    expect(funnelParams('begin_checkout', { value: 29, currency: 'usd', plan_id: 'starter' })).toEqual({
      value: 29,
      currency: 'USD',
      plan_id: 'starter',
    });
    // A pound order's checkout (the order page sends the order's currency and its plan price there).
    expect(
      funnelParams('begin_checkout', {
        value: toCurrencyUnits(2500, 'gbp'),
        currency: 'gbp',
        plan_id: 'starter',
      }),
    ).toEqual({ value: 25, currency: 'GBP', plan_id: 'starter' });
    expect(() => funnelParams('style_select', { style_id: 'not-a-style' } as never)).toThrow();
    expect(() => funnelParams('sign_up', { method: 'email', email: 'a@b.c' } as never)).toThrow();
  });
  it('converts Stripe minor units to currency units', () => {
    expect(toCurrencyUnits(2900, 'usd')).toBe(29);
    expect(toCurrencyUnits(2900, 'JPY')).toBe(2900);
  });
});
