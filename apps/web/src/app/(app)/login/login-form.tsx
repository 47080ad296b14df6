'use client';

import Link from 'next/link';
import { useRouter, useSearchParams } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { Alert, Button, Spinner } from '@/components/ui';
import { publicConfig } from '@/lib/config';
import { describeError } from '@/lib/errors';
import { track } from '@/lib/analytics/gtag';
import { isNewUser, sendSignInLink } from '@/lib/firebase/auth';
import { signInWithGoogle } from '@/lib/firebase/google-sign-in';
import { useAuth } from '@/lib/firebase/auth-provider';
import { safeNextPath } from '@/lib/safe-next';
import { rememberEmail } from './email-storage';

export function LoginForm() {
  const params = useSearchParams();
  const router = useRouter();
  const { user } = useAuth();
  const next = safeNextPath(params.get('next'));
  const [email, setEmail] = useState('');
  const [sentTo, setSentTo] = useState<string | null>(null);
  const [busy, setBusy] = useState<'email' | 'google' | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function sendLink(e: FormEvent) {
    e.preventDefault();
    if (busy) return;
    setBusy('email');
    setError(null);
    try {
      const address = email.trim();
      const finish = new URL('/login/finish', window.location.origin);
      if (next !== '/orders/new') finish.searchParams.set('next', next);
      await sendSignInLink(address, finish.toString());
      rememberEmail(address);
      setSentTo(address);
    } catch (err) {
      setError(describeError(err));
    } finally {
      setBusy(null);
    }
  }

  async function google() {
    if (busy) return;
    setBusy('google');
    setError(null);
    try {
      const credential = await signInWithGoogle();
      if (isNewUser(credential)) track('sign_up', { method: 'google' });
      router.replace(next);
    } catch (err) {
      setError(describeError(err));
      setBusy(null);
    }
  }

  const emulators = publicConfig.emulators;
  return (
    <div className="mx-auto max-w-md py-6">
      <h1 className="text-3xl font-semibold tracking-tight">Sign in</h1>
      <p className="mt-2 text-slate-600">
        No password needed: we email you a link, or use your Google account.
      </p>

      {user && (
        <Alert tone="info" className="mt-6">
          You are signed in as {user.email ?? 'a Google user'}.{' '}
          <Link prefetch={false} href={next} className="font-semibold underline">
            Continue
          </Link>
        </Alert>
      )}

      {sentTo ? (
        <div
          data-testid="link-sent"
          className="mt-8 rounded-2xl border border-emerald-200 bg-emerald-50 p-6"
          role="status"
        >
          <h2 className="text-lg font-semibold text-emerald-950">Check your inbox</h2>
          <p className="mt-2 text-sm text-emerald-900">
            We sent a sign-in link to <strong>{sentTo}</strong>. Open it on this device to continue.
          </p>
          {emulators && (
            <p className="mt-3 text-sm text-emerald-900">
              Local stack: no email is sent. The Auth emulator keeps the link — it is printed in the emulator
              log and listed at{' '}
              <a
                className="font-medium break-all underline"
                href={`${emulators.auth}/emulator/v1/projects/${publicConfig.firebase.projectId}/oobCodes`}
                target="_blank"
                rel="noreferrer"
              >
                the emulator&apos;s oobCodes endpoint
              </a>
              .
            </p>
          )}
          <button
            type="button"
            className="mt-4 text-sm font-medium text-emerald-900 underline"
            onClick={() => setSentTo(null)}
          >
            Use another address
          </button>
        </div>
      ) : (
        <form onSubmit={sendLink} className="mt-8 space-y-4">
          <div>
            <label htmlFor="email" className="block text-sm font-medium text-slate-900">
              Email address
            </label>
            <input
              id="email"
              data-testid="email-input"
              type="email"
              required
              autoComplete="email"
              inputMode="email"
              value={email}
              onChange={(e) => setEmail(e.target.value)}
              className="mt-1.5 block w-full rounded-lg border-0 px-3 py-2.5 text-slate-900 ring-1 ring-slate-300 ring-inset placeholder:text-slate-400 focus:ring-2 focus:ring-brand-600"
              placeholder="you@example.com"
            />
          </div>
          <Button type="submit" data-testid="send-link" size="lg" className="w-full" disabled={busy !== null}>
            {busy === 'email' && <Spinner />}
            Email me a sign-in link
          </Button>
        </form>
      )}

      <div className="my-6 flex items-center gap-3 text-xs tracking-wider text-slate-400 uppercase">
        <span className="h-px flex-1 bg-slate-200" />
        or
        <span className="h-px flex-1 bg-slate-200" />
      </div>
      <Button
        variant="secondary"
        size="lg"
        className="w-full"
        data-testid="google-signin"
        onClick={google}
        disabled={busy !== null}
      >
        {busy === 'google' ? (
          <Spinner />
        ) : (
          <svg aria-hidden="true" viewBox="0 0 24 24" className="size-5">
            <path
              fill="#4285F4"
              d="M23.5 12.3c0-.8-.1-1.6-.2-2.3H12v4.4h6.5a5.6 5.6 0 0 1-2.4 3.6v3h3.9c2.3-2.1 3.5-5.2 3.5-8.7z"
            />
            <path
              fill="#34A853"
              d="M12 24c3.2 0 6-1.1 8-2.9l-3.9-3c-1.1.7-2.5 1.2-4.1 1.2-3.1 0-5.8-2.1-6.7-5H1.3v3.1A12 12 0 0 0 12 24z"
            />
            <path fill="#FBBC05" d="M5.3 14.3a7.2 7.2 0 0 1 0-4.6V6.6h-4a12 12 0 0 0 0 10.8l4-3.1z" />
            <path
              fill="#EA4335"
              d="M12 4.8c1.8 0 3.3.6 4.6 1.8l3.4-3.4A12 12 0 0 0 1.3 6.6l4 3.1c.9-2.8 3.6-4.9 6.7-4.9z"
            />
          </svg>
        )}
        Continue with Google
      </Button>

      {error && (
        <Alert tone="error" className="mt-6">
          {error}
        </Alert>
      )}
    </div>
  );
}
