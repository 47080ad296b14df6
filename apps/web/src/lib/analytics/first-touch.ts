'use client';

import { Attribution, attributionFromUrl } from '@likeness/core';
import { currentConsent } from './consent-store';
import { gaClientId } from './gtag';

const KEY = 'likeness.firstTouch';

/**
 * Keeps where the visitor first came from (UTM source/medium/campaign, gclid, landing page) for the
 * order they may create. It stays in this tab's session storage unless they allowed analytics, when
 * it is kept across visits. The first touch wins: later landings do not overwrite it.
 */
export function rememberFirstTouch(url: URL): Attribution {
  const existing = storedFirstTouch();
  if (existing) return existing;
  const touch = attributionFromUrl(url);
  storeFor(touch, currentConsent()?.analytics === true);
  return touch;
}

function storeFor(touch: Attribution, persistent: boolean) {
  try {
    (persistent ? window.localStorage : window.sessionStorage).setItem(KEY, JSON.stringify(touch));
  } catch {
    // Storage refused: the order is created without attribution.
  }
}

export function storedFirstTouch(): Attribution | null {
  try {
    const raw = window.localStorage.getItem(KEY) ?? window.sessionStorage.getItem(KEY);
    const parsed = Attribution.safeParse(raw ? JSON.parse(raw) : null);
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** Once analytics is allowed the first touch may outlive the tab; once refused it may not. */
export function keepFirstTouchFor(analyticsAllowed: boolean) {
  const touch = storedFirstTouch();
  if (!touch) return;
  try {
    window.localStorage.removeItem(KEY);
    window.sessionStorage.removeItem(KEY);
  } catch {
    return;
  }
  storeFor(touch, analyticsAllowed);
}

/**
 * The attribution written on a new order: the first touch, with GA's client id and the ads choice
 * when the visitor allowed them, so the server's purchase joins their GA session.
 */
export function attributionForOrder(): Attribution | undefined {
  const touch = storedFirstTouch() ?? {};
  const consent = currentConsent();
  const clientId = consent?.analytics ? gaClientId() : undefined;
  const out: Attribution = {
    ...touch,
    ...(clientId ? { gaClientId: clientId } : {}),
    ...(consent ? { adsConsent: consent.ads } : {}),
  };
  const parsed = Attribution.safeParse(out);
  return parsed.success && Object.keys(parsed.data).length > 0 ? parsed.data : undefined;
}
