'use client';

import type { OrderStatus } from '@likeness/core';
import clsx from 'clsx';
import { MeasuredTurnaround } from '@/components/measured-turnaround';
import { Card, formatDateTime } from '@/components/ui';
import { progressOf, timeline, type StepState } from '@/lib/order-view';
import type { OrderView } from '@/lib/views';

const EXPLAIN: Partial<Record<OrderStatus, string>> = {
  paid: 'Your payment is confirmed. Training of your personal model starts in a moment.',
  training: 'A private model is learning your face from your accepted photos.',
  generating: 'Your headshots are being created; each appears below as soon as it is ready.',
  delivered: 'All done! We have also emailed you a link to this gallery.',
};

const STEP_DOT: Record<StepState, string> = {
  done: 'bg-emerald-600 text-white',
  current: 'bg-brand-600 text-white ring-4 ring-brand-100',
  failed: 'bg-red-600 text-white',
  upcoming: 'bg-slate-200 text-slate-500',
};

export function ProgressSection({ order }: { order: OrderView }) {
  // The browser creates drafts without statusAt (the rules allow only the draft fields).
  const steps = timeline(order.status, { draft: order.createdAt, ...order.statusAt });
  const progress = progressOf(order.planId, order.images);
  return (
    <Card aria-labelledby="progress-heading">
      <h2 id="progress-heading" className="text-xl font-semibold">
        Progress
      </h2>
      {EXPLAIN[order.status] && <p className="mt-1 text-sm text-slate-600">{EXPLAIN[order.status]}</p>}
      {order.status === 'training' && (
        <MeasuredTurnaround stage="training" className="mt-1 text-sm text-slate-600" />
      )}

      <ol className="mt-6 grid gap-3 sm:grid-cols-4 lg:grid-cols-7">
        {steps.map((step) => (
          <li
            key={step.status}
            className="flex items-start gap-3 sm:flex-col sm:gap-2"
            aria-current={step.state === 'current' ? 'step' : undefined}
          >
            <span
              className={clsx(
                'mt-0.5 flex size-6 shrink-0 items-center justify-center rounded-full text-xs font-bold',
                STEP_DOT[step.state],
              )}
              aria-hidden="true"
            >
              {step.state === 'done' ? '✓' : step.state === 'failed' ? '!' : ''}
            </span>
            <span>
              <span
                className={clsx('block text-sm font-medium', step.state === 'upcoming' && 'text-slate-400')}
              >
                {step.label}
              </span>
              <span className="block text-xs text-slate-500">{step.at ? formatDateTime(step.at) : ''}</span>
            </span>
          </li>
        ))}
      </ol>

      <div className="mt-6">
        <div className="flex items-baseline justify-between text-sm">
          <p data-testid="progress" className="font-medium" aria-live="polite">
            {progress.done} of {progress.planned} headshots ready
          </p>
          <p className="text-slate-500">{progress.percent}%</p>
        </div>
        <div
          className="mt-2 h-2.5 overflow-hidden rounded-full bg-slate-100"
          role="progressbar"
          aria-label="Headshots ready"
          aria-valuemin={0}
          aria-valuemax={progress.planned}
          aria-valuenow={progress.done}
        >
          <div
            className="h-full rounded-full bg-brand-600 transition-[width] duration-500"
            style={{ width: `${progress.percent}%` }}
          />
        </div>
        {progress.failed > 0 && (
          <p className="mt-2 text-sm text-amber-800">
            {progress.failed} headshot{progress.failed === 1 ? '' : 's'} could not be made.
          </p>
        )}
      </div>
    </Card>
  );
}
