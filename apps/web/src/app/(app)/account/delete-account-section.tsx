'use client';

import { DeleteAccountRequest } from '@likeness/core';
import { useRouter } from 'next/navigation';
import { useId, useRef, useState, type FormEvent } from 'react';
import { Alert, Button, Card, Spinner } from '@/components/ui';
import { accountDeletionGoes, type AccountHoldings } from '@/lib/erasure-view';
import { describeError } from '@/lib/errors';
import { useAuth } from '@/lib/firebase/auth-provider';
import { callFunction } from '@/lib/firebase/callables';

/**
 * "Delete my account": says everything that goes and what Stripe keeps, asks once (the customer
 * types DELETE), then calls deleteAccount, signs out and shows the done page. The deletion itself
 * runs on the server and ends with a receipt email.
 */
export function DeleteAccountSection({
  email,
  holdings,
}: {
  email: string | null;
  holdings: AccountHoldings;
}) {
  const inputId = useId();
  const { signOut } = useAuth();
  const router = useRouter();
  const [typed, setTyped] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const inFlight = useRef(false);
  const confirmed = DeleteAccountRequest.safeParse({ confirm: typed.trim() });

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!confirmed.success || inFlight.current) return;
    inFlight.current = true;
    setBusy(true);
    setError(null);
    try {
      const { orders } = await callFunction('deleteAccount', confirmed.data);
      // The sign-in is about to be deleted on the server; this tab lets go of it now.
      await signOut();
      router.replace(`/account/deleted?orders=${orders}`);
    } catch (err) {
      setError(describeError(err));
      inFlight.current = false;
      setBusy(false);
    }
  }

  return (
    <Card aria-labelledby="delete-account-heading" className="border-red-200">
      <h2 id="delete-account-heading" className="text-xl font-semibold">
        Delete my account
      </h2>
      <p className="mt-1 text-sm text-slate-600">This deletes, for good:</p>
      <ul className="mt-2 list-disc space-y-1 pl-5 text-sm text-slate-800" data-testid="delete-account-goes">
        {accountDeletionGoes(holdings, email).map((line) => (
          <li key={line}>{line}</li>
        ))}
      </ul>
      <p className="mt-3 text-sm text-slate-600">
        What stays: Stripe, our payment processor, keeps the records of your payments (amount, date, card
        brand and last digits) for as long as tax and anti-fraud law requires. Deleting your account does not
        refund a payment.
      </p>
      <p className="mt-2 text-sm text-slate-600">
        Deletion runs in the background; when it is done we send a receipt to {email ?? 'your email address'}.
      </p>
      <form onSubmit={submit} className="mt-5 flex flex-wrap items-end gap-3">
        <div>
          <label htmlFor={inputId} className="block text-sm font-medium text-slate-800">
            Type <span className="font-mono font-semibold">DELETE</span> to confirm
          </label>
          <input
            id={inputId}
            data-testid="delete-account-input"
            value={typed}
            onChange={(e) => setTyped(e.target.value)}
            autoComplete="off"
            autoCapitalize="characters"
            spellCheck={false}
            className="mt-1.5 block w-48 rounded-lg border-0 px-3 py-2 font-mono ring-1 ring-slate-300 ring-inset focus:ring-2 focus:ring-red-600"
          />
        </div>
        <Button
          type="submit"
          variant="danger"
          data-testid="delete-account-confirm"
          disabled={!confirmed.success || busy}
        >
          {busy && <Spinner />}
          Delete my account
        </Button>
      </form>
      {error && (
        <Alert tone="error" className="mt-3">
          {error}
        </Alert>
      )}
    </Card>
  );
}
