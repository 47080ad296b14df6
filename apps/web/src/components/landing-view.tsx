'use client';

import { useEffect } from 'react';
import { rememberFirstTouch } from '@/lib/analytics/first-touch';
import { trackOnce } from '@/lib/analytics/gtag';

/** The visit's landing page, once per tab session, with the campaign it came from. */
export function LandingView() {
  useEffect(() => {
    const url = new URL(window.location.href);
    rememberFirstTouch(url);
    trackOnce('session', 'landing_view', {
      landing_path: url.pathname.slice(0, 100),
      ...attributionParams(url),
    });
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
