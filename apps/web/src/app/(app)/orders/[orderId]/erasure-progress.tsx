'use client';

import { Alert, Card, Spinner, formatDateTime } from '@/components/ui';
import { describeRemoved, erasureCause, receiptEmailed } from '@/lib/erasure-view';
import type { OrderView } from '@/lib/views';

type Erasure = NonNullable<OrderView['erasure']>;

function RemovedList({ erasure, label }: { erasure: Erasure; label: string }) {
  const removed = describeRemoved(erasure.removed);
  if (removed.length === 0) return null;
  return (
    <div className="mt-2" data-testid="erasure-removed">
      <p>{label}</p>
      <ul className="mt-1 list-disc space-y-0.5 pl-5">
        {removed.map((line) => (
          <li key={line}>{line}</li>
        ))}
      </ul>
    </div>
  );
}

/**
 * A deletion of the order's data as it runs (functions/src/erasure): deleting → deleted, or stuck
 * when the retries ran out, which the operator console lists and the daily purge retries.
 */
export function ErasureProgress({ order }: { order: OrderView }) {
  const erasure = order.erasure;
  // Orders deleted before deletions were recorded step by step.
  if (!erasure) {
    return (
      <Alert tone="info" data-testid="erasure-state" data-state="deleted">
        This order was deleted, with its photos and headshots.
      </Alert>
    );
  }
  const whole = erasure.scope === 'everything';
  const what = whole ? 'this order' : 'your selfies and personal model';

  if (erasure.state === 'deleting') {
    return (
      <Card aria-labelledby="erasure-heading">
        <div data-testid="erasure-state" data-state="deleting" role="status">
          <h2 id="erasure-heading" className="flex items-center gap-2 text-xl font-semibold">
            <Spinner className="size-5 text-brand-600" />
            Deleting {what}…
          </h2>
          <p className="mt-2 text-sm text-slate-600">
            {whole
              ? 'Stopping any work under way, then removing everything this order holds, here and at the GPU provider. '
              : 'Removing your selfies, their face data and your model, here and at the GPU provider; your headshots stay. '}
            This page updates by itself, and you may leave it
            {receiptEmailed(erasure) ? ': we email you a receipt when it is done.' : '.'}
          </p>
          {erasure.requestedAt && (
            <p className="mt-1 text-xs text-slate-500">Asked {formatDateTime(erasure.requestedAt)}.</p>
          )}
          <div className="text-sm text-slate-700">
            <RemovedList erasure={erasure} label="Removed so far:" />
          </div>
        </div>
      </Card>
    );
  }

  if (erasure.state === 'stuck') {
    return (
      <Alert tone="warning" data-testid="erasure-state" data-state="stuck">
        <p className="font-semibold">Part of this deletion has not gone through yet.</p>
        <p className="mt-1">
          We are retrying, and our team has been told
          {receiptEmailed(erasure) ? '; we email you a receipt once everything is gone.' : '.'}
        </p>
      </Alert>
    );
  }

  return (
    <Alert tone="success" data-testid="erasure-state" data-state="deleted">
      <p className="font-semibold">
        {whole ? 'This order is deleted.' : 'Your selfies and personal model are deleted.'}
        {erasure.finishedAt ? ` Finished ${formatDateTime(erasure.finishedAt)}.` : ''}
      </p>
      <p className="mt-1">
        {erasureCause(erasure.reason, erasure.scope)}
        {order.payment ? ' Your payment record stays with Stripe, as tax law requires.' : ''}
      </p>
      <RemovedList erasure={erasure} label="What was removed:" />
      {receiptEmailed(erasure) && <p className="mt-2">A receipt is on its way to your email.</p>}
    </Alert>
  );
}
