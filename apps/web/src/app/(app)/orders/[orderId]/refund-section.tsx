'use client';

import {
  describeRefundGuarantee,
  formatPrice,
  refundFactsOf,
  refundRoute,
  RequestRefundRequest,
  type RequestRefundResponse,
} from '@likeness/core';
import { useId, useRef, useState, type FormEvent } from 'react';
import { Alert, Button, Card, Spinner, formatDateTime } from '@/components/ui';
import { describeError } from '@/lib/errors';
import { callFunction } from '@/lib/firebase/callables';
import { refundableCents } from '@/lib/order-view';
import type { OrderView } from '@/lib/views';

/**
 * "Not happy? Refund": within the guarantee (core/refund-guarantee.ts) the refund is immediate,
 * otherwise the customer may ask and the request goes to our team. The same rule decides here and
 * in requestRefund, so the button says what will happen.
 */
export function RefundSection({ order }: { order: OrderView }) {
  const inputId = useId();
  // The rule's clock: when the page was opened is close enough for a window of days.
  const [now] = useState(() => Date.now());
  const [asking, setAsking] = useState(false);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<RequestRefundResponse | null>(null);
  const [error, setError] = useState<string | null>(null);
  // A ref, not state: a double click delivers both clicks before React re-renders the disabled button.
  const inFlight = useRef(false);

  const route = refundRoute(refundFactsOf(order, order.statusAt?.delivered), now);
  const pending = order.refundRequest;

  if (outcome) {
    return (
      <Card aria-labelledby={`${inputId}-heading`}>
        <h2 id={`${inputId}-heading`} className="text-xl font-semibold">
          Refund
        </h2>
        <Alert tone="success" className="mt-3" data-testid="refund-outcome">
          {outcome.message}
        </Alert>
      </Card>
    );
  }
  if (pending) {
    return (
      <Card aria-labelledby={`${inputId}-heading`}>
        <h2 id={`${inputId}-heading`} className="text-xl font-semibold">
          Refund
        </h2>
        <p className="mt-2 text-sm text-slate-600" data-testid="refund-pending">
          You asked for a refund on {formatDateTime(pending.at)}: “{pending.reason}”. Our team will look at
          it; a refund shows here when it is made.
        </p>
      </Card>
    );
  }
  if (route.kind === 'refused') return null;

  const automatic = route.kind === 'automatic';
  const amount = formatPrice(refundableCents(order), order.payment?.currency ?? 'usd');

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (inFlight.current) return;
    const checked = RequestRefundRequest.safeParse({ orderId: order.id, reason });
    if (!checked.success) {
      setError(checked.error.issues[0]?.message ?? 'Tell us what is wrong.');
      return;
    }
    inFlight.current = true;
    setBusy(true);
    setError(null);
    try {
      setOutcome(await callFunction('requestRefund', checked.data));
    } catch (err) {
      setError(describeError(err));
    } finally {
      inFlight.current = false;
      setBusy(false);
    }
  }

  return (
    <Card aria-labelledby={`${inputId}-heading`}>
      <h2 id={`${inputId}-heading`} className="text-xl font-semibold">
        {automatic ? 'Not happy?' : 'Refund'}
      </h2>
      <p className="mt-1 text-sm text-slate-600">
        {automatic
          ? `${describeRefundGuarantee()} This order qualifies: ${amount} goes back to your card straight away, and the gallery closes.`
          : `${route.why} You can still ask; our team reviews every request.`}
      </p>
      {!asking && (
        <Button
          variant="secondary"
          className="mt-4"
          data-testid="refund-open"
          onClick={() => {
            setAsking(true);
            setError(null);
          }}
        >
          {automatic ? 'Not happy? Refund' : 'Ask for a refund'}
        </Button>
      )}
      {asking && (
        <form onSubmit={submit} className="mt-4 flex flex-col gap-3">
          <label htmlFor={inputId} className="text-sm font-medium text-slate-800">
            What went wrong?
          </label>
          <textarea
            id={inputId}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            required
            minLength={3}
            maxLength={1000}
            rows={3}
            autoFocus
            className="rounded-xl border border-slate-300 px-3 py-2 text-sm"
          />
          <div className="flex flex-wrap gap-2">
            <Button
              type="submit"
              variant={automatic ? 'danger' : 'primary'}
              disabled={busy}
              data-testid="refund-confirm"
            >
              {busy && <Spinner />}
              {automatic ? `Confirm: refund ${amount}` : 'Send the request'}
            </Button>
            <Button variant="ghost" disabled={busy} onClick={() => setAsking(false)}>
              Cancel
            </Button>
          </div>
        </form>
      )}
      {error && (
        <Alert tone="error" className="mt-3">
          {error}
        </Alert>
      )}
    </Card>
  );
}
