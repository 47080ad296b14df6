'use client';

import { CONSENT_STATEMENTS } from '@likeness/core';
import Link from 'next/link';
import { useRef, useState, type FormEvent } from 'react';
import { Alert, Button, Spinner } from '@/components/ui';
import { describeError } from '@/lib/errors';
import { giveConsent } from '@/lib/firebase/consent';

type Statement = keyof typeof CONSENT_STATEMENTS;
const STATEMENTS = Object.keys(CONSENT_STATEMENTS) as Statement[];
const NONE_TICKED = Object.fromEntries(STATEMENTS.map((s) => [s, false])) as Record<Statement, boolean>;

function NewTabLink({ href, children }: { href: string; children: string }) {
  return (
    <Link
      href={href}
      prefetch={false}
      target="_blank"
      className="font-medium text-brand-700 underline underline-offset-2 hover:no-underline"
    >
      {children}
      <span className="sr-only"> (opens in a new tab)</span>
    </Link>
  );
}

/**
 * The three statements the customer confirms before any selfie leaves their device. The consent is
 * stored once per account (lib/firebase/consent.ts); the live listener removes this panel once it is
 * on record, and createUploadUrls refuses uploads without it.
 */
export function ConsentPanel({ uid, renewal }: { uid: string; renewal: boolean }) {
  const [ticked, setTicked] = useState(NONE_TICKED);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const inFlight = useRef(false);
  const all = STATEMENTS.every((s) => ticked[s]);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!all || inFlight.current) return;
    inFlight.current = true;
    setBusy(true);
    setError(null);
    try {
      await giveConsent(uid);
    } catch (err) {
      setError(describeError(err));
    } finally {
      inFlight.current = false;
      setBusy(false);
    }
  }

  return (
    <form
      onSubmit={submit}
      data-testid="consent-panel"
      aria-labelledby="consent-heading"
      className="mt-5 rounded-2xl border border-brand-200 bg-brand-50/60 p-5"
    >
      <h3 id="consent-heading" className="font-semibold text-slate-900">
        {renewal ? 'Our privacy notice has changed' : 'Before you upload'}
      </h3>
      <p className="mt-1 text-sm text-slate-700">
        Your selfies show your face, which the law treats as sensitive data. Please confirm the three
        statements below; they apply to all your orders, and you can withdraw by deleting your photos, an
        order or your account at any time.
      </p>
      <fieldset className="mt-4 space-y-3">
        <legend className="sr-only">Confirm each statement</legend>
        {STATEMENTS.map((statement) => (
          <label key={statement} className="flex cursor-pointer items-start gap-3 text-sm text-slate-800">
            <input
              type="checkbox"
              data-testid={`consent-${statement}`}
              checked={ticked[statement]}
              onChange={(e) => setTicked((t) => ({ ...t, [statement]: e.target.checked }))}
              className="mt-0.5 size-4 shrink-0 rounded border-slate-400 accent-brand-600"
            />
            <span>{CONSENT_STATEMENTS[statement]}</span>
          </label>
        ))}
      </fieldset>
      <p className="mt-4 text-sm text-slate-600">
        What we keep, who processes it and for how long:{' '}
        <NewTabLink href="/privacy">privacy notice</NewTabLink>. The rules of the service:{' '}
        <NewTabLink href="/terms">terms</NewTabLink>.
      </p>
      <div className="mt-4 flex flex-wrap items-center gap-3">
        <Button type="submit" data-testid="consent-continue" disabled={!all || busy}>
          {busy && <Spinner />}
          Continue
        </Button>
        {!all && <p className="text-xs text-slate-500">Tick all three to continue.</p>}
      </div>
      {error && (
        <Alert tone="error" className="mt-3">
          {error}
        </Alert>
      )}
    </form>
  );
}
