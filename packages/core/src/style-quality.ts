import type { LikenessBand } from './likeness.js';
import { STYLES } from './styles.js';

/**
 * Quality per style and per day, for the operator, from our own data: the identity score of each
 * headshot (measured at ingest), the share folded away as weak, how often customers redid one, and the
 * stars customers gave their order. A prompt change that hurts likeness shows up on the next day's row.
 */
export interface QualityOrder {
  id: string;
  /** The customer's 1–5 stars for the whole order, if they gave any. */
  rating?: { stars: number } | undefined;
}

export interface QualityImage {
  orderId: string;
  styleId: string;
  /** When the image was made (ingest), epoch ms: its day is the day its prompt ran. */
  createdAtMs: number;
  likeness?: { score: number; band: LikenessBand } | undefined;
  /** The redo job that made the image (core/redo.ts ids: `redo-…` customer, `auto-…` automatic). */
  madeBy?: string | undefined;
}

export interface StyleDayQuality {
  styleId: string;
  name: string;
  /** UTC day, YYYY-MM-DD. */
  day: string;
  images: number;
  /** Images with an identity score; the mean and weak share are over these. */
  measured: number;
  meanLikeness: number | null;
  weakShare: number | null;
  /** Images made by a customer's redo, and their share of the day's images of the style. */
  redos: number;
  redoRate: number | null;
  /** Images made by an automatic redo before delivery. */
  autoRedos: number;
  /** Orders with images of the style that day that carry a rating, and the mean of their stars. */
  ratedOrders: number;
  averageRating: number | null;
}

export const QUALITY_WINDOWS = [7, 14] as const;
export type QualityWindow = (typeof QUALITY_WINDOWS)[number];

const DAY_MS = 24 * 60 * 60 * 1000;
const dayOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const mean = (xs: readonly number[]) => (xs.length === 0 ? null : xs.reduce((a, b) => a + b, 0) / xs.length);

/**
 * Rows per style and UTC day over the last `days` days up to `nowMs` (today included), for the images
 * of the given orders; buckets without images are left out. Sorted by the catalog's style order, then
 * newest day first.
 */
export function styleQualityByDay(
  orders: readonly QualityOrder[],
  images: readonly QualityImage[],
  days: QualityWindow,
  nowMs: number,
): StyleDayQuality[] {
  const ratingOf = new Map(orders.map((o) => [o.id, o.rating?.stars]));
  const firstDay = dayOf(nowMs - (days - 1) * DAY_MS);
  const lastDay = dayOf(nowMs);
  const buckets = new Map<string, { styleId: string; day: string; images: QualityImage[] }>();
  for (const image of images) {
    if (!ratingOf.has(image.orderId)) continue;
    const day = dayOf(image.createdAtMs);
    if (day < firstDay || day > lastDay) continue;
    const key = `${image.styleId}\u0000${day}`;
    const bucket = buckets.get(key) ?? { styleId: image.styleId, day, images: [] };
    bucket.images.push(image);
    buckets.set(key, bucket);
  }
  const rank = new Map(STYLES.map((s, i) => [s.id, i]));
  return [...buckets.values()]
    .sort(
      (a, b) =>
        (rank.get(a.styleId) ?? Infinity) - (rank.get(b.styleId) ?? Infinity) ||
        a.styleId.localeCompare(b.styleId) ||
        b.day.localeCompare(a.day),
    )
    .map(({ styleId, day, images: list }) => {
      const measured = list.flatMap((i) => (i.likeness ? [i.likeness] : []));
      const redos = list.filter((i) => i.madeBy?.startsWith('redo-')).length;
      const stars = [...new Set(list.map((i) => i.orderId))].flatMap((id) => {
        const s = ratingOf.get(id);
        return s === undefined ? [] : [s];
      });
      return {
        styleId,
        name: STYLES.find((s) => s.id === styleId)?.name ?? styleId,
        day,
        images: list.length,
        measured: measured.length,
        meanLikeness: mean(measured.map((l) => l.score)),
        weakShare:
          measured.length === 0 ? null : measured.filter((l) => l.band === 'weak').length / measured.length,
        redos,
        redoRate: list.length === 0 ? null : redos / list.length,
        autoRedos: list.filter((i) => i.madeBy?.startsWith('auto-')).length,
        ratedOrders: stars.length,
        averageRating: mean(stars),
      };
    });
}
