import { PLANS, type OrderStatus, type PlanId } from '@likeness/core';
import type { ImageView, OrderView, PhotoView } from './documents';

/** What the order page derives from an order and its photos and images. Pure, so it is unit-tested. */

export interface PhotoCounts {
  total: number;
  accepted: number;
  rejected: number;
  pending: number;
}

/** Counted from the photo documents themselves, which update live one by one. */
export function photoCounts(photos: readonly Pick<PhotoView, 'status'>[]): PhotoCounts {
  const counts: PhotoCounts = { total: photos.length, accepted: 0, rejected: 0, pending: 0 };
  for (const photo of photos) counts[photo.status] += 1;
  return counts;
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
      (filter.styleId === null || image.styleId === filter.styleId) && (!filter.favoritesOnly || image.favorite),
  );
}

/**
 * Gallery order: by the order's styles, then by job (its batch number, compared as a number: the job
 * id is `<styleId>-<batch>`), then by output. Stable across reloads, unlike arrival order.
 */
export function sortImages<I extends Pick<ImageView, 'id' | 'styleId' | 'jobId' | 'index'>>(
  images: readonly I[],
  styleIds: readonly string[],
): I[] {
  const styleRank = (id: string) => {
    const i = styleIds.indexOf(id);
    return i === -1 ? styleIds.length : i;
  };
  const batchOf = (image: I) => {
    const match = /-(\d+)$/.exec(image.jobId);
    return match ? Number(match[1]) : Number.MAX_SAFE_INTEGER;
  };
  return [...images].sort(
    (a, b) =>
      styleRank(a.styleId) - styleRank(b.styleId) ||
      a.styleId.localeCompare(b.styleId) ||
      batchOf(a) - batchOf(b) ||
      a.jobId.localeCompare(b.jobId) ||
      a.index - b.index ||
      a.id.localeCompare(b.id),
  );
}

export type OrderSection = 'problem' | 'deleted' | 'progress' | 'upload' | 'checkout' | 'gallery';

/** Which parts of the order page to show, top to bottom, for a status. */
export function sectionsFor(status: OrderStatus, imageCount: number): OrderSection[] {
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
    case 'delivered':
      // The gallery is there from the start of generation and fills as images arrive.
      return ['progress', 'gallery'];
    case 'failed':
      return ['problem', 'progress', ...gallery];
    case 'refunded':
      return ['problem', ...gallery];
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
export function progressOf(planId: PlanId, images: OrderView['images']): Progress {
  const planned = images?.planned || PLANS[planId].headshots;
  const done = Math.min(images?.done ?? 0, planned);
  const failed = images?.failed ?? 0;
  const percent = planned > 0 ? Math.floor((done / planned) * 100) : 0;
  return { planned, done, failed, percent };
}
