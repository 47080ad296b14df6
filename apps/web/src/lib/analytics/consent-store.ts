'use client';

import { useSyncExternalStore } from 'react';
import {
  CONSENT_STORAGE_KEY,
  CONSENT_VERSION,
  consentStateOf,
  parseStoredChoice,
  type ConsentChoice,
} from './consent-choice';
import { gtag } from './gtag';

const CHANGED = 'likeness:consent-changed';

function read(): ConsentChoice | null {
  try {
    return parseStoredChoice(window.localStorage.getItem(CONSENT_STORAGE_KEY));
  } catch {
    return null;
  }
}

let cached: { raw: string | null; choice: ConsentChoice | null } | undefined;
function snapshot(): ConsentChoice | null {
  let raw: string | null;
  try {
    raw = window.localStorage.getItem(CONSENT_STORAGE_KEY);
  } catch {
    raw = null;
  }
  if (!cached || cached.raw !== raw) cached = { raw, choice: read() };
  return cached.choice;
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener(CHANGED, onChange);
  window.addEventListener('storage', onChange);
  return () => {
    window.removeEventListener(CHANGED, onChange);
    window.removeEventListener('storage', onChange);
  };
}

/** The stored choice; undefined during server rendering and hydration (the banner waits for it). */
export function useConsentChoice(): ConsentChoice | null | undefined {
  return useSyncExternalStore(subscribe, snapshot, () => undefined);
}

/** Records the visitor's choice and tells gtag at once (Consent Mode `update`). */
export function saveConsentChoice(choice: { analytics: boolean; ads: boolean }): void {
  const stored: ConsentChoice = { v: CONSENT_VERSION, ...choice, at: Date.now() };
  try {
    window.localStorage.setItem(CONSENT_STORAGE_KEY, JSON.stringify(stored));
  } catch {
    // Private modes may refuse storage: the choice still applies to this page.
  }
  gtag('consent', 'update', consentStateOf(stored));
  // Consent Mode stops GA using its cookies; a withdrawn consent also removes them.
  if (!choice.analytics) removeAnalyticsCookies();
  window.dispatchEvent(new Event(CHANGED));
}

/** GA's first-party cookies: `_ga` and `_ga_<stream>`, on this host and its parent domain. */
function removeAnalyticsCookies() {
  const names = document.cookie
    .split('; ')
    .map((c) => c.split('=')[0]!)
    .filter((name) => name === '_ga' || name.startsWith('_ga_'));
  const host = window.location.hostname;
  for (const name of names) {
    document.cookie = `${name}=; path=/; max-age=0`;
    document.cookie = `${name}=; path=/; max-age=0; domain=${host}`;
  }
}

export const currentConsent = (): ConsentChoice | null => (typeof window === 'undefined' ? null : read());
