'use client';

import {
  dailyTotals,
  formatPrice,
  GPU_PRICE_PER_SEC_USD,
  orderEconomics,
  PLANS,
  type Economics,
} from '@likeness/core';
import clsx from 'clsx';
import { useEffect, useMemo, useState, type ReactNode } from 'react';
import { StatusBadge } from '@/components/status-badge';
import { Alert, PageLoading, formatDateTime } from '@/components/ui';
import { describeError } from '@/lib/errors';
import { recentPaidOrders } from '@/lib/firebase/firestore';
import { listen } from '@/lib/firebase/listen';
import { toOrderView, type OrderView } from '@/lib/views';
import { HeaderRow } from './header-row';

/** Paid orders read; the day totals cover these only, so the oldest day shown may be partial. */
const SHOWN = 50;

const seconds = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
/** Replicate bills in USD; revenue is shown in the currency it was paid in. */
const usd = (cents: number) => formatPrice(cents, 'usd');

/**
 * Unit economics of the most recently paid orders: GPU time of the training and every prediction
 * attempt at Replicate's list price, against what the customer paid less refunds. Stripe's fees and
 * Replicate's set-up and idle time are not in it, so the real margin is lower.
 */
export function EconomicsPanel() {
  const [orders, setOrders] = useState<OrderView[] | undefined>(undefined);
  const [error, setError] = useState<string | null>(null);

  useEffect(
    () => listen(recentPaidOrders(SHOWN), toOrderView, setOrders, (err) => setError(describeError(err))),
    [],
  );
  const days = useMemo(() => (orders ? dailyTotals(orders) : []), [orders]);

  return (
    <section aria-labelledby="economics-heading" data-testid="economics" className="mt-10">
      <h2 id="economics-heading" className="text-xl font-semibold">
        Unit economics{' '}
        <span className="text-sm font-normal text-slate-500">(latest {SHOWN} paid orders, UTC days)</span>
      </h2>
      <p className="mt-1 text-sm text-slate-600">
        GPU at Replicate&apos;s list price ({usd(GPU_PRICE_PER_SEC_USD * 3600 * 100)}/h); revenue is the
        amount paid less refunds, before Stripe&apos;s fees.
      </p>
      <p className="mt-1 text-sm text-slate-600" data-testid="economics-currencies">
        Revenue stays in the currency the customer paid in: each day has a row per currency, and nothing is
        converted. GPU cost is in USD, so a margin is shown only for USD revenue.
      </p>
      {error && (
        <Alert tone="error" className="mt-3">
          {error}
        </Alert>
      )}
      {orders === undefined && !error && <PageLoading label="Loading paid orders…" />}
      {orders && orders.length === 0 && <p className="mt-2 text-sm text-slate-600">No paid orders yet.</p>}
      {orders && orders.length > 0 && (
        <>
          <MoneyTable
            testId="economics-days"
            lead={['Day', 'Currency', 'Orders']}
            rows={days.map((d) => ({
              key: `${d.day}-${d.currency}`,
              lead: [d.day, d.currency.toUpperCase(), String(d.orders)],
              money: d,
            }))}
          />
          <MoneyTable
            testId="economics-orders"
            lead={['Order', 'Plan', 'Status', 'Paid', 'Training s', 'Predictions s']}
            rows={orders.map((order) => {
              const e = orderEconomics(order);
              return {
                key: order.id,
                lead: [
                  <span key="id" className="font-mono">
                    {order.id}
                  </span>,
                  PLANS[order.planId].name,
                  <StatusBadge key="status" status={order.status} />,
                  formatDateTime(order.payment?.paidAt),
                  seconds.format(e.trainingGpuSec),
                  seconds.format(e.predictionGpuSec),
                ],
                money: e,
              };
            })}
          />
        </>
      )}
    </section>
  );
}

/** A table whose last four columns are GPU seconds, GPU cost, revenue and margin. */
function MoneyTable({
  testId,
  lead,
  rows,
}: {
  testId: string;
  lead: readonly string[];
  rows: readonly { key: string; lead: readonly ReactNode[]; money: Economics }[];
}) {
  return (
    <div className="mt-3 overflow-x-auto rounded-2xl border border-slate-200 bg-white">
      <table data-testid={testId} className="min-w-full text-left text-xs">
        <thead className="bg-slate-50 text-slate-500 uppercase">
          <HeaderRow
            cellClassName="px-3 py-2"
            columns={[...lead, 'GPU s', 'GPU cost', 'Revenue', 'Margin']}
          />
        </thead>
        <tbody className="divide-y divide-slate-100">
          {rows.map((row) => (
            <tr key={row.key} data-testid={`${testId}-row`}>
              {row.lead.map((cell, i) => (
                <td key={i} className="px-3 py-2 whitespace-nowrap">
                  {cell}
                </td>
              ))}
              <td className="px-3 py-2 tabular-nums">{seconds.format(row.money.gpuSeconds)}</td>
              <td className="px-3 py-2 tabular-nums">{usd(row.money.gpuCostCents)}</td>
              <td className="px-3 py-2 tabular-nums">
                {formatPrice(row.money.revenueCents, row.money.currency)}
              </td>
              <MarginCell money={row.money} />
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Revenue less GPU cost, for USD revenue only: other currencies are not converted to compare. */
function MarginCell({ money }: { money: Economics }) {
  const margin = money.marginCents;
  if (margin === null) {
    return (
      <td className="px-3 py-2 text-slate-500" title="Revenue is not in USD; it is not converted.">
        — ({money.currency.toUpperCase()})
      </td>
    );
  }
  return (
    <td className={clsx('px-3 py-2 font-medium tabular-nums', margin < 0 && 'text-red-700')}>
      {usd(margin)}
      {money.revenueCents > 0 && (
        <span className="ml-1 font-normal text-slate-500">
          ({Math.round((margin / money.revenueCents) * 100)} %)
        </span>
      )}
    </td>
  );
}
