'use client';

/*
 * The footer's "Cookie settings" reopens the consent banner. Kept apart from the consent store, which
 * pulls in gtag and the validated config: the footer is on every page, and its one button should not
 * bring that code to pages that show no banner.
 */

const OPEN_SETTINGS = 'likeness:consent-settings';

export const openConsentSettings = () => window.dispatchEvent(new Event(OPEN_SETTINGS));

export function onOpenConsentSettings(listener: () => void): () => void {
  window.addEventListener(OPEN_SETTINGS, listener);
  return () => window.removeEventListener(OPEN_SETTINGS, listener);
}
