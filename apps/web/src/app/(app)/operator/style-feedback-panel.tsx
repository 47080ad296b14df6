'use client';

import { useEffect, useMemo, useState } from 'react';
import { Alert, PageLoading } from '@/components/ui';
import { describeError } from '@/lib/errors';
import { orderImages, recentPaidOrders } from '@/lib/firebase/firestore';
import { listen } from '@/lib/firebase/listen';
import { toImageView, toOrderView, type ImageView, type OrderView } from '@/lib/views';
import { styleFeedback } from './style-feedback';

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
    </section>
  );
}
