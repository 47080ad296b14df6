'use client';

import { LANDING_FUNCTION } from '@likeness/core';
import { useEffect } from 'react';
import { rememberFirstTouch } from '@/lib/analytics/first-touch';
import { trackOnce } from '@/lib/analytics/gtag';
import { functionUrl, publicConfig } from '@/lib/config';

/**
 * The visit's landing page, once per tab session, with the campaign it came from: to GA (as far as
 * the visitor allows it) and, whatever they chose, to our own count of landings (recordLanding).
 */
export function LandingView() {
  useEffect(() => {
    const url = new URL(window.location.href);
    rememberFirstTouch(url);
    const path = url.pathname.slice(0, 100);
    const campaign = attributionParams(url);
    if (trackOnce('session', 'landing_view', { landing_path: path, ...campaign })) {
      sendLandingBeacon(path, campaign);
    }
  }, []);
  return null;
}

function attributionParams(url: URL) {
  const out: Record<string, string> = {};
  for (const [param, name] of [
    ['utm_source', 'utm_source'],
    ['utm_medium', 'utm_medium'],
    ['utm_campaign', 'utm_campaign'],
    ['gclid', 'gclid'],
  ] as const) {
    const v = url.searchParams.get(param)?.trim();
    if (v && v.length <= 100) out[name] = v;
  }
  return out;
}

/**
 * Counts the landing on our own servers: the path and the campaign, no cookie, no identifier, nothing
 * stored on the device. A plain object (the function validates it against core's LandingBeacon);
 * sendBeacon posts it as text/plain, which needs no CORS preflight and outlives the page.
 */
function sendLandingBeacon(path: string, campaign: Record<string, string>) {
  const body = {
    path,
    source: campaign.utm_source,
    medium: campaign.utm_medium,
    campaign: campaign.utm_campaign,
    gclid: campaign.gclid,
  };
  try {
    navigator.sendBeacon(functionUrl(publicConfig, LANDING_FUNCTION), JSON.stringify(body));
  } catch {
    // No beacon (an old browser, a configuration error): this landing goes uncounted.
  }
}
