import { CITIES, COUNTRIES, PLANS, chooseCurrency, getCity, type City } from '@likeness/core';
import { describe, expect, it } from 'vitest';
import { cityJsonLd } from './city-json-ld';
import { cityOrderPath, cityPageCopy, type CityPageCopy } from './city-page';

/** A paragraph may repeat on at most this many city pages before it reads as a doorway template. */
const MAX_PAGES_PER_PARAGRAPH = 3;

const normalise = (s: string) => s.toLowerCase().replace(/\s+/g, ' ').trim();

/** The prose a city page shows outside the template's chrome (the shared questions and answers). */
function ownParagraphs(copy: CityPageCopy): string[] {
  const shared = new Set(copy.sharedFaq.flatMap((q) => [q.question, q.answer]));
  const blocks = [
    copy.description,
    copy.intro,
    ...copy.professions.map((p) => p.why),
    ...copy.faq.flatMap((q) => [q.question, q.answer]),
  ];
  return blocks.filter((b) => !shared.has(b));
}

const sentencesOf = (paragraph: string) =>
  paragraph
    .split(/(?<=[.!?])\s+/)
    .map(normalise)
    // Short fragments ("Speaker bios and LinkedIn.") are labels, not paragraphs a reader could notice.
    .filter((s) => s.split(' ').length >= 8);

/** Which pages show each unit of text, for units on more than `max` pages. */
function repeatedAcross(units: (copy: CityPageCopy) => string[], max: number): Record<string, string[]> {
  const pages = new Map<string, Set<string>>();
  for (const city of CITIES) {
    for (const unit of units(cityPageCopy(city))) {
      const key = normalise(unit);
      pages.set(key, (pages.get(key) ?? new Set()).add(city.slug));
    }
  }
  return Object.fromEntries(
    [...pages].filter(([, slugs]) => slugs.size > max).map(([text, slugs]) => [text, [...slugs]]),
  );
}

describe('city page copy', () => {
  it('shares no paragraph verbatim across more than a few pages beyond the template’s chrome', () => {
    expect(repeatedAcross(ownParagraphs, MAX_PAGES_PER_PARAGRAPH)).toEqual({});
  });

  it('shares no full sentence either, so a paragraph cannot pass by changing one word', () => {
    expect(
      repeatedAcross((copy) => ownParagraphs(copy).flatMap(sentencesOf), MAX_PAGES_PER_PARAGRAPH),
    ).toEqual({});
  });

  it('keeps the chrome small: the city’s own text outweighs the shared questions on every page', () => {
    for (const city of CITIES) {
      const copy = cityPageCopy(city);
      const own = ownParagraphs(copy).join(' ').length;
      const shared = copy.sharedFaq.map((q) => q.question + q.answer).join(' ').length;
      expect(own, city.slug).toBeGreaterThan(shared);
    }
  });

  it('catches a copied paragraph (the check can fail)', () => {
    const copied = (c: CityPageCopy) => [...ownParagraphs(c), getCity('houston')!.intro];
    expect(Object.keys(repeatedAcross(copied, MAX_PAGES_PER_PARAGRAPH))).toEqual([
      normalise(getCity('houston')!.intro),
    ]);
  });

  it('tells each country the local prices its card is charged, in the currency checkout uses', () => {
    const charged = (city: City) =>
      cityPageCopy(city).sharedFaq.find((q) => q.question === 'What will my card be charged?')!.answer;
    expect(charged(getCity('houston')!)).toContain('charged in US dollars (USD): Starter $29.00');
    expect(charged(getCity('london')!)).toContain(
      'charged in pounds sterling (GBP): Starter £25.00, Professional £39.00 and Executive £65.00',
    );
    expect(charged(getCity('toronto')!)).toContain('Canadian dollars (CAD): Starter CA$39.00');
    expect(charged(getCity('sydney')!)).toContain('Australian dollars (AUD): Starter A$45.00');
    for (const city of CITIES) {
      const copy = cityPageCopy(city);
      expect(copy.currency).toBe(COUNTRIES[city.country].currency);
      // No conversion by the customer's bank to warn about: the page's currency is the charge's.
      expect(charged(city)).not.toMatch(/convert|foreign-transaction/);
      expect(copy.description).toContain(`from ${copy.lowestPrice}.`);
    }
    expect(cityPageCopy(getCity('leeds')!).lowestPrice).toBe('£25.00');
  });

  it("sends the page's buttons to the order form with its currency", () => {
    expect(cityOrderPath('gbp', 'starter')).toBe('/orders/new?plan=starter&currency=gbp');
    expect(cityOrderPath('aud')).toBe('/orders/new?currency=aud');
    // What the form makes of it: the same currency.
    const asked = new URL(`https://x${cityOrderPath('cad', 'executive')}`).searchParams.get('currency');
    expect(chooseCurrency(asked)).toBe('cad');
  });

  it('links four nearby cities of the same country with distances in the local unit', () => {
    const london = cityPageCopy(getCity('london')!);
    expect(london.nearby).toHaveLength(4);
    expect(london.nearby.every((n) => n.distance.endsWith(' mi'))).toBe(true);
    const sydney = cityPageCopy(getCity('sydney')!);
    expect(sydney.nearby[0]!.path).toBe('/headshots/canberra');
    expect(sydney.nearby[0]!.distance).toMatch(/^2\d\d km$/);
  });

  it('names the page’s locale for hreflang from its country', () => {
    for (const city of CITIES) expect(cityPageCopy(city).locale).toBe(COUNTRIES[city.country].locale);
    expect(cityPageCopy(getCity('leeds')!).locale).toBe('en-GB');
  });
});

describe('city page structured data', () => {
  const site = 'https://likeness.example';
  const city = getCity('melbourne')!;
  const copy = cityPageCopy(city);
  const [service, faq, breadcrumb] = cityJsonLd(city, copy, site);

  it('describes a Service in the city with an Offer per plan at the price and currency checkout charges', () => {
    expect(service['@type']).toBe('Service');
    expect(service.url).toBe(`${site}/headshots/melbourne`);
    expect(service.areaServed).toMatchObject({
      '@type': 'City',
      name: 'Melbourne',
      containedInPlace: { name: 'VIC', containedInPlace: { '@type': 'Country', name: 'Australia' } },
    });
    expect(service.offers).toEqual(
      Object.values(PLANS).map((p) =>
        expect.objectContaining({
          '@type': 'Offer',
          price: (p.prices.aud / 100).toFixed(2),
          priceCurrency: 'AUD',
          url: `${site}/orders/new?plan=${p.id}&currency=aud`,
        }),
      ),
    );
    expect(service.offers[0]).toMatchObject({ price: '45.00', priceCurrency: 'AUD' });
    const [london] = cityJsonLd(getCity('london')!, cityPageCopy(getCity('london')!), site);
    expect(london.offers.map((o) => `${o.price} ${o.priceCurrency}`)).toEqual([
      '25.00 GBP',
      '39.00 GBP',
      '65.00 GBP',
    ]);
  });

  it('restates exactly the questions and answers the page shows', () => {
    expect(faq['@type']).toBe('FAQPage');
    expect(faq.mainEntity.map((q) => [q.name, q.acceptedAnswer.text])).toEqual(
      copy.faq.map((q) => [q.question, q.answer]),
    );
    expect(copy.faq.length).toBeGreaterThan(copy.sharedFaq.length);
  });

  it('gives a breadcrumb from the home page to the city', () => {
    expect(breadcrumb.itemListElement).toEqual([
      { '@type': 'ListItem', position: 1, name: 'Likeness', item: `${site}/` },
      { '@type': 'ListItem', position: 2, name: copy.heading, item: `${site}/headshots/melbourne` },
    ]);
  });
});
