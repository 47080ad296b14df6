'use client';

import { PLANS } from '@likeness/core';
import clsx from 'clsx';
import { useMemo } from 'react';
import { StatusBadge } from '@/components/status-badge';
import { Alert, PageLoading, formatDateTime } from '@/components/ui';
import { callFunction } from '@/lib/firebase/callables';
import { attentionQueue, type AttentionItem } from './attention';
import {
  canRefund,
  describeGallery,
  describeResend,
  describeRetry,
  EMAIL_LABELS,
  galleryIsOpen,
  resendableEmailFor,
  RETRY_LABELS,
  retryScopesFor,
} from './operator-actions';
import { ReasonAction } from './reason-action';
import { RefundAction } from './refund-action';
import { useAttentionOrders } from './use-attention-orders';
import { useNow } from './use-now';

/** The orders that need the operator, what is wrong with each, and what can be done from here. */
export function AttentionQueue() {
  const { orders, error } = useAttentionOrders();
  const now = useNow(60_000);
  const items = useMemo(() => (orders ? attentionQueue(orders, now) : undefined), [orders, now]);

  return (
    <section aria-labelledby="attention-heading" data-testid="attention-queue" className="mt-6">
      <h2 id="attention-heading" className="text-xl font-semibold">
        Needs attention{items ? ` (${items.length})` : ''}
      </h2>
      {error && (
        <Alert tone="error" className="mt-3">
          {error}
        </Alert>
      )}
      {!items && !error && <PageLoading label="Looking for orders that need you…" />}
      {items?.length === 0 && (
        <p className="mt-2 text-sm text-slate-600">
          Nothing needs you right now: no failures, disputes or stuck orders.
        </p>
      )}
      {items && items.length > 0 && (
        <ul className="mt-3 space-y-3">
          {items.map((item) => (
            <AttentionRow key={item.order.id} item={item} />
          ))}
        </ul>
      )}
    </section>
  );
}

function AttentionRow({ item: { order, problems } }: { item: AttentionItem }) {
  const email = resendableEmailFor(order.status);
  const open = galleryIsOpen(order);
  return (
    <li
      data-testid="attention-row"
      data-order-id={order.id}
      className={clsx(
        'rounded-2xl border bg-white p-4',
        order.status === 'failed' || order.dispute?.open || order.erasure?.state === 'stuck'
          ? 'border-red-200'
          : 'border-amber-200',
      )}
    >
      <div className="flex flex-wrap items-center gap-x-3 gap-y-1 text-sm">
        <span className="font-mono text-xs">{order.id}</span>
        <StatusBadge status={order.status} />
        <span className="text-slate-600">{PLANS[order.planId].name}</span>
        <span className="text-slate-500">updated {formatDateTime(order.updatedAt)}</span>
        {!open && order.status !== 'deleted' && (
          <span className="rounded-full bg-slate-800 px-2 py-0.5 text-xs font-semibold text-white">
            Gallery closed
          </span>
        )}
      </div>
      <ul className="mt-2 list-disc space-y-1 pl-5 text-sm text-slate-800">
        {problems.map((problem) => (
          <li key={problem}>{problem}</li>
        ))}
      </ul>
      <div className="mt-3 flex flex-wrap items-start gap-3">
        {email && (
          <ReasonAction
            testId="action-resend-email"
            label={`Resend ${EMAIL_LABELS[email]}`}
            hint="Sends the email to the customer again."
            run={async (reason) =>
              describeResend(
                await callFunction('operatorResendEmail', { orderId: order.id, template: email, reason }),
              )
            }
          />
        )}
        {canRefund(order) && (
          <RefundAction order={order} label={order.refundRequest ? 'Refund' : 'Refund payment'} />
        )}
        {retryScopesFor(order).map((scope) => (
          <ReasonAction
            key={scope}
            testId={`action-retry-${scope}`}
            label={RETRY_LABELS[scope]}
            hint={
              scope === 'training'
                ? 'Trains the model again from the accepted photos, then generates every headshot.'
                : 'Runs the failed predictions again with fresh attempts; the order is delivered again when they finish.'
            }
            run={async (reason) =>
              describeRetry(await callFunction('operatorRetryOrder', { orderId: order.id, scope, reason }))
            }
          />
        ))}
        {/* A deleted order has no gallery left to open or close. */}
        {order.status !== 'deleted' && (
          <ReasonAction
            testId="action-set-gallery"
            label={open ? 'Close gallery' : 'Reopen gallery'}
            hint={
              open
                ? 'The customer gets no headshots or zip until it is reopened, and can read this reason.'
                : 'The customer can read this reason.'
            }
            run={async (reason) =>
              describeGallery(
                await callFunction('operatorSetGallery', { orderId: order.id, open: !open, reason }),
              )
            }
          />
        )}
      </div>
    </li>
  );
}
