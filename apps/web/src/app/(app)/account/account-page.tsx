'use client';

import { PLANS, STATUS_LABELS } from '@likeness/core';
import Link from 'next/link';
import { useEffect, useState } from 'react';
import { StatusBadge } from '@/components/status-badge';
import { Alert, Card, PageLoading, formatDateTime } from '@/components/ui';
import { useConsent } from '@/lib/consent';
import { accountHoldings, plural } from '@/lib/erasure-view';
import { describeError } from '@/lib/errors';
import { useRequireUser } from '@/lib/firebase/auth-provider';
import { customerOrders } from '@/lib/firebase/firestore';
import { listen } from '@/lib/firebase/listen';
import { toOrderView, type OrderView } from '@/lib/views';
import { DeleteAccountSection } from './delete-account-section';
import { EmailsSection } from './emails-section';

/** Everything the account holds, how to take a copy, and how to delete it. */
export function AccountPage() {
  const user = useRequireUser();
  const consent = useConsent(user?.uid ?? null);
  const [orders, setOrders] = useState<OrderView[] | undefined>(undefined);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!user) return;
    return listen(customerOrders(user.uid), toOrderView, setOrders, (err) => setError(describeError(err)));
  }, [user]);

  if (!user) return <PageLoading />;
  const holdings = orders ? accountHoldings(orders) : undefined;
  const live = orders?.filter((o) => o.status !== 'deleted') ?? [];

  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-3xl font-semibold tracking-tight">Your account</h1>
        <p className="mt-1 text-sm text-slate-600">
          What we hold for you, how to take a copy, and how to delete it. The{' '}
          <Link
            prefetch={false}
            href="/privacy"
            className="font-medium text-brand-700 underline underline-offset-2"
          >
            privacy notice
          </Link>{' '}
          says how long each kind of data is kept.
        </p>
      </div>
      {error && <Alert tone="error">{error}</Alert>}

      <Card aria-labelledby="holdings-heading">
        <h2 id="holdings-heading" className="text-xl font-semibold">
          What your account holds
        </h2>
        <dl
          className="mt-4 grid gap-x-8 gap-y-3 text-sm sm:grid-cols-[max-content_1fr]"
          data-testid="account-holdings"
        >
          <dt className="text-slate-500">Sign-in</dt>
          <dd className="font-medium">{user.email ?? user.displayName ?? 'This sign-in'}</dd>
          <dt className="text-slate-500">Consent to face processing</dt>
          <dd>
            {consent.record === undefined
              ? '…'
              : consent.record === null
                ? 'Not given yet; we ask before your first upload.'
                : `Given ${formatDateTime(consent.record.at)} for the privacy notice of ${consent.record.noticeVersion}${consent.current ? '' : ' (an older notice: we ask again before your next upload)'}.`}
          </dd>
          <dt className="text-slate-500">Orders</dt>
          <dd>
            {holdings
              ? `${plural(holdings.orders, 'order')}, with ${plural(holdings.selfies, 'selfie')} and ${plural(holdings.headshots, 'headshot')}`
              : '…'}
          </dd>
        </dl>
        {orders === undefined && !error && <PageLoading label="Loading your orders…" />}
        {live.length > 0 && (
          <ul
            className="mt-5 divide-y divide-slate-200 rounded-xl border border-slate-200"
            data-testid="account-orders"
          >
            {live.map((order) => (
              <li key={order.id}>
                <Link
                  prefetch={false}
                  href={`/orders/${order.id}`}
                  className="flex flex-wrap items-center gap-x-6 gap-y-1 px-4 py-3 text-sm hover:bg-slate-50"
                  aria-label={`${PLANS[order.planId].name} order from ${formatDateTime(order.createdAt)}: ${STATUS_LABELS[order.status]}`}
                >
                  <span className="min-w-40 flex-1 font-medium">
                    {PLANS[order.planId].name} · {formatDateTime(order.createdAt)}
                  </span>
                  <span className="text-slate-600">
                    {order.retention?.trainingDataErasedAt
                      ? 'selfies deleted'
                      : plural(order.photos?.uploaded ?? 0, 'selfie')}{' '}
                    · {plural(order.images?.done ?? 0, 'headshot')}
                  </span>
                  <StatusBadge status={order.status} />
                </Link>
              </li>
            ))}
          </ul>
        )}
      </Card>

      <Card aria-labelledby="rights-heading">
        <h2 id="rights-heading" className="text-xl font-semibold">
          Your copy, and deleting part of it
        </h2>
        <ul className="mt-3 list-disc space-y-2 pl-5 text-sm text-slate-700">
          <li>
            <strong>Download your headshots:</strong> open an order and use <em>Download all</em> in its
            gallery (a zip of every headshot), or download them one by one.
          </li>
          <li>
            <strong>Delete a photo:</strong> before you pay, each photo on the order page has a Delete link.
          </li>
          <li>
            <strong>Delete an order:</strong> at any stage, with <em>Delete this order</em> at the bottom of
            its page. After payment its headshots go too.
          </li>
          <li>
            <strong>Withdraw your consent:</strong> delete the photos, the order or the account below; we then
            stop using your face and remove what was made from it.
          </li>
        </ul>
      </Card>

      <EmailsSection marketing={consent.marketingEmail} loadError={consent.error} />

      {orders && holdings && <DeleteAccountSection email={user.email} holdings={holdings} />}
    </div>
  );
}
