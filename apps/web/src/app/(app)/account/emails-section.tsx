'use client';

import { WINBACK_STEPS } from '@likeness/core';
import { useRef, useState } from 'react';
import { Alert, Button, Card, Spinner } from '@/components/ui';
import { describeError } from '@/lib/errors';
import { callFunction } from '@/lib/firebase/callables';

/**
 * "Emails": what the customer gets. Order emails always; offers and reminders (the win-back drip and
 * the rating request) unless they turned them off, here or with the link in such an email. The state
 * is the live `users/{uid}.email` (useConsent); one button calls setMarketingEmail to flip it.
 */
export function EmailsSection({
  marketing,
  loadError,
}: {
  /** Offers and reminders on; undefined while the record loads. */
  marketing: boolean | undefined;
  /** The record could not be read. */
  loadError: string | null;
}) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const inFlight = useRef(false);

  async function toggle() {
    if (marketing === undefined || inFlight.current) return;
    inFlight.current = true;
    setBusy(true);
    setError(null);
    try {
      // The new state arrives through the live record; a second click before it does asks for the
      // same value again, which the function ignores.
      await callFunction('setMarketingEmail', { marketing: !marketing });
    } catch (err) {
      setError(describeError(err));
    } finally {
      inFlight.current = false;
      setBusy(false);
    }
  }

  const shownError = error ?? (marketing === undefined ? loadError : null);

  return (
    <Card aria-labelledby="emails-heading">
      <h2 id="emails-heading" className="text-xl font-semibold">
        Emails
      </h2>
      <dl className="mt-4 grid gap-x-8 gap-y-3 text-sm sm:grid-cols-[max-content_1fr]">
        <dt className="text-slate-500">About your orders</dt>
        <dd>
          Always sent: headshots ready, a problem or a refund, the reminder before headshots are deleted, and
          deletion receipts.
        </dd>
        <dt className="text-slate-500">Offers and reminders</dt>
        <dd data-testid="marketing-email-state">
          <span className="font-medium">{marketing === undefined ? '…' : marketing ? 'On' : 'Off'}</span>
          <span className="text-slate-600">
            {' '}
            · up to {WINBACK_STEPS.length} reminders for an order you started and did not pay (the later ones
            with a discount), and a request to rate each delivered order.
          </span>
        </dd>
      </dl>
      <Button
        variant="secondary"
        className="mt-5"
        data-testid="marketing-email-toggle"
        disabled={marketing === undefined || busy}
        onClick={toggle}
      >
        {busy && <Spinner />}
        {marketing === false ? 'Turn offers and reminders back on' : 'Turn off offers and reminders'}
      </Button>
      {shownError && (
        <Alert tone="error" className="mt-3">
          {shownError}
        </Alert>
      )}
    </Card>
  );
}
