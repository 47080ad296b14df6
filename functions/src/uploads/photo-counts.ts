import { MAX_UPLOADS_PER_ORDER, type OrderDoc, type PhotoCounts } from '@likeness/core';

/**
 * The order's photo counters as the confirm callable moves them. Verdicts do not add to them: set-level
 * QC recounts them from the photos (qc/set-qc-plan.ts), so a retried trigger cannot count twice.
 */

export const countsOf = (order: Pick<OrderDoc, 'photos'>): PhotoCounts =>
  order.photos ?? { uploaded: 0, pending: 0, accepted: 0, rejected: 0 };

/** How many more photos the order may take; rejected photos count too (they were uploaded). */
export const uploadsLeft = (counts: PhotoCounts): number =>
  Math.max(0, MAX_UPLOADS_PER_ORDER - counts.uploaded);

export function tooManyUploadsMessage(counts: PhotoCounts, requested: number): string {
  const left = uploadsLeft(counts);
  return (
    `An order takes at most ${MAX_UPLOADS_PER_ORDER} photos: ${counts.uploaded} uploaded, ${requested} more requested` +
    (left > 0 ? ` — you can add ${left} more.` : ' — this order has no room for more.')
  );
}

export function withConfirmed(counts: PhotoCounts, added: number): PhotoCounts {
  return { ...counts, uploaded: counts.uploaded + added, pending: counts.pending + added };
}
