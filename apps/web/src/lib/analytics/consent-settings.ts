'use client';

/*
 * The footer's "Cookie settings" reopens the consent banner. Kept apart from the consent store, which
 * pulls in gtag and the validated config: the footer is on every page, and its one button should not
 * bring that code to pages that show no banner.
 *
 * The banner loads in its own chunk after the page, so a click can come before it listens. Such a
 * request waits here and is answered when the banner subscribes; a window event would be lost.
 */

type Listener = () => void;

const listeners = new Set<Listener>();
let pending = false;

export function openConsentSettings(): void {
  if (listeners.size === 0) {
    pending = true;
    return;
  }
  for (const listener of listeners) listener();
}

export function onOpenConsentSettings(listener: Listener): () => void {
  listeners.add(listener);
  if (pending) {
    pending = false;
    listener();
  }
  return () => {
    listeners.delete(listener);
  };
}
