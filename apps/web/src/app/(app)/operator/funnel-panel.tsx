'use client';

import { formatPrice, utcDay } from '@likeness/core';
import { useEffect, useMemo, useState } from 'react';
import { Alert, PageLoading } from '@/components/ui';
import { describeError } from '@/lib/errors';
import { funnelDaysFrom, ordersCreatedSince } from '@/lib/firebase/firestore';
import { listen } from '@/lib/firebase/listen';
import { toFunnelDayView, toOrderView, type FunnelDayView, type OrderView } from '@/lib/views';
import { FUNNEL_STEPS, funnelReport, overallConversion, stepConversion, type FunnelRow } from './funnel';
import { HeaderRow } from './header-row';
import { useNow } from './use-now';

const WINDOWS = [7, 30] as const;
/** Orders read for the longest window; past this the panel says its counts are partial. */
const MAX_ORDERS = 5000;
const DAY = 24 * 3600 * 1000;
/** Daily landing documents read: the longest window's days, with room for a day boundary passed. */
const MAX_DAYS = WINDOWS[WINDOWS.length - 1]! + 5;

const percent = (share: number | null) => (share === null ? '–' : `${Math.round(share * 100)} %`);
const revenueText = (revenue: FunnelRow['revenue']) =>
  Object.entries(revenue)
    .map(([currency, cents]) => formatPrice(cents, currency))
    .join(' + ') || '–';

/**
 * The funnel from our own data (not GA), for each of WINDOWS: the site's own landing views, then the
 * orders created, how many reached each step, the share of the step before, and revenue, by
 * first-touch source.
 */
export function FunnelPanel() {
  const now = useNow(60_000);
  const [since] = useState(() => new Date(Date.now() - WINDOWS[WINDOWS.length - 1]! * DAY));
  const [orders, setOrders] = useState<OrderView[] | undefined>(undefined);
  const [landingDays, setLandingDays] = useState<FunnelDayView[] | undefined>(undefined);
  const [error, setError] = useState<string | null>(null);

  useEffect(
    () =>
      listen(ordersCreatedSince(since, MAX_ORDERS), toOrderView, setOrders, (err) =>
        setError(describeError(err)),
      ),
    [since],
  );
  useEffect(
    () =>
      listen(funnelDaysFrom(utcDay(since.getTime()), MAX_DAYS), toFunnelDayView, setLandingDays, (err) =>
        setError(describeError(err)),
      ),
    [since],
  );
  const reports = useMemo(
    () => (orders && landingDays ? WINDOWS.map((days) => funnelReport(orders, landingDays, now, days)) : []),
    [orders, landingDays, now],
  );

  return (
    <section aria-labelledby="funnel-heading" data-testid="funnel" className="mt-10">
      <h2 id="funnel-heading" className="text-xl font-semibold">
        Funnel{' '}
        <span className="text-sm font-normal text-slate-500">
          (landings and orders, by first-touch source)
        </span>
      </h2>
      <p className="mt-1 text-sm text-slate-600">
        From our own data: landing views are the site&apos;s own count (once per tab session, without cookies,
        per UTC day, today included), then each order created in the window counts at every step it reached;
        the percentage is of the step before. Sign-ups are counted in Google Analytics only.
      </p>
      {error && (
        <Alert tone="error" className="mt-3">
          {error}
        </Alert>
      )}
      {(orders === undefined || landingDays === undefined) && !error && (
        <PageLoading label="Loading the funnel…" />
      )}
      {orders && orders.length >= MAX_ORDERS && (
        <Alert tone="warning" className="mt-3">
          Only the newest {MAX_ORDERS} orders are counted; the longest window&apos;s figures are partial.
        </Alert>
      )}
      {reports.map((report) => (
        <div key={report.days} className="mt-4">
          <h3 className="text-sm font-semibold text-slate-700">Last {report.days} days</h3>
          <p data-testid={`funnel-${report.days}d-pages`} className="mt-1 text-xs text-slate-500">
            Landing views by page:{' '}
            {report.landingsByPage.map((p) => `${p.page} ${p.count}`).join(', ') || 'none'} (UTC days{' '}
            {report.fromDay} to {report.toDay})
          </p>
          <div className="mt-2 overflow-x-auto rounded-2xl border border-slate-200 bg-white">
            <table data-testid={`funnel-${report.days}d`} className="min-w-full text-left text-xs">
              <thead className="bg-slate-50 text-slate-500 uppercase">
                <HeaderRow
                  cellClassName="px-3 py-2"
                  columns={['Source', ...FUNNEL_STEPS.map((s) => s.label), 'Paid of started', 'Revenue']}
                />
              </thead>
              <tbody className="divide-y divide-slate-100">
                {[report.total, ...report.bySource].map((row, r) => (
                  <tr
                    key={row.source}
                    data-testid={`funnel-${report.days}d-row`}
                    className={r === 0 ? 'font-semibold' : ''}
                  >
                    <td className="px-3 py-2 whitespace-nowrap">{row.source}</td>
                    {row.counts.map((count, i) => (
                      <td key={FUNNEL_STEPS[i]!.id} className="px-3 py-2 tabular-nums">
                        {count}
                        {i > 0 && (
                          <span className="ml-1 font-normal text-slate-500">
                            ({percent(stepConversion(row.counts, i))})
                          </span>
                        )}
                      </td>
                    ))}
                    <td className="px-3 py-2 tabular-nums">
                      {percent(
                        overallConversion(
                          row.counts,
                          FUNNEL_STEPS.findIndex((s) => s.id === 'paid'),
                        ),
                      )}
                    </td>
                    <td className="px-3 py-2 whitespace-nowrap tabular-nums">{revenueText(row.revenue)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
      ))}
    </section>
  );
}
