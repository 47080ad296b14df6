import type { LikenessBand } from './likeness.js';

/**
 * Ids of generation work and the one gallery order. A job is one prediction (a batch of one style);
 * its id is `<styleId>-<batch>` and each output's image id is `<jobId>-<index>`, so the same work always
 * lands on the same document.
 */
export const jobIdOf = (styleId: string, batch: number) => `${styleId}-${batch}`;
export const imageIdOf = (jobId: string, outputIndex: number) => `${jobId}-${outputIndex}`;

/** The batch number a job id ends in; ids of another shape sort last. */
function batchOf(jobId: string): number {
  const match = /-(\d+)$/.exec(jobId);
  return match ? Number(match[1]) : Number.MAX_SAFE_INTEGER;
}

export interface GalleryImage {
  id: string;
  styleId: string;
  jobId: string;
  index: number;
  /** Absent on images ingested before likeness was measured, or without a reference. */
  likeness?: { score: number; band: LikenessBand } | undefined;
}

/**
 * Gallery order, used by the gallery and the zip alike: by the order's styles, then by batch (as a
 * number, so `-2` comes before `-10`), then by output. Stable across reloads, unlike arrival order.
 */
export function compareImages(styleIds: readonly string[]): (a: GalleryImage, b: GalleryImage) => number {
  const rank = (id: string) => {
    const i = styleIds.indexOf(id);
    return i === -1 ? styleIds.length : i;
  };
  return (a, b) =>
    rank(a.styleId) - rank(b.styleId) ||
    a.styleId.localeCompare(b.styleId) ||
    batchOf(a.jobId) - batchOf(b.jobId) ||
    a.jobId.localeCompare(b.jobId) ||
    a.index - b.index ||
    a.id.localeCompare(b.id);
}

/** Unmeasured images sit with the fair ones: nothing says they are weak. */
const BAND_RANK: Record<LikenessBand, number> = { strong: 0, fair: 1, weak: 2 };
const bandRank = (img: GalleryImage) => BAND_RANK[img.likeness?.band ?? 'fair'];

/**
 * The gallery's default order: by the order's styles, and within a style the strongest likenesses
 * first (band, then score, unmeasured after the measured of their band), then the stable order of
 * compareImages.
 */
export function compareByLikeness(styleIds: readonly string[]): (a: GalleryImage, b: GalleryImage) => number {
  const stable = compareImages(styleIds);
  const styleRank = (id: string) => {
    const i = styleIds.indexOf(id);
    return i === -1 ? styleIds.length : i;
  };
  return (a, b) =>
    styleRank(a.styleId) - styleRank(b.styleId) ||
    a.styleId.localeCompare(b.styleId) ||
    bandRank(a) - bandRank(b) ||
    (b.likeness?.score ?? -1) - (a.likeness?.score ?? -1) ||
    stable(a, b);
}

export interface ArrangedGallery<T extends GalleryImage> {
  /** Strong and fair (and unmeasured) images, in compareByLikeness order. */
  shown: T[];
  /** Weak likenesses, folded under "less like you": still the customer's, in the same order. */
  lessLikeYou: T[];
}

/** One arrangement for the gallery page and the zip alike. */
export function arrangeGallery<T extends GalleryImage>(
  images: readonly T[],
  styleIds: readonly string[],
): ArrangedGallery<T> {
  const sorted = [...images].sort(compareByLikeness(styleIds));
  return {
    shown: sorted.filter((i) => i.likeness?.band !== 'weak'),
    lessLikeYou: sorted.filter((i) => i.likeness?.band === 'weak'),
  };
}

/**
 * What "download all" packs, in gallery order: the shown images, and the folded weak ones only when
 * the customer asks for them (after the shown ones, where the gallery lists them).
 */
export function downloadAllSelection<T extends GalleryImage>(
  images: readonly T[],
  styleIds: readonly string[],
  includeWeak: boolean,
): T[] {
  const { shown, lessLikeYou } = arrangeGallery(images, styleIds);
  return includeWeak ? [...shown, ...lessLikeYou] : shown;
}
