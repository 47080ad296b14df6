import { describe, expect, it } from 'vitest';
import { CITIES, COUNTRIES, CountryCode, citiesIn, distanceKm, getCity, nearbyCities } from './cities.js';
import { getStyle } from './styles.js';

describe('the city list', () => {
  it('has at least 50 cities across the US, Canada, the UK and Australia', () => {
    expect(CITIES.length).toBeGreaterThanOrEqual(50);
    for (const code of CountryCode.options) expect(citiesIn(code).length).toBeGreaterThanOrEqual(8);
  });

  it('gives every city a unique, URL-safe slug that getCity finds', () => {
    const slugs = CITIES.map((c) => c.slug);
    expect(new Set(slugs).size).toBe(slugs.length);
    for (const city of CITIES) {
      expect(city.slug).toMatch(/^[a-z]+(-[a-z]+)*$/);
      expect(getCity(city.slug)).toBe(city);
    }
    expect(getCity('atlantis')).toBeUndefined();
  });

  it('places every city inside its country (rough bounding boxes catch a swapped sign or digit)', () => {
    const boxes: Record<CountryCode, { lat: [number, number]; lng: [number, number] }> = {
      US: { lat: [24, 49.5], lng: [-125, -66] },
      CA: { lat: [42, 60], lng: [-130, -52] },
      GB: { lat: [49.9, 59], lng: [-8.2, 1.8] },
      AU: { lat: [-44, -10], lng: [112, 154] },
    };
    for (const city of CITIES) {
      const box = boxes[city.country];
      expect(city.lat, city.slug).toBeGreaterThan(box.lat[0]);
      expect(city.lat, city.slug).toBeLessThan(box.lat[1]);
      expect(city.lng, city.slug).toBeGreaterThan(box.lng[0]);
      expect(city.lng, city.slug).toBeLessThan(box.lng[1]);
    }
  });

  it('suggests four distinct styles that exist, and writes three professions and a local question', () => {
    for (const city of CITIES) {
      expect(city.styleIds, city.slug).toHaveLength(4);
      expect(new Set(city.styleIds).size, city.slug).toBe(4);
      for (const id of city.styleIds) expect(() => getStyle(id), `${city.slug}: ${id}`).not.toThrow();
      expect(city.professions, city.slug).toHaveLength(3);
      expect(city.faq.length, city.slug).toBeGreaterThanOrEqual(1);
      expect(city.intro.length, city.slug).toBeGreaterThan(120);
      for (const q of city.faq) expect(q.question.endsWith('?'), `${city.slug}: ${q.question}`).toBe(true);
    }
  });

  it('names the city in its own intro', () => {
    for (const city of CITIES) expect(city.intro, city.slug).toContain(city.name);
  });
});

describe('distances and nearby cities', () => {
  it('measures great-circle distances close to the published figures', () => {
    const km = (a: string, b: string) => distanceKm(getCity(a)!, getCity(b)!);
    // Published great-circle distances between city centres, within 2 %.
    expect(km('new-york', 'los-angeles')).toBeGreaterThan(3936 * 0.98);
    expect(km('new-york', 'los-angeles')).toBeLessThan(3936 * 1.02);
    expect(km('london', 'edinburgh')).toBeGreaterThan(534 * 0.98);
    expect(km('london', 'edinburgh')).toBeLessThan(534 * 1.02);
    expect(km('sydney', 'melbourne')).toBeGreaterThan(714 * 0.98);
    expect(km('sydney', 'melbourne')).toBeLessThan(714 * 1.02);
    expect(km('toronto', 'toronto')).toBe(0);
  });

  it('lists the nearest other cities of the same country, nearest first, in the local unit', () => {
    for (const city of CITIES) {
      const near = nearbyCities(city);
      expect(near, city.slug).toHaveLength(4);
      expect(near.map((n) => n.city.slug)).not.toContain(city.slug);
      for (const n of near) {
        expect(n.city.country).toBe(city.country);
        expect(n.unit).toBe(COUNTRIES[city.country].distanceUnit);
        expect(n.distance).toBeGreaterThan(0);
      }
      const sorted = [...near].sort((a, b) => a.distance - b.distance);
      expect(near.map((n) => n.city.slug)).toEqual(sorted.map((n) => n.city.slug));
    }
    expect(nearbyCities(getCity('toronto')!)[0]!.city.slug).toBe('waterloo');
    expect(nearbyCities(getCity('glasgow')!)[0]!.city.slug).toBe('edinburgh');
    const dallas = nearbyCities(getCity('dallas')!);
    expect(dallas[0]!.city.slug).toBe('austin');
    expect(dallas[0]!.unit).toBe('mi');
    // Dallas to Austin is about 182 miles as the crow flies.
    expect(dallas[0]!.distance).toBeGreaterThan(175);
    expect(dallas[0]!.distance).toBeLessThan(190);
  });
});
