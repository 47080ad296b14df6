import {
  formatPrice,
  PLANS,
  type ImageCounts,
  type OrderStatus,
  type PhotoCounts,
  type PlanId,
} from '@likeness/core';
import type { ImageView, PhotoView } from './views';

/** What the order page derives from an order and its photos and images. Pure, so it is unit-tested. */

/** The order's counters as the photo documents themselves show them, updating live one by one. */
export type LivePhotoCounts = Pick<PhotoCounts, 'uploaded' | 'accepted' | 'rejected' | 'pending'>;

export function photoCounts(photos: readonly Pick<PhotoView, 'status'>[]): LivePhotoCounts {
  const counts: LivePhotoCounts = { uploaded: photos.length, accepted: 0, rejected: 0, pending: 0 };
  for (const photo of photos) counts[photo.status] += 1;
  return counts;
}

/**
 * Oldest first. Photos confirmed together share one server timestamp, and Firestore breaks that tie
 * by random document id; the file name keeps them in the order the camera named them.
 */
export function comparePhotos(
  a: Pick<PhotoView, 'id' | 'createdAt' | 'fileName'>,
  b: Pick<PhotoView, 'id' | 'createdAt' | 'fileName'>,
): number {
  return (
    a.createdAt - b.createdAt ||
    a.fileName.localeCompare(b.fileName, undefined, { numeric: true }) ||
    a.id.localeCompare(b.id)
  );
}

export interface GalleryFilter {
  /** Only this style; null for all. */
  styleId: string | null;
  favoritesOnly: boolean;
}

export function filterImages<I extends Pick<ImageView, 'styleId' | 'favorite'>>(
  images: readonly I[],
  filter: GalleryFilter,
): I[] {
  return images.filter(
    (image) =>
      (filter.styleId === null || image.styleId === filter.styleId) &&
      (!filter.favoritesOnly || image.favorite),
  );
}

export type OrderSection =
  | 'problem'
  | 'deleted'
  | 'progress'
  | 'upload'
  | 'checkout'
  | 'gallery'
  /** "Not happy? Refund": the section itself decides what the order may ask for. */
  | 'refund'
  /** "Delete this order": at every stage, last on the page. */
  | 'delete';

/** Which parts of the order page to show, top to bottom, for a status. */
export function sectionsFor(status: OrderStatus, imageCount: number): OrderSection[] {
  const sections = stageSections(status, imageCount);
  return status === 'deleted' ? sections : [...sections, 'delete'];
}

function stageSections(status: OrderStatus, imageCount: number): OrderSection[] {
  const gallery: OrderSection[] = imageCount > 0 ? ['gallery'] : [];
  switch (status) {
    case 'draft':
    case 'uploading':
    case 'ready':
      return ['upload', 'checkout'];
    case 'paid':
    case 'training':
      return ['progress', ...gallery];
    case 'generating':
      // The gallery is there from the start of generation and fills as images arrive.
      return ['progress', 'gallery'];
    case 'delivered':
      return ['progress', 'gallery', 'refund'];
    case 'failed':
      return ['problem', 'progress', ...gallery, 'refund'];
    case 'refunded':
      // Its headshots are no longer the customer's: the server refuses their URLs.
      return ['problem'];
    case 'deleted':
      return ['deleted'];
  }
}

/** The happy path as the progress timeline shows it. */
export const TIMELINE_STEPS = [
  { status: 'draft', label: 'Order started' },
  { status: 'uploading', label: 'Photos added' },
  { status: 'ready', label: 'Photos checked' },
  { status: 'paid', label: 'Paid' },
  { status: 'training', label: 'Model training' },
  { status: 'generating', label: 'Creating headshots' },
  { status: 'delivered', label: 'Delivered' },
] as const satisfies readonly { status: OrderStatus; label: string }[];

export type StepState = 'done' | 'current' | 'failed' | 'upcoming';

export interface TimelineStep {
  status: OrderStatus;
  label: string;
  state: StepState;
  /** When the order entered this step, if it did. */
  at: number | undefined;
}

const stepIndex = (status: OrderStatus) => TIMELINE_STEPS.findIndex((s) => s.status === status);

/**
 * The timeline for an order in `status`, given when it entered each status. Off the happy path
 * (failed, refunded, deleted) the furthest step it reached tells where it stopped; a failure while
 * paid is a failure to start training, so that step, not the payment, is marked.
 */
export function timeline(status: OrderStatus, at: Partial<Record<OrderStatus, number>>): TimelineStep[] {
  const current = stepIndex(status);
  let reached = current;
  if (current === -1) {
    reached = 0;
    TIMELINE_STEPS.forEach((step, i) => {
      if (at[step.status] !== undefined) reached = i;
    });
  }
  const failedAt = status === 'failed' ? Math.max(reached, stepIndex('training')) : -1;
  const last = TIMELINE_STEPS.length - 1;

  return TIMELINE_STEPS.map((step, i) => {
    let state: StepState;
    if (i === failedAt) state = 'failed';
    else if (current === -1) state = i <= reached ? 'done' : 'upcoming';
    else if (i < current || (i === current && i === last)) state = 'done';
    else if (i === current) state = 'current';
    else state = 'upcoming';
    return { status: step.status, label: step.label, state, at: at[step.status] };
  });
}

export interface Progress {
  planned: number;
  done: number;
  failed: number;
  /** Whole percent of planned images that are done, 0–100. */
  percent: number;
}

/** Headshot progress; before the jobs are planned, the plan's headshot count stands in. */
export function progressOf(planId: PlanId, images: ImageCounts | undefined): Progress {
  const planned = images?.planned || PLANS[planId].headshots;
  const done = Math.min(images?.done ?? 0, planned);
  const failed = images?.failed ?? 0;
  const percent = planned > 0 ? Math.floor((done / planned) * 100) : 0;
  return { planned, done, failed, percent };
}

/** What a refunded order says about its money: what Stripe reported refunded. */
export function refundNotice(
  refund: { amountRefunded: number; currency: string } | undefined,
): string | null {
  if (!refund) return null;
  return `${formatPrice(refund.amountRefunded, refund.currency)} was refunded to your card. It can take 5–10 business days to show on your statement.`;
}

/** What is left of the payment to refund, in cents (the amount a full refund now gives back). */
export function refundableCents(order: {
  payment?: { amountTotal: number | null } | undefined;
  refund?: { amountRefunded: number } | undefined;
}): number {
  return Math.max(0, (order.payment?.amountTotal ?? 0) - (order.refund?.amountRefunded ?? 0));
}
