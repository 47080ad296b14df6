import { CITIES, COUNTRIES } from '@likeness/core';
import type { MetadataRoute } from 'next';
import { cityPath } from '@/lib/city-page';
import { publicConfig } from '@/lib/config';

export const dynamic = 'force-static';

export default function sitemap(): MetadataRoute.Sitemap {
  const base = publicConfig.siteUrl;
  return [
    { url: `${base}/`, changeFrequency: 'weekly', priority: 1 },
    { url: `${base}/privacy`, changeFrequency: 'monthly', priority: 0.3 },
    { url: `${base}/terms`, changeFrequency: 'monthly', priority: 0.3 },
    ...CITIES.map((city) => ({
      url: `${base}${cityPath(city)}`,
      changeFrequency: 'monthly' as const,
      priority: 0.7,
      alternates: { languages: { [COUNTRIES[city.country].locale]: `${base}${cityPath(city)}` } },
    })),
  ];
}
