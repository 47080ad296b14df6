import { z } from 'zod';
import { getCity } from './cities.js';
import { ATTRIBUTION_MAX, Attribution, attributionSource } from './funnel.js';

/**
 * Landing views counted from our own data, not GA's: once per tab session the page sends a beacon
 * with its path and the campaign in its URL (no cookie, no id); the `recordLanding` function adds one
 * to the day's counters in `funnelDaily/{YYYY-MM-DD}`, total, by source and by page. The keys are
 * bounded here, so a visitor cannot make the documents grow without limit.
 */

/** What the page sends: its path and its URL's UTM source, medium, campaign and gclid (with Attribution's limits). */
export const LandingBeacon = z
  .object({
    path: z.string().startsWith('/').max(ATTRIBUTION_MAX),
    source: Attribution.shape.source,
    medium: Attribution.shape.medium,
    campaign: Attribution.shape.campaign,
    gclid: Attribution.shape.gclid,
  })
  .strict();
export type LandingBeacon = z.infer<typeof LandingBeacon>;

/** The key that stands for every source or page that is not a safe key of its own. */
export const OTHER_KEY = 'other';
export const SOURCE_KEY_MAX = 40;
/** Our own names for no source and an ad click (attributionSource), kept as they are. */
const OWN_SOURCES = new Set(['(direct)', 'google-ads']);
const SAFE_KEY = new RegExp(`^[a-z0-9._-]{1,${SOURCE_KEY_MAX}}$`);

/**
 * The source a landing (and the order it leads to) counts under in the funnel: attributionSource
 * (UTM source in lower case, else `google-ads` for an ad click, else `(direct)`), as a safe Firestore
 * map key: `[a-z0-9._-]`, at most 40 characters, not Firestore's reserved `__x__`, otherwise `other`.
 */
export function funnelSourceKey(a: Pick<Attribution, 'source' | 'gclid'> | undefined | null): string {
  const source = attributionSource(a);
  if (OWN_SOURCES.has(source)) return source;
  // Firestore reserves field names of the form __x__.
  return SAFE_KEY.test(source) && !/^__.*__$/.test(source) ? source : OTHER_KEY;
}

/** The page a landing counts under: `home` for `/`, the city's slug for its page, otherwise `other`. */
export function landingPageKey(path: string): string {
  if (path === '/') return 'home';
  const city = /^\/headshots\/([a-z0-9-]+)\/?$/.exec(path)?.[1];
  return city && getCity(city) ? city : OTHER_KEY;
}

/** `funnelDaily/{YYYY-MM-DD}` (UTC day): the day's landing counters, written only by `recordLanding`. */
export const FunnelDailyDoc = z.object({
  landings: z
    .object({
      total: z.number().int().nonnegative(),
      bySource: z.record(z.string(), z.number().int().nonnegative()).default({}),
      byPage: z.record(z.string(), z.number().int().nonnegative()).default({}),
    })
    .optional(),
  updatedAt: z.unknown().optional(),
});
export type FunnelDailyDoc = z.infer<typeof FunnelDailyDoc>;
