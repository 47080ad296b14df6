'use client';

import dynamic from 'next/dynamic';

/*
 * What the root layout adds after the page is up, each in its own chunk: the landing count on every
 * site (a few lines: no schema, config or SDK), and where GA is configured the consent banner and GA's
 * landing_view with the first touch (gtag, the validated config and core's event schemas, which a
 * first paint does not need; the banner renders nothing before hydration anyway, as the stored choice
 * is unknown until then).
 */
const LandingCount = dynamic(() => import('./landing-count').then((m) => m.LandingCount), { ssr: false });
const ConsentBanner = dynamic(() => import('./consent-banner').then((m) => m.ConsentBanner), { ssr: false });
const LandingView = dynamic(() => import('./landing-view').then((m) => m.LandingView), { ssr: false });

/**
 * `landingUrl`: the recordLanding function's address, worked out on the server. `analytics`: GA is
 * configured, so the banner asks for consent and GA hears of the landing too.
 */
export function ConsentAndLanding({ landingUrl, analytics }: { landingUrl: string; analytics: boolean }) {
  return (
    <>
      <LandingCount url={landingUrl} />
      {analytics && <LandingView />}
      {analytics && <ConsentBanner />}
    </>
  );
}
