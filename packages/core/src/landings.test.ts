import { describe, expect, it } from 'vitest';
import { CITIES } from './cities.js';
import { FunnelDailyDoc, funnelSourceKey, LandingBeacon, landingPageKey } from './landings.js';

describe('LandingBeacon', () => {
  it('takes a path and the UTM fields with the attribution limits', () => {
    expect(
      LandingBeacon.parse({ path: '/headshots/london', source: ' Google ', campaign: 'uk', gclid: 'Cj0' }),
    ).toEqual({ path: '/headshots/london', source: 'Google', campaign: 'uk', gclid: 'Cj0' });
    expect(LandingBeacon.parse({ path: '/' })).toEqual({ path: '/' });
  });

  it('refuses what is not a landing: no path, a relative or over-long path, long or empty values, extra keys', () => {
    for (const bad of [
      {},
      { path: 'headshots' },
      { path: `/${'a'.repeat(100)}` },
      { path: '/', source: 'x'.repeat(101) },
      { path: '/', medium: '  ' },
      { path: '/', ip: '1.2.3.4' },
      { path: 7 },
    ]) {
      expect(LandingBeacon.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
    }
  });
});

describe('funnelSourceKey', () => {
  it('is the UTM source in lower case, else google-ads for an ad click, else (direct)', () => {
    expect(funnelSourceKey({ source: 'Newsletter' })).toBe('newsletter');
    expect(funnelSourceKey({ source: 'news.example.com' })).toBe('news.example.com');
    expect(funnelSourceKey({ source: 'linked_in-2' })).toBe('linked_in-2');
    expect(funnelSourceKey({ gclid: 'Cj0' })).toBe('google-ads');
    expect(funnelSourceKey({})).toBe('(direct)');
    expect(funnelSourceKey(undefined)).toBe('(direct)');
  });

  it('puts a source that is not a short safe key under other', () => {
    expect(funnelSourceKey({ source: 'a'.repeat(40) })).toBe('a'.repeat(40));
    expect(funnelSourceKey({ source: 'a'.repeat(41) })).toBe('other');
    for (const odd of ['news letter', 'a/b', '__name__', '(direct', 'ünï', 'a`b', '$x', '(direct) ']) {
      expect(funnelSourceKey({ source: odd }), odd).toBe('other');
    }
    expect(funnelSourceKey({ source: '__x' })).toBe('__x');
  });
});

describe('landingPageKey', () => {
  it('names the home page and each city page, everything else is other', () => {
    const city = CITIES[0]!.slug;
    expect(landingPageKey('/')).toBe('home');
    expect(landingPageKey(`/headshots/${city}`)).toBe(city);
    expect(landingPageKey(`/headshots/${city}/`)).toBe(city);
    for (const path of [
      '/headshots/atlantis',
      '/headshots',
      '/privacy',
      '/orders/abc',
      '//',
      `/x/headshots/${city}`,
    ]) {
      expect(landingPageKey(path), path).toBe('other');
    }
  });

  it('has a bounded set of keys: home, other and one per city', () => {
    const keys = new Set(CITIES.map((c) => landingPageKey(`/headshots/${c.slug}`)));
    expect(keys.size).toBe(CITIES.length);
    expect(keys.has('home') || keys.has('other')).toBe(false);
  });
});

describe('FunnelDailyDoc', () => {
  it('reads a day with landings and one without', () => {
    expect(
      FunnelDailyDoc.parse({
        landings: { total: 3, bySource: { google: 2, '(direct)': 1 }, byPage: { home: 3 } },
      }),
    ).toMatchObject({ landings: { total: 3 } });
    expect(FunnelDailyDoc.parse({ landings: { total: 1 } }).landings).toEqual({
      total: 1,
      bySource: {},
      byPage: {},
    });
    expect(FunnelDailyDoc.parse({}).landings).toBeUndefined();
  });
});
