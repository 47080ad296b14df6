import Script from 'next/script';
import type { AnalyticsConfig } from '@/lib/config';
import { consentBootstrapScript } from '@/lib/analytics/consent-choice';

const GOOGLE_TAG_ORIGIN = 'https://www.googletagmanager.com';

/**
 * GA4 as Google documents gtag.js: Consent Mode defaults and the stored choice first, then the tag,
 * from a first-party tagging server when one is configured. Rendered only with a measurement id; the
 * landing count and the consent banner are the root layout's (ConsentAndLanding).
 */
export function Analytics({ config }: { config: AnalyticsConfig }) {
  const origin = config.serverContainerUrl ?? GOOGLE_TAG_ORIGIN;
  return (
    <>
      <Script id="ga-consent-defaults" strategy="afterInteractive">
        {consentBootstrapScript(config)}
      </Script>
      <Script
        id="ga-gtag"
        strategy="afterInteractive"
        src={`${origin}/gtag/js?id=${encodeURIComponent(config.measurementId)}`}
      />
    </>
  );
}
