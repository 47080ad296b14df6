import { z } from 'zod';
import { PlanId } from './plans.js';
import { StyleId } from './styles.js';

/**
 * The measured funnel: the events the web app sends to GA4 (gtag) and the functions send through the
 * Measurement Protocol, with their parameters. Both ends validate against these schemas, so a renamed
 * event or parameter is a type error, not a silent gap in the reports.
 */

/** GA4 caps event parameter values at 100 characters. */
const Text = z.string().trim().min(1).max(100);
/** ISO 4217, upper case, as GA4 wants it. */
const Currency = z
  .string()
  .length(3)
  .transform((c) => c.toUpperCase());
/** GA4 values are in the currency's units (29.5), not Stripe's minor units. */
const Value = z.number().nonnegative().finite();

/**
 * Where the customer first came from, kept from the landing URL (first touch wins) and stored on the
 * order at draft creation: revenue can then be attributed to a city page, an ad or a directory.
 * firestore.rules repeat these limits.
 */
export const ATTRIBUTION_MAX = 100;
export const Attribution = z
  .object({
    source: Text.optional(),
    medium: Text.optional(),
    campaign: Text.optional(),
    /** Google Ads click id: ties the order to the ad click. */
    gclid: Text.optional(),
    /** Path of the first page seen (a city page, the home page). */
    landing: z.string().startsWith('/').max(ATTRIBUTION_MAX).optional(),
    /**
     * GA's client id (the `_ga` cookie's), present only when the visitor had allowed analytics
     * storage: the server's purchase event then joins their session.
     */
    gaClientId: z
      .string()
      .regex(/^\d{1,12}\.\d{1,12}$/)
      .optional(),
    /** The visitor allowed ad_user_data and ad_personalization when the order was created. */
    adsConsent: z.boolean().optional(),
  })
  .strict();
export type Attribution = z.infer<typeof Attribution>;

/**
 * The first-touch attribution in a landing URL's query and path; null when the URL carries nothing
 * worth keeping beyond the path. Over-long or empty values are dropped, not truncated.
 */
export function attributionFromUrl(url: URL): Attribution {
  const pick = (name: string) => {
    const parsed = Text.safeParse(url.searchParams.get(name) ?? '');
    return parsed.success ? parsed.data : undefined;
  };
  const landing = url.pathname.length <= ATTRIBUTION_MAX ? url.pathname : undefined;
  const out = {
    source: pick('utm_source'),
    medium: pick('utm_medium'),
    campaign: pick('utm_campaign'),
    gclid: pick('gclid'),
    landing,
  };
  return Attribution.parse(Object.fromEntries(Object.entries(out).filter(([, v]) => v !== undefined)));
}

/** The source an order is counted under: UTM source, else an ad click, else direct. */
export function attributionSource(a: Attribution | undefined | null): string {
  if (a?.source) return a.source.toLowerCase();
  if (a?.gclid) return 'google-ads';
  return '(direct)';
}

/** Each funnel event and its parameters, in funnel order. */
export const FUNNEL_EVENTS = {
  landing_view: z
    .object({
      landing_path: z.string().max(ATTRIBUTION_MAX),
      utm_source: Text.optional(),
      utm_medium: Text.optional(),
      utm_campaign: Text.optional(),
      gclid: Text.optional(),
    })
    .strict(),
  style_view: z.object({ style_id: StyleId }).strict(),
  style_select: z.object({ style_id: StyleId }).strict(),
  sign_up: z.object({ method: z.enum(['email', 'google']) }).strict(),
  first_photo_upload: z.object({ order_id: Text }).strict(),
  photos_ready: z.object({ order_id: Text }).strict(),
  begin_checkout: z.object({ value: Value, currency: Currency, plan_id: PlanId }).strict(),
  purchase: z.object({ transaction_id: Text, value: Value, currency: Currency, plan_id: PlanId }).strict(),
  refund: z.object({ transaction_id: Text, value: Value, currency: Currency }).strict(),
} as const;

export type FunnelEventName = keyof typeof FUNNEL_EVENTS;
export const FUNNEL_EVENT_NAMES = Object.keys(FUNNEL_EVENTS) as FunnelEventName[];
export type FunnelParams<N extends FunnelEventName> = z.input<(typeof FUNNEL_EVENTS)[N]>;

/** Events the browser sends; purchase and refund go from the server, where the money is known. */
export const BROWSER_FUNNEL_EVENTS = [
  'landing_view',
  'style_view',
  'style_select',
  'sign_up',
  'first_photo_upload',
  'photos_ready',
  'begin_checkout',
] as const satisfies readonly FunnelEventName[];
export const SERVER_FUNNEL_EVENTS = ['purchase', 'refund'] as const satisfies readonly FunnelEventName[];
export type ServerFunnelEventName = (typeof SERVER_FUNNEL_EVENTS)[number];

/** Parses one event's parameters; throws (a programming error) when they do not fit its schema. */
export function funnelParams<N extends FunnelEventName>(
  name: N,
  params: FunnelParams<N>,
): z.output<(typeof FUNNEL_EVENTS)[N]> {
  return FUNNEL_EVENTS[name].parse(params) as z.output<(typeof FUNNEL_EVENTS)[N]>;
}

/** Stripe minor units to GA4's currency units (zero-decimal currencies such as JPY stay whole). */
const ZERO_DECIMAL = new Set([
  'bif',
  'clp',
  'djf',
  'gnf',
  'jpy',
  'kmf',
  'krw',
  'mga',
  'pyg',
  'rwf',
  'ugx',
  'vnd',
  'vuv',
  'xaf',
  'xof',
  'xpf',
]);
export function toCurrencyUnits(minor: number, currency: string): number {
  return ZERO_DECIMAL.has(currency.toLowerCase()) ? minor : Math.round(minor) / 100;
}

/**
 * A server-side funnel event waiting to be sent (`analyticsEvents/{orderId}_{name}`): written in the
 * same transaction as the payment or refund it reports, so it exists once, whatever the webhook replays;
 * the sender marks it sent.
 */
export const AnalyticsEventDoc = z.object({
  orderId: z.string(),
  name: z.enum(SERVER_FUNNEL_EVENTS),
  params: z.record(z.string(), z.union([z.string(), z.number()])),
  /** GA's client id: the browser's when it had analytics consent, else one derived from the order. */
  clientId: z.string(),
  createdAt: z.unknown().optional(),
  sentAt: z.unknown().nullable(),
});
export type AnalyticsEventDoc = z.infer<typeof AnalyticsEventDoc>;

export const analyticsEventId = (orderId: string, name: ServerFunnelEventName, suffix = '') =>
  `${orderId}_${name}${suffix ? `_${suffix}` : ''}`;

/** The consent choices of Consent Mode v2, all denied until the visitor chooses. */
export const CONSENT_TYPES = [
  'ad_storage',
  'analytics_storage',
  'ad_user_data',
  'ad_personalization',
] as const;
export type ConsentType = (typeof CONSENT_TYPES)[number];
export type ConsentState = Record<ConsentType, 'granted' | 'denied'>;
