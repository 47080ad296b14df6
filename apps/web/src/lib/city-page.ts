import {
  COUNTRIES,
  PLANS,
  formatPrice,
  getStyle,
  planPrice,
  nearbyCities,
  type City,
  type CityFaq,
  type CityProfession,
  type Country,
  type Currency,
  type PlanId,
} from '@likeness/core';
import { HEADSHOT_RANGE, SELFIE_RANGE } from './product-numbers';

/**
 * Everything a city page says, in one place: the page renders it, the JSON-LD restates it, and
 * `city-page.test.ts` checks that no paragraph repeats across more than a few cities. Only the
 * blocks in `sharedFaq` are the template's own, the same on every page of a country.
 */
export interface CityPageCopy {
  path: string;
  locale: string;
  title: string;
  description: string;
  /** "Houston, TX · United States" */
  place: string;
  heading: string;
  intro: string;
  professionsHeading: string;
  professions: readonly CityProfession[];
  stylesHeading: string;
  styles: readonly { id: string; name: string; previewImage: string }[];
  /** The city's own questions first, then the ones every page answers. */
  faq: readonly CityFaq[];
  /** The answers every page of this country shares (the template's chrome). */
  sharedFaq: readonly CityFaq[];
  nearbyHeading: string;
  nearby: readonly { path: string; name: string; region: string; distance: string }[];
  /** The country's currency: the page's prices, its buttons' `?currency=` and what checkout charges. */
  currency: Currency;
  /** The cheapest plan in that currency, formatted ("£25.00"). */
  lowestPrice: string;
}

/**
 * Where a city page's buttons go: the new-order form, told the page's currency so the order is priced
 * and charged in it (the form validates the value; anything else falls back to USD).
 */
export function cityOrderPath(currency: Currency, planId?: PlanId): string {
  const query = new URLSearchParams({ ...(planId ? { plan: planId } : {}), currency });
  return `/orders/new?${query.toString()}`;
}

/** The cheapest plan's price in a currency, formatted. */
export const lowestPriceIn = (currency: Currency) =>
  formatPrice(Math.min(...Object.values(PLANS).map((p) => planPrice(p, currency))), currency);

export const cityPath = (city: Pick<City, 'slug'>) => `/headshots/${city.slug}`;

const lowerFirst = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);

/** "a, b and c" */
function listInWords(items: readonly string[]): string {
  if (items.length < 2) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

/** Questions every page answers; the answers depend only on the country (what a card is charged). */
export function sharedCityFaq(country: Country): CityFaq[] {
  const prices = listInWords(
    Object.values(PLANS).map(
      (p) => `${p.name} ${formatPrice(planPrice(p, country.currency), country.currency)}`,
    ),
  );
  // Checkout charges the order's currency (createCheckout passes it to Stripe), so no conversion.
  const charged = `Plans are priced and charged in ${country.currencyName} (${country.currency.toUpperCase()}): ${prices}, paid once through Stripe; there is no subscription.`;
  return [
    {
      question: 'Do I need to visit a studio or book a photographer?',
      answer: `No. You upload ${SELFIE_RANGE} selfies from your phone, a private model learns your face, and you get ${HEADSHOT_RANGE} headshots in the styles you choose, in an online gallery.`,
    },
    { question: 'What will my card be charged?', answer: charged },
  ];
}

export function cityPageCopy(city: City): CityPageCopy {
  const country = COUNTRIES[city.country];
  const where = `${city.name}, ${city.region}`;
  const who = city.professions.map((p) => lowerFirst(p.who));
  const sharedFaq = sharedCityFaq(country);
  return {
    path: cityPath(city),
    locale: country.locale,
    title: `Professional headshots in ${where}`,
    description: `AI studio headshots in ${city.name} for ${listInWords(who)}: upload ${SELFIE_RANGE} selfies, get ${HEADSHOT_RANGE} headshots, from ${lowestPriceIn(country.currency)}.`,
    place: `${where} · ${country.name}`,
    heading: `Professional headshots in ${city.name}`,
    intro: city.intro,
    professionsHeading: `Who in ${city.name} uses them`,
    professions: city.professions,
    stylesHeading: `Styles we suggest for ${city.name}`,
    styles: city.styleIds.map((id) => {
      const style = getStyle(id);
      return { id, name: style.name, previewImage: style.previewImage };
    }),
    faq: [...city.faq, ...sharedFaq],
    sharedFaq,
    nearbyHeading: `Headshots near ${city.name}`,
    nearby: nearbyCities(city).map((n) => ({
      path: cityPath(n.city),
      name: n.city.name,
      region: n.city.region,
      distance: `${n.distance.toLocaleString('en-US')} ${n.unit}`,
    })),
    currency: country.currency,
    lowestPrice: lowestPriceIn(country.currency),
  };
}
