import { STATUS_LABELS, type OrderStatus } from '@likeness/core';
import clsx from 'clsx';

const TONE: Record<OrderStatus, string> = {
  draft: 'bg-slate-100 text-slate-700 ring-slate-200',
  uploading: 'bg-sky-50 text-sky-800 ring-sky-200',
  ready: 'bg-brand-50 text-brand-700 ring-brand-200',
  paid: 'bg-violet-50 text-violet-800 ring-violet-200',
  training: 'bg-violet-50 text-violet-800 ring-violet-200',
  generating: 'bg-violet-50 text-violet-800 ring-violet-200',
  delivered: 'bg-emerald-50 text-emerald-800 ring-emerald-200',
  failed: 'bg-red-50 text-red-800 ring-red-200',
  refunded: 'bg-amber-50 text-amber-900 ring-amber-200',
  deleted: 'bg-slate-100 text-slate-500 ring-slate-200',
};

export function StatusBadge({ status, testId }: { status: OrderStatus; testId?: string }) {
  return (
    <span
      data-testid={testId}
      data-status={status}
      className={clsx(
        'inline-flex items-center rounded-full px-2.5 py-1 text-xs font-semibold whitespace-nowrap ring-1 ring-inset',
        TONE[status],
      )}
    >
      {STATUS_LABELS[status]}
    </span>
  );
}
