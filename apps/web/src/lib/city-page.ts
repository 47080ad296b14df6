import {
  COUNTRIES,
  PLANS,
  getStyle,
  nearbyCities,
  type City,
  type CityFaq,
  type CityProfession,
  type Country,
} from '@likeness/core';
import { HEADSHOT_RANGE, LOWEST_PRICE, SELFIE_RANGE } from './product-numbers';

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
}

export const cityPath = (city: Pick<City, 'slug'>) => `/headshots/${city.slug}`;

const lowerFirst = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);

/** "a, b and c" */
function listInWords(items: readonly string[]): string {
  if (items.length < 2) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

/** Questions every page answers; the answers depend only on the country (what a card is charged). */
export function sharedCityFaq(country: Country): CityFaq[] {
  const usd = PLANS.starter.currency;
  const charged =
    country.currency === usd
      ? 'Plans are priced in US dollars and paid once through Stripe; there is no subscription.'
      : `Plans are priced and charged in US dollars, once, through Stripe; there is no subscription. Your bank converts the amount to ${country.currencyName} at its own rate and may add a foreign-transaction fee.`;
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
    description: `AI studio headshots in ${city.name} for ${listInWords(who)}: upload ${SELFIE_RANGE} selfies, get ${HEADSHOT_RANGE} headshots, from ${LOWEST_PRICE}.`,
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
  };
}
