import { MAX_UPLOADS_PER_ORDER, type OrderDoc, type PhotoVerdict } from '@likeness/core';

/**
 * The order's photo counters. They are always rewritten whole inside a transaction that read them,
 * so the four numbers stay consistent with each other (OrderDoc requires all four).
 */
export type PhotoCounts = NonNullable<OrderDoc['photos']>;

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

/** A verdict moves one photo out of pending; a pending count that is already 0 stays 0. */
export function withVerdict(counts: PhotoCounts, verdict: Exclude<PhotoVerdict, 'pending'>): PhotoCounts {
  return {
    ...counts,
    pending: Math.max(0, counts.pending - 1),
    accepted: counts.accepted + (verdict === 'accepted' ? 1 : 0),
    rejected: counts.rejected + (verdict === 'rejected' ? 1 : 0),
  };
}
