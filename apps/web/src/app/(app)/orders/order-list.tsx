'use client';

import { PLANS, STATUS_LABELS, getStyle } from '@likeness/core';
import clsx from 'clsx';
import Link from 'next/link';
import { useEffect, useState } from 'react';
import { StatusBadge } from '@/components/status-badge';
import { Alert, PageLoading, buttonClass, formatDateTime } from '@/components/ui';
import { describeError } from '@/lib/errors';
import { useRequireUser } from '@/lib/firebase/auth-provider';
import { customerOrders } from '@/lib/firebase/firestore';
import { listen } from '@/lib/firebase/listen';
import { toOrderView, type OrderView } from '@/lib/views';

export function OrderList() {
  const user = useRequireUser();
  const [orders, setOrders] = useState<OrderView[] | undefined>(undefined);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!user) return;
    return listen(
      customerOrders(user.uid),
      toOrderView,
      (views) => setOrders(views.filter((o) => o.status !== 'deleted')),
      (err) => setError(describeError(err)),
    );
  }, [user]);

  if (!user) return <PageLoading />;
  return (
    <div>
      <div className="flex flex-wrap items-center justify-between gap-4">
        <h1 className="text-3xl font-semibold tracking-tight">My orders</h1>
        <Link href="/orders/new" prefetch={false} className={buttonClass('primary')}>
          New order
        </Link>
      </div>
      {error && (
        <Alert tone="error" className="mt-6">
          {error}
        </Alert>
      )}
      {orders === undefined && !error && <PageLoading />}
      {orders?.length === 0 && (
        <div className="mt-10 rounded-2xl border border-dashed border-slate-300 p-10 text-center">
          <h2 className="font-semibold">No orders yet</h2>
          <p className="mt-1 text-sm text-slate-600">
            Start one: pick your styles, then upload your selfies.
          </p>
          <Link href="/orders/new" prefetch={false} className={clsx(buttonClass('primary'), 'mt-5')}>
            Start your first order
          </Link>
        </div>
      )}
      {orders && orders.length > 0 && (
        <ul className="mt-8 divide-y divide-slate-200 overflow-hidden rounded-2xl border border-slate-200 bg-white">
          {orders.map((order) => (
            <li key={order.id}>
              <Link
                href={`/orders/${order.id}`}
                prefetch={false}
                className="flex flex-wrap items-center gap-x-6 gap-y-2 px-5 py-4 hover:bg-slate-50 focus-visible:bg-slate-50"
                aria-label={`${PLANS[order.planId].name} order from ${formatDateTime(order.createdAt)}: ${STATUS_LABELS[order.status]}`}
              >
                <div className="min-w-48 flex-1">
                  <p className="font-medium">
                    {PLANS[order.planId].name} · {PLANS[order.planId].headshots} headshots
                  </p>
                  <p className="mt-0.5 text-sm text-slate-500">
                    {order.styleIds.map((id) => getStyle(id).name).join(', ')}
                  </p>
                </div>
                <p className="text-sm text-slate-500">{formatDateTime(order.createdAt)}</p>
                <StatusBadge status={order.status} />
              </Link>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
