import { z } from 'zod';

/**
 * The order lifecycle. Every status write in the product goes through `assertTransition`, so a move
 * the machine does not allow is an error rather than a silent overwrite.
 */
export const ORDER_STATUSES = [
  'draft',
  'uploading',
  'ready',
  'paid',
  'training',
  'generating',
  'delivered',
  'failed',
  'refunded',
  'deleted',
] as const;
export const OrderStatus = z.enum(ORDER_STATUSES);
export type OrderStatus = z.infer<typeof OrderStatus>;

const ALLOWED: Record<OrderStatus, readonly OrderStatus[]> = {
  draft: ['uploading', 'deleted'],
  // uploading <-> ready follows the checkout gate as photos are judged or removed.
  uploading: ['ready', 'deleted'],
  ready: ['uploading', 'paid', 'deleted'],
  // A full refund (or a lost dispute) stops the work wherever it is; so does the customer deleting
  // the order, which cancels the GPU work first (functions/src/erasure).
  paid: ['training', 'failed', 'refunded', 'deleted'],
  training: ['generating', 'failed', 'refunded', 'deleted'],
  generating: ['delivered', 'failed', 'refunded', 'deleted'],
  // An operator's retry of failed predictions (operatorRetryOrder) generates the missing headshots
  // of a delivered order; settling delivers it again.
  delivered: ['generating', 'refunded', 'deleted'],
  // An operator's retry: a failed training goes back to the training queue (paid), so startTraining
  // starts it like any paid order; failed predictions of a trained order run again (generating).
  failed: ['paid', 'generating', 'refunded', 'deleted'],
  refunded: ['deleted'],
  deleted: [],
};

export function canTransition(from: OrderStatus, to: OrderStatus): boolean {
  return ALLOWED[from].includes(to);
}

export class TransitionError extends Error {
  constructor(
    readonly from: OrderStatus,
    readonly to: OrderStatus,
  ) {
    super(`Order cannot move from "${from}" to "${to}"`);
    this.name = 'TransitionError';
  }
}

export function assertTransition(from: OrderStatus, to: OrderStatus): void {
  if (!canTransition(from, to)) throw new TransitionError(from, to);
}

/** Statuses in which the customer may still edit the draft fields and add photos. */
export const EDITABLE_STATUSES: readonly OrderStatus[] = ['draft', 'uploading', 'ready'];

/** Statuses an order can only reach by being paid (deletion aside, which any order may reach). */
export const PAID_STATUSES: readonly OrderStatus[] = ORDER_STATUSES.filter(
  (s) => !EDITABLE_STATUSES.includes(s) && s !== 'deleted',
);

export const STATUS_LABELS: Record<OrderStatus, string> = {
  draft: 'Draft',
  uploading: 'Adding photos',
  ready: 'Ready for checkout',
  paid: 'Paid — queued for training',
  training: 'Training your model',
  generating: 'Creating headshots',
  delivered: 'Delivered',
  failed: 'Failed',
  refunded: 'Refunded',
  deleted: 'Deleted',
};
