import { FUNNEL_EVENTS, type AnalyticsEventDoc } from '@likeness/core';
import { config } from '../shared/config.js';

const GA_ORIGIN = 'https://www.google-analytics.com';

export interface MeasurementProtocolTarget {
  measurementId: string;
  apiSecret: string;
  /** www.google-analytics.com, or the GA4 stand-in locally. */
  base: string;
}

/** Where server-side funnel events go; null when GA4 is not configured (then nothing is sent). */
export function measurementProtocolTarget(): MeasurementProtocolTarget | null {
  const c = config();
  if (!c.GA_MEASUREMENT_ID || !c.GA_API_SECRET) return null;
  return { measurementId: c.GA_MEASUREMENT_ID, apiSecret: c.GA_API_SECRET, base: c.GA_API_BASE ?? GA_ORIGIN };
}

/**
 * The Measurement Protocol body of one recorded event. The order's ad consent goes with it: GA may
 * use the purchase for measurement, and for ads only where the customer said yes.
 */
export function measurementProtocolBody(event: AnalyticsEventDoc, adsConsent: boolean) {
  const params = FUNNEL_EVENTS[event.name].parse(event.params);
  const state = adsConsent ? 'GRANTED' : 'DENIED';
  return {
    client_id: event.clientId,
    consent: { ad_user_data: state, ad_personalization: state },
    events: [{ name: event.name, params }],
  };
}

/**
 * POSTs one event to `/mp/collect`. GA answers 2xx even to a payload it drops, so only transport
 * failures and 5xx surface here (and make the task retry).
 */
export async function sendMeasurementProtocol(
  target: MeasurementProtocolTarget,
  body: ReturnType<typeof measurementProtocolBody>,
): Promise<void> {
  const url = new URL('/mp/collect', target.base);
  url.searchParams.set('measurement_id', target.measurementId);
  url.searchParams.set('api_secret', target.apiSecret);
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(10_000),
  });
  if (!res.ok) throw new Error(`Measurement Protocol answered ${res.status}`);
}
