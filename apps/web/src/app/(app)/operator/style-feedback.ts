import { STYLES, type LikenessBand } from '@likeness/core';

/** What the style table reads off an order. */
export interface FeedbackOrder {
  id: string;
  styleIds: readonly string[];
  downloads?: { count: number } | undefined;
}

/** What it reads off a delivered headshot; the customer sets `rating` and `favorite` in the gallery. */
export interface FeedbackImage {
  orderId: string;
  styleId: string;
  rating: number | null;
  favorite: boolean;
  /** The identity score ingest measured; absent on images without a reference face. */
  likeness?: { score: number; band: LikenessBand } | undefined;
}

export interface StyleFeedback {
  styleId: string;
  name: string;
  images: number;
  rated: number;
  /** Mean of the 1–5 star ratings, or null when no image of the style was rated. */
  averageRating: number | null;
  favourites: number;
  /** Favourited images ÷ images: the share of the style's headshots customers chose to keep. */
  favouriteRate: number | null;
  /** Orders with at least one image of the style. */
  orders: number;
  /**
   * Of those, orders where the customer downloaded anything. Downloads are counted per order (that is
   * what the download callables record), so this is the style's orders that were kept, not its images.
   */
  ordersDownloaded: number;
  downloadRate: number | null;
  /** Images with an identity score; the two figures below are over these. */
  measured: number;
  /** Mean identity score (0–1), or null when none was measured. */
  meanLikeness: number | null;
  /** Share of measured images in the weak band: folded away from the customer's gallery. */
  weakShare: number | null;
}

const ratio = (part: number, whole: number) => (whole === 0 ? null : part / whole);

/**
 * Ratings, keep rate and identity score per style over the given orders' images, in catalog order; styles with no
 * image are left out. A style the catalog no longer has keeps its id as its name.
 */
export function styleFeedback(
  orders: readonly FeedbackOrder[],
  images: readonly FeedbackImage[],
): StyleFeedback[] {
  const downloaded = new Set(orders.filter((o) => (o.downloads?.count ?? 0) > 0).map((o) => o.id));
  const known = new Set(orders.map((o) => o.id));
  const byStyle = new Map<string, { images: FeedbackImage[]; orders: Set<string> }>();
  for (const image of images) {
    if (!known.has(image.orderId)) continue;
    const entry = byStyle.get(image.styleId) ?? { images: [], orders: new Set<string>() };
    entry.images.push(image);
    entry.orders.add(image.orderId);
    byStyle.set(image.styleId, entry);
  }
  const catalogOrder = new Map(STYLES.map((s, i) => [s.id, i]));
  return [...byStyle]
    .sort(
      ([a], [b]) =>
        (catalogOrder.get(a) ?? Infinity) - (catalogOrder.get(b) ?? Infinity) || a.localeCompare(b),
    )
    .map(([styleId, entry]) => {
      const ratings = entry.images.flatMap((i) => (i.rating === null ? [] : [i.rating]));
      const favourites = entry.images.filter((i) => i.favorite).length;
      const ordersDownloaded = [...entry.orders].filter((id) => downloaded.has(id)).length;
      const measured = entry.images.flatMap((i) => (i.likeness ? [i.likeness] : []));
      return {
        styleId,
        name: STYLES.find((s) => s.id === styleId)?.name ?? styleId,
        images: entry.images.length,
        rated: ratings.length,
        averageRating: ratings.length === 0 ? null : ratings.reduce((a, b) => a + b, 0) / ratings.length,
        favourites,
        favouriteRate: ratio(favourites, entry.images.length),
        orders: entry.orders.size,
        ordersDownloaded,
        downloadRate: ratio(ordersDownloaded, entry.orders.size),
        measured: measured.length,
        meanLikeness: ratio(
          measured.reduce((sum, l) => sum + l.score, 0),
          measured.length,
        ),
        weakShare: ratio(measured.filter((l) => l.band === 'weak').length, measured.length),
      };
    });
}
