'use client';

import { useRef, useState } from 'react';
import { Alert, Button, Card, Spinner } from '@/components/ui';
import { orderHoldings } from '@/lib/erasure-view';
import { describeError } from '@/lib/errors';
import { callFunction } from '@/lib/firebase/callables';
import type { OrderView } from '@/lib/views';

/**
 * "Delete this order", at any stage: lists what goes and what stays, asks once, then calls
 * deleteOrder. The order turns `deleted` at once, so the page swaps this for the erasure progress.
 */
export function DeleteOrderSection({
  order,
  photoCount,
  headshotCount,
}: {
  order: OrderView;
  photoCount: number;
  headshotCount: number;
}) {
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const inFlight = useRef(false);
  const { goes, stays } = orderHoldings(order, photoCount, headshotCount);

  async function confirm() {
    if (inFlight.current) return;
    inFlight.current = true;
    setBusy(true);
    setError(null);
    try {
      await callFunction('deleteOrder', { orderId: order.id });
      // Stay busy: the order's snapshot (status deleted) replaces this section.
    } catch (err) {
      setError(describeError(err));
      inFlight.current = false;
      setBusy(false);
    }
  }

  return (
    <Card aria-labelledby="delete-order-heading">
      <h2 id="delete-order-heading" className="text-xl font-semibold">
        Delete this order
      </h2>
      <p className="mt-1 text-sm text-slate-600">
        You can delete this order and everything made from your photos at any time. It cannot be undone
        {headshotCount > 0 ? ': download any headshots you want to keep first.' : '.'}
      </p>
      {!asking && (
        <Button
          variant="secondary"
          className="mt-4"
          data-testid="delete-order-open"
          onClick={() => {
            setAsking(true);
            setError(null);
          }}
        >
          Delete this order…
        </Button>
      )}
      {asking && (
        <div
          className="mt-4 rounded-xl bg-red-50 p-4 text-sm text-red-950 ring-1 ring-red-200 ring-inset"
          data-testid="delete-order-confirmation"
        >
          <p className="font-semibold">This deletes, for good:</p>
          <ul className="mt-2 list-disc space-y-1 pl-5" data-testid="delete-order-goes">
            {goes.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
          <p className="mt-3 font-semibold">What stays:</p>
          <ul className="mt-2 list-disc space-y-1 pl-5">
            {stays.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
          <p className="mt-3">Deletion runs in the background; we email you a receipt when it is done.</p>
          <div className="mt-4 flex flex-wrap gap-2">
            <Button
              variant="danger"
              data-testid="delete-order-confirm"
              disabled={busy}
              onClick={() => void confirm()}
            >
              {busy && <Spinner />}
              Delete this order
            </Button>
            <Button variant="ghost" disabled={busy} onClick={() => setAsking(false)}>
              Keep it
            </Button>
          </div>
        </div>
      )}
      {error && (
        <Alert tone="error" className="mt-3">
          {error}
        </Alert>
      )}
    </Card>
  );
}
