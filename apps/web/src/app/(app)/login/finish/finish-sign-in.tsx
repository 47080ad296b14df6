'use client';

import Link from 'next/link';
import { useRouter, useSearchParams } from 'next/navigation';
import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import { Alert, Button, PageLoading } from '@/components/ui';
import { describeError } from '@/lib/errors';
import { track } from '@/lib/analytics/gtag';
import { completeSignInLink, isNewUser, isSignInLink } from '@/lib/firebase/auth';
import { safeNextPath } from '@/lib/safe-next';
import { forgetEmail, recallEmail } from '../email-storage';

type Phase = 'checking' | 'need-email' | 'signing-in' | 'invalid' | 'error';

/** Completes an email-link sign-in on the device that opened the link. */
export function FinishSignIn() {
  const router = useRouter();
  const params = useSearchParams();
  const next = safeNextPath(params.get('next'));
  const [phase, setPhase] = useState<Phase>('checking');
  const [email, setEmail] = useState('');
  const [error, setError] = useState<string | null>(null);
  // The link's code works once; React's development double effects must not spend it twice.
  const started = useRef(false);

  const complete = useCallback(
    async (address: string) => {
      setPhase('signing-in');
      setError(null);
      try {
        const credential = await completeSignInLink(address, window.location.href);
        if (isNewUser(credential)) track('sign_up', { method: 'email' });
        forgetEmail();
        router.replace(next);
      } catch (err) {
        setError(describeError(err));
        setPhase('error');
      }
    },
    [next, router],
  );

  useEffect(() => {
    if (started.current) return;
    started.current = true;
    if (!isSignInLink(window.location.href)) {
      // eslint-disable-next-line react-hooks/set-state-in-effect -- the link is in the address bar, which exists only in the browser after the first render
      setPhase('invalid');
      return;
    }
    const stored = recallEmail();
    if (stored) void complete(stored);
    else setPhase('need-email');
  }, [complete]);

  function submit(e: FormEvent) {
    e.preventDefault();
    void complete(email.trim());
  }

  if (phase === 'checking' || phase === 'signing-in') return <PageLoading label="Signing you in…" />;
  return (
    <div className="mx-auto max-w-md py-6">
      <h1 className="text-3xl font-semibold tracking-tight">Finish signing in</h1>
      {phase === 'invalid' && (
        <Alert tone="error" className="mt-6">
          This is not a valid sign-in link.{' '}
          <Link prefetch={false} href="/login" className="font-semibold underline">
            Request a new one
          </Link>
          .
        </Alert>
      )}
      {(phase === 'need-email' || phase === 'error') && (
        <form onSubmit={submit} className="mt-6 space-y-4">
          <p className="text-slate-600">
            {phase === 'need-email'
              ? 'You opened the link on a different device or browser. Confirm the email address it was sent to.'
              : 'Check the address and try again, or request a new link.'}
          </p>
          <div>
            <label htmlFor="confirm-email" className="block text-sm font-medium">
              Email address
            </label>
            <input
              id="confirm-email"
              data-testid="email-input"
              type="email"
              required
              autoComplete="email"
              value={email}
              onChange={(e) => setEmail(e.target.value)}
              className="mt-1.5 block w-full rounded-lg border-0 px-3 py-2.5 ring-1 ring-slate-300 ring-inset focus:ring-2 focus:ring-brand-600"
            />
          </div>
          <Button type="submit" size="lg" className="w-full">
            Sign in
          </Button>
          {error && <Alert tone="error">{error}</Alert>}
          <p className="text-sm">
            <Link prefetch={false} href="/login" className="font-medium text-brand-700 underline">
              Request a new link
            </Link>
          </p>
        </form>
      )}
    </div>
  );
}
