import type { MetadataRoute } from 'next';
import { publicConfig } from '@/lib/config';

export const dynamic = 'force-static';

export default function robots(): MetadataRoute.Robots {
  return {
    // The customer app and the operator console are private and not worth crawling.
    rules: { userAgent: '*', allow: '/', disallow: ['/orders', '/operator', '/login', '/account'] },
    sitemap: `${publicConfig.siteUrl}/sitemap.xml`,
  };
}
