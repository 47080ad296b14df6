'use client';

import Link from 'next/link';
import { useEffect, useState, type ReactNode } from 'react';
import { onOpenConsentSettings } from '@/lib/analytics/consent-settings';
import { saveConsentChoice, useConsentChoice } from '@/lib/analytics/consent-store';
import { keepFirstTouchFor } from '@/lib/analytics/first-touch';
import { Button } from './ui';

/**
 * Asks before GA may store anything: until the visitor answers, Consent Mode keeps analytics and ad
 * storage denied. Refusing is one click, like accepting; the footer's "Cookie settings" reopens it.
 */
export function ConsentBanner() {
  const choice = useConsentChoice();
  const [reopened, setReopened] = useState(false);
  const [analytics, setAnalytics] = useState(false);
  const [ads, setAds] = useState(false);

  useEffect(
    () =>
      onOpenConsentSettings(() => {
        const current = choice ?? null;
        setAnalytics(current?.analytics ?? false);
        setAds(current?.ads ?? false);
        setReopened(true);
      }),
    [choice],
  );

  // undefined: not read yet (server render, hydration); the banner never flashes for a known choice.
  if (choice === undefined || (choice !== null && !reopened)) return null;

  const decide = (next: { analytics: boolean; ads: boolean }) => {
    saveConsentChoice(next);
    keepFirstTouchFor(next.analytics);
    setReopened(false);
  };

  return (
    <section
      role="dialog"
      aria-modal="false"
      aria-labelledby="consent-heading"
      data-testid="consent-banner"
      className="fixed inset-x-0 bottom-0 z-40 border-t border-slate-200 bg-white/95 shadow-lg backdrop-blur"
    >
      <div className="mx-auto flex max-w-6xl flex-col gap-4 px-4 py-4 sm:px-6 lg:flex-row lg:items-end">
        <div className="flex-1 text-sm text-slate-700">
          <h2 id="consent-heading" className="text-base font-semibold text-slate-900">
            Cookies for measuring this site
          </h2>
          <p className="mt-1">
            With your permission, Google Analytics sets cookies to count visits and which steps lead to an
            order, and ad clicks can be matched to purchases. Without it, no analytics cookie is set and
            Google receives only cookieless pings. Your photos are never part of it. See the{' '}
            <Link href="/privacy" prefetch={false} className="underline">
              privacy notice
            </Link>
            .
          </p>
          <fieldset className="mt-3 flex flex-wrap gap-x-6 gap-y-2">
            <legend className="sr-only">Choose</legend>
            <Choice testId="consent-analytics" checked={analytics} onChange={setAnalytics}>
              Analytics cookies
            </Choice>
            <Choice testId="consent-ads" checked={ads} onChange={setAds}>
              Ad measurement
            </Choice>
          </fieldset>
        </div>
        <div className="flex flex-wrap gap-2">
          {/* Refusing is as prominent as accepting. */}
          <Button data-testid="consent-reject" onClick={() => decide({ analytics: false, ads: false })}>
            Reject all
          </Button>
          <Button variant="secondary" data-testid="consent-save" onClick={() => decide({ analytics, ads })}>
            Save choices
          </Button>
          <Button data-testid="consent-accept" onClick={() => decide({ analytics: true, ads: true })}>
            Accept all
          </Button>
        </div>
      </div>
    </section>
  );
}

/** One purpose to switch on or off; the whole row is the tap target (44 px high, for fingers). */
function Choice({
  testId,
  checked,
  onChange,
  children,
}: {
  testId: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
  children: ReactNode;
}) {
  return (
    <label className="flex min-h-11 items-center gap-2">
      <input
        type="checkbox"
        data-testid={testId}
        checked={checked}
        onChange={(e) => onChange(e.target.checked)}
      />
      {children}
    </label>
  );
}
