'use client';

import dynamic from 'next/dynamic';

/*
 * The consent banner and the landing-view event load after the page is up, in their own chunk: they
 * bring gtag, the validated config and core's event schemas, which a first paint does not need (the
 * banner renders nothing before hydration anyway, as the stored choice is unknown until then).
 */
const ConsentBanner = dynamic(() => import('./consent-banner').then((m) => m.ConsentBanner), { ssr: false });
const LandingView = dynamic(() => import('./landing-view').then((m) => m.LandingView), { ssr: false });

export function ConsentAndLanding() {
  return (
    <>
      <LandingView />
      <ConsentBanner />
    </>
  );
}
