import { z } from 'zod';
import { AU_CITIES } from './cities-au.js';
import { CA_CITIES } from './cities-ca.js';
import { GB_CITIES } from './cities-gb.js';
import { US_CITIES } from './cities-us.js';
import type { Currency } from './plans.js';

export const CountryCode = z.enum(['US', 'CA', 'GB', 'AU']);
export type CountryCode = z.infer<typeof CountryCode>;

export interface Country {
  code: CountryCode;
  name: string;
  /** BCP 47 tag for the page's `hreflang` and the JSON-LD `inLanguage`. */
  locale: string;
  /** Distances on the page are given in the unit people there use for roads. */
  distanceUnit: 'mi' | 'km';
  /** What the country's city pages price in and what its customers are charged (plans.ts). */
  currency: Currency;
  /** The currency in words, for the note on what a card from there is charged. */
  currencyName: string;
}

export const COUNTRIES: Record<CountryCode, Country> = {
  US: {
    code: 'US',
    name: 'United States',
    locale: 'en-US',
    distanceUnit: 'mi',
    currency: 'usd',
    currencyName: 'US dollars',
  },
  CA: {
    code: 'CA',
    name: 'Canada',
    locale: 'en-CA',
    distanceUnit: 'km',
    currency: 'cad',
    currencyName: 'Canadian dollars',
  },
  GB: {
    code: 'GB',
    name: 'United Kingdom',
    locale: 'en-GB',
    distanceUnit: 'mi',
    currency: 'gbp',
    currencyName: 'pounds sterling',
  },
  AU: {
    code: 'AU',
    name: 'Australia',
    locale: 'en-AU',
    distanceUnit: 'km',
    currency: 'aud',
    currencyName: 'Australian dollars',
  },
};

/** One reason a kind of professional in the city needs a headshot. */
export interface CityProfession {
  who: string;
  why: string;
}

export interface CityFaq {
  question: string;
  answer: string;
}

/**
 * A city with a landing page. Every text field is written for that city alone: the pages are judged
 * by search engines (and by people) on whether they say something true and specific about the place,
 * and `cities.test.ts` refuses copy that repeats across cities.
 */
export interface City {
  slug: string;
  name: string;
  /** State, province, territory or UK nation, as written after the city's name. */
  region: string;
  country: CountryCode;
  /** City-centre coordinates (degrees): the nearby-cities list and its distances come from them. */
  lat: number;
  lng: number;
  /** What working life there looks like: the page's opening paragraph. */
  intro: string;
  /** Who there needs a headshot, and what for. */
  professions: readonly CityProfession[];
  /** Style ids shown first on the page, in order, matched to those professions. */
  styleIds: readonly string[];
  /** Questions people there ask; the page adds the questions every page answers. */
  faq: readonly CityFaq[];
}

/** Cities with a static landing page ("Professional headshots in Houston"). */
export const CITIES: readonly City[] = [...US_CITIES, ...CA_CITIES, ...GB_CITIES, ...AU_CITIES];

const BY_SLUG = new Map(CITIES.map((c) => [c.slug, c]));

export function getCity(slug: string): City | undefined {
  return BY_SLUG.get(slug);
}

export function citiesIn(country: CountryCode): City[] {
  return CITIES.filter((c) => c.country === country);
}

const EARTH_RADIUS_KM = 6371.0088;
const KM_PER_MILE = 1.609344;

/** Great-circle distance between two cities' centres (haversine). */
export function distanceKm(a: Pick<City, 'lat' | 'lng'>, b: Pick<City, 'lat' | 'lng'>): number {
  const rad = (deg: number) => (deg * Math.PI) / 180;
  const dLat = rad(b.lat - a.lat);
  const dLng = rad(b.lng - a.lng);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.sqrt(h));
}

export interface NearbyCity {
  city: City;
  /** Straight-line distance in the country's road unit, rounded to a whole number. */
  distance: number;
  unit: 'mi' | 'km';
}

/** The closest other cities with pages in the same country, nearest first. */
export function nearbyCities(city: City, count = 4): NearbyCity[] {
  const { distanceUnit } = COUNTRIES[city.country];
  return citiesIn(city.country)
    .filter((c) => c.slug !== city.slug)
    .map((c) => ({ city: c, km: distanceKm(city, c) }))
    .sort((x, y) => x.km - y.km)
    .slice(0, count)
    .map(({ city: c, km }) => ({
      city: c,
      distance: Math.round(distanceUnit === 'mi' ? km / KM_PER_MILE : km),
      unit: distanceUnit,
    }));
}
