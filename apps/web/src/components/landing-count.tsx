'use client';

import { useEffect } from 'react';

const COUNTED_KEY = 'likeness.landing.counted';

/** The campaign in a landing URL, as GA's landing_view names it (values over 100 characters dropped). */
export function attributionParams(url: URL): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of ['utm_source', 'utm_medium', 'utm_campaign', 'gclid'] as const) {
    const v = url.searchParams.get(name)?.trim();
    if (v && v.length <= 100) out[name] = v;
  }
  return out;
}

/**
 * Counts the visit's landing on our own servers, once per tab session and whatever the cookie choice:
 * the path and the campaign, no cookie, no identifier. The `recordLanding` function validates it
 * (core's LandingBeacon), so this component imports no schema, config or SDK: on every public page
 * it loads after the page is up, and the city pages' scripts stay free of zod. sendBeacon posts
 * text/plain, which needs no CORS preflight and outlives the page.
 */
export function LandingCount({ url }: { url: string }) {
  useEffect(() => {
    try {
      if (window.sessionStorage.getItem(COUNTED_KEY)) return;
      window.sessionStorage.setItem(COUNTED_KEY, '1');
    } catch {
      // Without session storage a landing may be counted once per page view instead.
    }
    const here = new URL(window.location.href);
    const campaign = attributionParams(here);
    const body = {
      path: here.pathname.slice(0, 100),
      source: campaign.utm_source,
      medium: campaign.utm_medium,
      campaign: campaign.utm_campaign,
      gclid: campaign.gclid,
    };
    try {
      navigator.sendBeacon(url, JSON.stringify(body));
    } catch {
      // No beacon (an old browser): this landing goes uncounted.
    }
  }, [url]);
  return null;
}
