import { PAID_STATUSES, type ErasureReason, type ErasureScope } from '@likeness/core';
import type { OrderView } from './views';

/** What the deletion pages say: what an order holds, what a deletion removed. Pure, so it is unit-tested. */

/** "1 selfie", "12 selfies". */
export const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

export interface OrderHoldings {
  /** Each thing that goes, as a sentence fragment. */
  goes: string[];
  /** What stays after the deletion, and where. */
  stays: string[];
}

type OrderFacts = Pick<OrderView, 'status' | 'payment' | 'training' | 'retention'>;

/**
 * What deleting this order removes, from what the page can see: the photos and headshots it lists,
 * and whether a model was (or is being) trained. Payment records are Stripe's and stay.
 */
export function orderHoldings(order: OrderFacts, photoCount: number, headshotCount: number): OrderHoldings {
  const paid = PAID_STATUSES.includes(order.status);
  const goes: string[] = [];
  if (photoCount > 0) {
    goes.push(
      photoCount === 1
        ? '1 selfie, with its thumbnail, face crop and face measurements'
        : `${photoCount} selfies, with their thumbnails, face crops and face measurements`,
    );
  }
  if (paid && !order.retention?.trainingDataErasedAt) {
    goes.push(
      order.training
        ? 'Your personal model: its weights in our storage and its version at the GPU provider, with the training set'
        : 'The training set made from your selfies',
    );
  }
  if (headshotCount > 0) goes.push(plural(headshotCount, 'headshot'));
  goes.push('Any download zips and upload links of this order');
  if (['paid', 'training', 'generating'].includes(order.status)) {
    goes.unshift('The work under way: training and generation stop');
  }

  // The deleted order's document keeps only bookkeeping (erasure-steps.ts PERSONAL_ORDER_FIELDS).
  const stays = [
    'A bare record that the order existed (plan, styles, dates, amounts), which says nothing about who was in the photos',
  ];
  if (order.payment) {
    stays.push(
      'Your payment record stays with Stripe, our payment processor, as tax law requires. Deleting does not refund the payment.',
    );
  }
  return { goes, stays };
}

/**
 * Names of what a deletion counts in `erasure.removed` (functions/src/erasure/erase-order.ts), for
 * the on-screen receipt.
 */
const REMOVED_LABELS: Record<string, [one: string, many: string]> = {
  photos: ['selfie', 'selfies'],
  images: ['headshot', 'headshots'],
  models: ['personal model at the GPU provider', 'personal models at the GPU provider'],
  files: ['file in our storage', 'files in our storage'],
  cancelled: ['GPU job stopped', 'GPU jobs stopped'],
};

/** "camelCase" → "camel case", for counts the receipt has no name for yet. */
const words = (key: string) => key.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();

/** The receipt's list: "12 selfies", "40 headshots"; nothing for zero counts. */
export function describeRemoved(removed: Record<string, number> | undefined): string[] {
  // What the customer recognises first (selfies, headshots), then the rest, whatever order Firestore keeps.
  const known = Object.keys(REMOVED_LABELS);
  const rank = (key: string) => (known.includes(key) ? known.indexOf(key) : known.length);
  return Object.entries(removed ?? {})
    .filter(([, n]) => n > 0)
    .sort(([a], [b]) => rank(a) - rank(b) || a.localeCompare(b))
    .map(([key, n]) => {
      const label = REMOVED_LABELS[key];
      return label ? plural(n, label[0], label[1]) : `${n} × ${words(key)}`;
    });
}

/** Why the data went, in words, for the order's page. */
export function erasureCause(reason: ErasureReason, scope: ErasureScope): string {
  switch (reason) {
    case 'customer':
      return 'You deleted this order.';
    case 'account':
      return 'This order was deleted with your account.';
    case 'unpaid':
      return 'This order was never paid, so it was deleted as our retention schedule says.';
    case 'retention':
      return scope === 'training-data'
        ? 'They reached the end of their retention period after delivery; your headshots stay until theirs ends.'
        : 'This order reached the end of its retention period, so it was deleted as our retention schedule says.';
  }
}

/** Whether the deletion emails the customer a receipt (the emails functions/src/erasure sends). */
export const receiptEmailed = (erasure: { reason: ErasureReason; scope: ErasureScope }) =>
  erasure.reason === 'customer' || (erasure.reason === 'retention' && erasure.scope === 'training-data');

export interface AccountHoldings {
  /** Orders not deleted yet. */
  orders: number;
  /** Selfies those orders hold (their counters), leaving out orders whose selfies are already gone. */
  selfies: number;
  headshots: number;
}

/** What an account holds, for the account page and its deletion. */
export function accountHoldings(
  orders: readonly Pick<OrderView, 'status' | 'photos' | 'images' | 'retention'>[],
): AccountHoldings {
  const live = orders.filter((o) => o.status !== 'deleted');
  return {
    orders: live.length,
    selfies: live
      .filter((o) => !o.retention?.trainingDataErasedAt)
      .reduce((n, o) => n + (o.photos?.uploaded ?? 0), 0),
    headshots: live.reduce((n, o) => n + (o.images?.done ?? 0), 0),
  };
}

/** What deleting the account removes, in the words of its confirmation. */
export function accountDeletionGoes(holdings: AccountHoldings, email: string | null): string[] {
  const orders = holdings.orders > 0 ? `All ${plural(holdings.orders, 'order')}` : 'All your orders';
  const selfies =
    holdings.selfies > 0 ? `, with ${plural(holdings.selfies, 'selfie')}` : ', with their selfies';
  return [
    `${orders}${selfies} and the face crops and face measurements made from them`,
    'The personal models trained on them, in our storage and at the GPU provider',
    holdings.headshots > 0
      ? `${plural(holdings.headshots, 'headshot')}: download the ones you want to keep first`
      : 'Their headshots',
    `Your consent record, and your sign-in${email ? ` (${email})` : ''}`,
  ];
}
