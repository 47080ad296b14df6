import { CONSENT_TYPES, type ConsentState } from '@likeness/core';
import { z } from 'zod';

/**
 * The visitor's answer to the consent banner, kept in their browser (localStorage) so that it is
 * asked once and can be changed from the footer. `v` lets a changed banner ask again.
 */
export const CONSENT_STORAGE_KEY = 'likeness.consent';
export const CONSENT_VERSION = 1;

export const ConsentChoice = z.object({
  v: z.literal(CONSENT_VERSION),
  /** analytics_storage: GA may set its cookie and count visits. */
  analytics: z.boolean(),
  /** ad_storage, ad_user_data, ad_personalization: ad clicks may be tied to purchases. */
  ads: z.boolean(),
  at: z.number(),
});
export type ConsentChoice = z.infer<typeof ConsentChoice>;

export const DENIED_EVERYWHERE: ConsentState = Object.fromEntries(
  CONSENT_TYPES.map((t) => [t, 'denied']),
) as ConsentState;

/** Consent Mode v2's four types for a choice; no choice means every type denied. */
export function consentStateOf(choice: ConsentChoice | null): ConsentState {
  if (!choice) return DENIED_EVERYWHERE;
  const ads = choice.ads ? 'granted' : 'denied';
  return {
    analytics_storage: choice.analytics ? 'granted' : 'denied',
    ad_storage: ads,
    ad_user_data: ads,
    ad_personalization: ads,
  };
}

/** A stored choice, or null when there is none, it is unreadable or it answered an older banner. */
export function parseStoredChoice(raw: string | null): ConsentChoice | null {
  if (!raw) return null;
  try {
    const parsed = ConsentChoice.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/**
 * The inline script that runs before gtag.js: Consent Mode defaults (denied where consent is
 * required: everywhere unless regions are listed), then the stored choice, then the stream.
 */
export function consentBootstrapScript(opts: {
  measurementId: string;
  serverContainerUrl: string | null;
  consentRegions: readonly string[];
}): string {
  const denied = { ...DENIED_EVERYWHERE, wait_for_update: 500 };
  const defaults =
    opts.consentRegions.length === 0
      ? [denied]
      : [
          { ...denied, region: opts.consentRegions },
          Object.fromEntries(Object.keys(DENIED_EVERYWHERE).map((k) => [k, 'granted'])),
        ];
  const config = {
    ...(opts.serverContainerUrl
      ? { server_container_url: opts.serverContainerUrl, transport_url: opts.serverContainerUrl }
      : {}),
  };
  const json = (v: unknown) => JSON.stringify(v).replace(/</g, '\\u003c');
  return [
    'window.dataLayer=window.dataLayer||[];function gtag(){dataLayer.push(arguments);}',
    ...defaults.map((d) => `gtag('consent','default',${json(d)});`),
    `try{var c=JSON.parse(localStorage.getItem(${json(CONSENT_STORAGE_KEY)})||'null');`,
    `if(c&&c.v===${CONSENT_VERSION}){var a=c.ads?'granted':'denied';`,
    `gtag('consent','update',{analytics_storage:c.analytics?'granted':'denied',ad_storage:a,ad_user_data:a,ad_personalization:a});}}catch(e){}`,
    "gtag('js',new Date());",
    `gtag('config',${json(opts.measurementId)},${json(config)});`,
  ].join('\n');
}
