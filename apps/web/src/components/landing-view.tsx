'use client';

import { useEffect } from 'react';
import { rememberFirstTouch } from '@/lib/analytics/first-touch';
import { trackOnce } from '@/lib/analytics/gtag';
import { attributionParams } from './landing-count';

/** The visit's landing page for GA, once per tab session, with the campaign it came from. */
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
