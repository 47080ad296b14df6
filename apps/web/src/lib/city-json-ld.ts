import { COUNTRIES, PLANS, planPrice, type City } from '@likeness/core';
import { cityOrderPath, type CityPageCopy } from './city-page';

/**
 * schema.org data for a city page: the Service with an Offer per plan, the page's FAQ and its
 * breadcrumb. Built from the same copy the page shows, since structured data that differs from the
 * visible page is what search engines penalise. Offers carry the currency checkout charges.
 */
export function cityJsonLd(city: City, copy: CityPageCopy, siteUrl: string) {
  const country = COUNTRIES[city.country];
  const url = `${siteUrl}${copy.path}`;
  const service = {
    '@context': 'https://schema.org',
    '@type': 'Service',
    name: copy.title,
    serviceType: 'AI headshot photography',
    description: copy.intro,
    url,
    inLanguage: copy.locale,
    provider: { '@type': 'Organization', name: 'Likeness', url: `${siteUrl}/` },
    areaServed: {
      '@type': 'City',
      name: city.name,
      containedInPlace: {
        '@type': 'AdministrativeArea',
        name: city.region,
        containedInPlace: { '@type': 'Country', name: country.name },
      },
    },
    offers: Object.values(PLANS).map((plan) => ({
      '@type': 'Offer',
      name: `${plan.name}: ${plan.blurb}`,
      // The plan's own price in the page's currency (core/plans.ts), which checkout charges.
      price: (planPrice(plan, copy.currency) / 100).toFixed(2),
      priceCurrency: copy.currency.toUpperCase(),
      url: `${siteUrl}${cityOrderPath(copy.currency, plan.id)}`,
    })),
  };
  const faq = {
    '@context': 'https://schema.org',
    '@type': 'FAQPage',
    mainEntity: copy.faq.map((q) => ({
      '@type': 'Question',
      name: q.question,
      acceptedAnswer: { '@type': 'Answer', text: q.answer },
    })),
  };
  const breadcrumb = {
    '@context': 'https://schema.org',
    '@type': 'BreadcrumbList',
    itemListElement: [
      { '@type': 'ListItem', position: 1, name: 'Likeness', item: `${siteUrl}/` },
      { '@type': 'ListItem', position: 2, name: copy.heading, item: url },
    ],
  };
  return [service, faq, breadcrumb] as const;
}

/** JSON for a `<script type="application/ld+json">`: `<` escaped so no string can close the tag. */
export const jsonLdScript = (data: unknown) => JSON.stringify(data).replace(/</g, '\\u003c');
