'use client';

import { PLANS } from '@likeness/core';
import clsx from 'clsx';
import { Fragment, useEffect, useState } from 'react';
import { StatusBadge } from '@/components/status-badge';
import { Alert, Button, PageLoading, formatDateTime } from '@/components/ui';
import { describeError } from '@/lib/errors';
import { useAuth, useRequireUser } from '@/lib/firebase/auth-provider';
import { orderJobs, recentOrders } from '@/lib/firebase/firestore';
import { listen } from '@/lib/firebase/listen';
import { toJobView, toOrderView, type JobView, type OrderView } from '@/lib/views';
import { AttentionQueue } from './attention-queue';
import { AuditLogPanel } from './audit-log-panel';
import { EconomicsPanel } from './economics-panel';
import { FunnelPanel } from './funnel-panel';
import { HeaderRow } from './header-row';
import { StyleFeedbackPanel } from './style-feedback-panel';

/** Newest orders shown; the console is for watching the pipeline, not for accounting. */
const ORDER_LIMIT = 200;

export function OperatorConsole() {
  const user = useRequireUser();
  const { isOperator, refreshClaims } = useAuth();
  const [rechecking, setRechecking] = useState(false);
  const [orders, setOrders] = useState<OrderView[] | undefined>(undefined);
  const [openId, setOpenId] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!user || !isOperator) return;
    return listen(recentOrders(ORDER_LIMIT), toOrderView, setOrders, (err) => setError(describeError(err)));
  }, [user, isOperator]);

  if (!user) return <PageLoading />;
  if (!isOperator) {
    return (
      <div className="py-16 text-center">
        <h1 className="text-2xl font-semibold">Operators only</h1>
        <p className="mt-2 text-slate-600">This console is for accounts with the operator role.</p>
        <Button
          variant="secondary"
          className="mt-6"
          disabled={rechecking}
          onClick={async () => {
            setRechecking(true);
            await refreshClaims().finally(() => setRechecking(false));
          }}
        >
          I was just made an operator: check again
        </Button>
      </div>
    );
  }

  return (
    <div>
      <h1 className="text-3xl font-semibold tracking-tight">Operator console</h1>
      <AttentionQueue />
      <h2 className="mt-10 text-xl font-semibold">All orders</h2>
      <p className="mt-1 text-sm text-slate-600">
        Newest {ORDER_LIMIT} orders, live. Select an order to see its generation jobs.
      </p>
      {error && (
        <Alert tone="error" className="mt-4">
          {error}
        </Alert>
      )}
      {orders === undefined && !error && <PageLoading />}
      {orders && (
        <div className="mt-6 overflow-x-auto rounded-2xl border border-slate-200 bg-white">
          <table data-testid="operator-orders" className="min-w-full text-left text-sm">
            <thead className="bg-slate-50 text-xs tracking-wide text-slate-500 uppercase">
              <HeaderRow
                cellClassName="px-4 py-3"
                columns={[
                  'Order',
                  'Status',
                  'Plan',
                  'Photos ok / up',
                  'Images done / failed / planned',
                  'Created',
                  'Updated',
                  'Error',
                ]}
              />
            </thead>
            <tbody className="divide-y divide-slate-100">
              {orders.length === 0 && (
                <tr>
                  <td colSpan={8} className="px-4 py-8 text-center text-slate-500">
                    No orders yet.
                  </td>
                </tr>
              )}
              {orders.map((order) => {
                const open = openId === order.id;
                return (
                  <Fragment key={order.id}>
                    <tr
                      data-testid="operator-order-row"
                      data-order-id={order.id}
                      className={clsx(
                        order.status === 'failed' && 'bg-red-50/60',
                        open && 'bg-slate-50',
                        'hover:bg-slate-50',
                      )}
                    >
                      <td className="px-4 py-3 font-mono text-xs">
                        <button
                          type="button"
                          aria-expanded={open}
                          onClick={() => setOpenId(open ? null : order.id)}
                          className="rounded text-brand-700 underline underline-offset-2"
                        >
                          {open ? '▾' : '▸'} {order.id}
                        </button>
                        <span className="block text-slate-400">{order.uid}</span>
                      </td>
                      <td className="px-4 py-3">
                        <StatusBadge status={order.status} />
                      </td>
                      <td className="px-4 py-3">{PLANS[order.planId].name}</td>
                      <td className="px-4 py-3 tabular-nums">
                        {order.photos ? `${order.photos.accepted} / ${order.photos.uploaded}` : '—'}
                      </td>
                      <td className="px-4 py-3 tabular-nums">
                        {order.images
                          ? `${order.images.done} / ${order.images.failed} / ${order.images.planned}`
                          : '—'}
                      </td>
                      <td className="px-4 py-3 whitespace-nowrap text-slate-600">
                        {formatDateTime(order.createdAt)}
                      </td>
                      <td className="px-4 py-3 whitespace-nowrap text-slate-600">
                        {formatDateTime(order.updatedAt)}
                      </td>
                      <td className="max-w-64 px-4 py-3 text-red-700">
                        {order.error?.message ??
                          (order.erasure?.lastError ? `Deletion: ${order.erasure.lastError}` : '')}
                      </td>
                    </tr>
                    {open && (
                      <tr>
                        <td colSpan={8} className="bg-slate-50 px-4 pb-4">
                          <JobTable orderId={order.id} />
                        </td>
                      </tr>
                    )}
                  </Fragment>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      <FunnelPanel />
      <EconomicsPanel />
      <StyleFeedbackPanel />
      <AuditLogPanel />
    </div>
  );
}

function JobTable({ orderId }: { orderId: string }) {
  const [jobs, setJobs] = useState<JobView[] | undefined>(undefined);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    return listen(orderJobs(orderId), toJobView, setJobs, (err) => setError(describeError(err)));
  }, [orderId]);

  if (error) return <Alert tone="error">{error}</Alert>;
  if (!jobs) return <PageLoading label="Loading jobs…" />;
  if (jobs.length === 0)
    return (
      <p className="py-3 text-sm text-slate-500">No jobs yet (they are planned when training succeeds).</p>
    );
  const failed = jobs.filter((j) => j.status === 'failed').length;
  return (
    <div className="rounded-xl border border-slate-200 bg-white">
      <p className="px-3 py-2 text-xs text-slate-500">
        {jobs.length} jobs · {failed} failed
      </p>
      <table data-testid="operator-jobs" className="min-w-full text-left text-xs">
        <thead className="text-slate-500">
          <HeaderRow
            cellClassName="px-3 py-2"
            columns={['Job', 'Status', 'Attempt', 'Outputs', 'Prediction', 'Updated', 'Error']}
          />
        </thead>
        <tbody className="divide-y divide-slate-100">
          {jobs.map((job) => (
            <tr
              key={job.id}
              data-testid="operator-job-row"
              data-status={job.status}
              className={clsx(job.status === 'failed' && 'bg-red-50 text-red-900')}
            >
              <td className="px-3 py-2 font-mono">{job.id}</td>
              <td className="px-3 py-2 font-medium">{job.status}</td>
              <td className="px-3 py-2 tabular-nums">
                {job.attempt} / {job.maxAttempts}
              </td>
              <td className="px-3 py-2 tabular-nums">
                {job.numOutputs}
                {job.ingested ? ' · ingested' : ''}
              </td>
              <td className="px-3 py-2 font-mono">{job.predictionId ?? '—'}</td>
              <td className="px-3 py-2 whitespace-nowrap">{formatDateTime(job.updatedAt)}</td>
              <td className="px-3 py-2">{job.error ? `${job.error.code}: ${job.error.message}` : ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
