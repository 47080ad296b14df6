import type { ErasureScope } from '@likeness/core';

/**
 * The deletion routine's steps, in order. Work in flight is stopped first, so nothing writes new
 * data behind the deletion; the provider's copy of the model goes before ours, so a provider outage
 * leaves the order visibly mid-deletion rather than looking done.
 */
export const ERASURE_STEPS = ['stop-work', 'provider-model', 'storage', 'records', 'finish'] as const;
export type ErasureStep = (typeof ERASURE_STEPS)[number];

/** Storage folders of an order (core/paths.ts) that each scope deletes. */
export const STORAGE_FOLDERS: Record<ErasureScope, readonly string[] | 'all'> = {
  // Everything made from the selfies: uploads, crops and thumbnails, the training set and LoRA copy.
  'training-data': ['uploads/', 'crops/', 'training/'],
  everything: 'all',
};

/** Firestore subcollections of an order that each scope deletes (the order doc is handled apart). */
export const RECORD_COLLECTIONS: Record<ErasureScope, readonly string[]> = {
  'training-data': ['photos', 'qcSignals', 'uploadIntents', 'private'],
  everything: ['photos', 'qcSignals', 'uploadIntents', 'private', 'images', 'jobs'],
};

/**
 * Fields of a deleted order's document that say anything about the person or their photos; what
 * stays (plan, styles, status times, money) is bookkeeping and the tombstone that tells a late
 * webhook or task the order is gone.
 */
export const PERSONAL_ORDER_FIELDS = [
  'photos',
  'qc',
  'training',
  'error',
  'checkout',
  'gallery',
  'refundRequest',
  'downloads',
] as const;

export function stepsLeft(done: readonly string[]): ErasureStep[] {
  return ERASURE_STEPS.filter((s) => !done.includes(s));
}
