'use client';

import dynamic from 'next/dynamic';

/*
 * The landing count and the consent banner load after the page is up, in their own chunk: they bring
 * gtag, the validated config and core's event schemas, which a first paint does not need (the banner
 * renders nothing before hydration anyway, as the stored choice is unknown until then).
 */
const ConsentBanner = dynamic(() => import('./consent-banner').then((m) => m.ConsentBanner), { ssr: false });
const LandingView = dynamic(() => import('./landing-view').then((m) => m.LandingView), { ssr: false });

/**
 * Every page counts its landing in our own funnel (no cookie, no id), with or without Google
 * Analytics; the banner asks for consent only where GA is configured (`consent`).
 */
export function ConsentAndLanding({ consent }: { consent: boolean }) {
  return (
    <>
      <LandingView />
      {consent && <ConsentBanner />}
    </>
  );
}
