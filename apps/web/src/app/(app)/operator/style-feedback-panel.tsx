'use client';

import { QUALITY_WINDOWS, styleQualityByDay, type QualityWindow } from '@likeness/core';
import clsx from 'clsx';
import { useEffect, useMemo, useState } from 'react';
import { Alert, PageLoading } from '@/components/ui';
import { describeError } from '@/lib/errors';
import { orderImages, recentPaidOrders } from '@/lib/firebase/firestore';
import { listen } from '@/lib/firebase/listen';
import { toImageView, toOrderView, type ImageView, type OrderView } from '@/lib/views';
import { styleFeedback } from './style-feedback';
import { useNow } from './use-now';

/** Paid orders whose headshots are read: one listener per delivered order, so kept small. */
const SHOWN = 20;

const percent = (x: number | null) => (x === null ? '—' : `${Math.round(x * 100)} %`);
const stars = (x: number | null) => (x === null ? 'no rating' : `${x.toFixed(1)} ★`);

/**
 * How customers received each style in the latest delivered orders: their star ratings, the share of
 * headshots they favourited, and the share of orders they downloaded from. It tells the operator
 * which prompts to improve or retire.
 */
export function StyleFeedbackPanel() {
  const [orders, setOrders] = useState<OrderView[] | undefined>(undefined);
  const [images, setImages] = useState<Record<string, ImageView[]>>({});
  const [error, setError] = useState<string | null>(null);
  const [days, setDays] = useState<QualityWindow>(7);
  // The day rolls over at UTC midnight; a minute's resolution is plenty for a per-day table.
  const now = useNow(60_000);

  useEffect(
    () => listen(recentPaidOrders(SHOWN), toOrderView, setOrders, (err) => setError(describeError(err))),
    [],
  );

  const delivered = useMemo(() => (orders ?? []).filter((o) => o.status === 'delivered'), [orders]);
  const deliveredIds = delivered.map((o) => o.id).join(',');
  useEffect(() => {
    if (!deliveredIds) return;
    const stops = deliveredIds.split(',').map((id) =>
      listen(
        orderImages(id),
        toImageView,
        (views) => setImages((prev) => ({ ...prev, [id]: views })),
        (err) => setError(describeError(err)),
      ),
    );
    return () => stops.forEach((stop) => stop());
  }, [deliveredIds]);

  const rows = useMemo(
    () =>
      styleFeedback(
        delivered,
        delivered.flatMap((o) => images[o.id] ?? []),
      ),
    [delivered, images],
  );
  const daily = useMemo(
    () =>
      styleQualityByDay(
        delivered,
        delivered.flatMap((o) => (images[o.id] ?? []).map((i) => ({ ...i, createdAtMs: i.createdAt }))),
        days,
        now,
      ),
    [delivered, images, days, now],
  );

  return (
    <section aria-labelledby="style-feedback-heading" data-testid="style-feedback" className="mt-10">
      <h2 id="style-feedback-heading" className="text-xl font-semibold">
        Styles as customers rate them{' '}
        <span className="text-sm font-normal text-slate-500">
          (delivered among the latest {SHOWN} paid orders)
        </span>
      </h2>
      <p className="mt-1 text-sm text-slate-600">
        Stars and favourites are set per headshot in the gallery; downloads are recorded per order. Likeness
        is the face check&apos;s score against the customer&apos;s selfies (0–1); weak ones are folded away in
        the gallery.
      </p>
      {error && (
        <Alert tone="error" className="mt-3">
          {error}
        </Alert>
      )}
      {orders === undefined && !error && <PageLoading label="Loading delivered orders…" />}
      {orders && rows.length === 0 && (
        <p className="mt-2 text-sm text-slate-600">No delivered headshots in these orders yet.</p>
      )}
      {rows.length > 0 && (
        <div className="mt-3 overflow-x-auto">
          <table className="min-w-full text-left text-sm">
            <thead className="text-xs text-slate-500 uppercase">
              <tr>
                <th className="py-2 pr-4">Style</th>
                <th className="py-2 pr-4">Headshots</th>
                <th className="py-2 pr-4">Average rating</th>
                <th className="py-2 pr-4">Rated</th>
                <th className="py-2 pr-4">Favourited</th>
                <th className="py-2 pr-4">Orders downloaded</th>
                <th className="py-2 pr-4">Mean likeness</th>
                <th className="py-2 pr-4">Weak</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {rows.map((r) => (
                <tr key={r.styleId} data-testid={`style-feedback-${r.styleId}`}>
                  <td className="py-2 pr-4 font-medium">{r.name}</td>
                  <td className="py-2 pr-4">{r.images}</td>
                  <td className="py-2 pr-4">{stars(r.averageRating)}</td>
                  <td className="py-2 pr-4">{r.rated}</td>
                  <td className="py-2 pr-4">{`${percent(r.favouriteRate)} (${r.favourites})`}</td>
                  <td className="py-2 pr-4">{`${percent(r.downloadRate)} (${r.ordersDownloaded} of ${r.orders})`}</td>
                  <td className="py-2 pr-4" data-testid="mean-likeness">
                    {r.meanLikeness === null ? '—' : `${r.meanLikeness.toFixed(2)} (${r.measured})`}
                  </td>
                  <td className="py-2 pr-4" data-testid="weak-share">
                    {percent(r.weakShare)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      <div className="mt-6 flex flex-wrap items-center justify-between gap-3">
        <h3 className="font-semibold">Quality per style and day</h3>
        <div className="flex gap-2" role="group" aria-label="Days shown">
          {QUALITY_WINDOWS.map((d) => (
            <button
              key={d}
              type="button"
              data-testid={`quality-days-${d}`}
              aria-pressed={days === d}
              onClick={() => setDays(d)}
              className={clsx(
                'rounded-full px-3 py-1 text-sm ring-1 ring-inset',
                days === d ? 'bg-slate-900 text-white ring-slate-900' : 'text-slate-700 ring-slate-300',
              )}
            >
              Last {d} days
            </button>
          ))}
        </div>
      </div>
      <p className="mt-1 text-sm text-slate-600">
        By the UTC day each headshot was made, so a prompt change that hurts likeness shows on the next
        day&apos;s row. Redo rate: headshots customers had redone ÷ headshots; rating: the stars customers
        gave their whole order.
      </p>
      {daily.length === 0 ? (
        <p className="mt-2 text-sm text-slate-600">No headshots made in these days.</p>
      ) : (
        <div className="mt-3 overflow-x-auto">
          <table className="min-w-full text-left text-sm" data-testid="style-quality-daily">
            <thead className="text-xs text-slate-500 uppercase">
              <tr>
                <th className="py-2 pr-4">Style</th>
                <th className="py-2 pr-4">Day</th>
                <th className="py-2 pr-4">Headshots</th>
                <th className="py-2 pr-4">Mean likeness</th>
                <th className="py-2 pr-4">Weak</th>
                <th className="py-2 pr-4">Redo rate</th>
                <th className="py-2 pr-4">Auto-redone</th>
                <th className="py-2 pr-4">Order rating</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {daily.map((r) => (
                <tr key={`${r.styleId}-${r.day}`} data-testid={`style-quality-${r.styleId}-${r.day}`}>
                  <td className="py-2 pr-4 font-medium">{r.name}</td>
                  <td className="py-2 pr-4">{r.day}</td>
                  <td className="py-2 pr-4">{r.images}</td>
                  <td className="py-2 pr-4">
                    {r.meanLikeness === null ? '—' : `${r.meanLikeness.toFixed(2)} (${r.measured})`}
                  </td>
                  <td className="py-2 pr-4">{percent(r.weakShare)}</td>
                  <td className="py-2 pr-4">{`${percent(r.redoRate)} (${r.redos})`}</td>
                  <td className="py-2 pr-4">{r.autoRedos}</td>
                  <td className="py-2 pr-4">
                    {r.averageRating === null ? '—' : `${stars(r.averageRating)} (${r.ratedOrders})`}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
