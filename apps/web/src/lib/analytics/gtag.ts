'use client';

import { funnelParams, type FunnelEventName, type FunnelParams } from '@likeness/core';
import { publicConfig } from '@/lib/config';

declare global {
  interface Window {
    dataLayer?: unknown[];
  }
}

/**
 * gtag as Google documents it: every call pushes its `arguments` onto `dataLayer`, which gtag.js
 * reads (also the calls made before it loaded). Nothing happens when no measurement id is configured.
 */
export function gtag(...args: unknown[]): void {
  if (typeof window === 'undefined' || !publicConfig.analytics) return;
  const dataLayer = (window.dataLayer ??= []);
  // gtag.js tells its commands from data pushes by the Arguments object.
  (function push(..._args: unknown[]) {
    // eslint-disable-next-line prefer-rest-params -- gtag.js reads the Arguments object itself; an array is a data push
    dataLayer.push(arguments);
  })(...args);
}

/** Sends one funnel event with its parameters checked against core's schema. */
export function track<N extends FunnelEventName>(name: N, params: FunnelParams<N>): void {
  gtag('event', name, funnelParams(name, params));
}

/**
 * Sends an event once per browser session under `key` (an order's first photo, its readiness):
 * pages re-render and listeners fire again, the funnel counts the step once.
 */
export function trackOnce<N extends FunnelEventName>(key: string, name: N, params: FunnelParams<N>): void {
  const storageKey = `likeness.funnel.${name}.${key}`;
  try {
    if (window.sessionStorage.getItem(storageKey)) return;
    window.sessionStorage.setItem(storageKey, '1');
  } catch {
    // Without session storage the event may repeat; GA still receives it.
  }
  track(name, params);
}

/** GA's client id from the `_ga` cookie (GA1.1.<id>), which exists only with analytics consent. */
export function gaClientId(): string | undefined {
  if (typeof document === 'undefined') return undefined;
  return /(?:^|; )_ga=GA1\.\d\.(\d{1,12}\.\d{1,12})(?:;|$)/.exec(document.cookie)?.[1];
}
