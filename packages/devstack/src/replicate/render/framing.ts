import type { Framing } from './portrait.js';

/** mulberry32: a tiny seeded PRNG, so the same seed and index always frame the same way. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Which crop and framing output `index` of a prediction with `seed` uses. Consecutive indices take
 * different crops (when there are enough) and different zoom, pan, size and mirroring.
 */
export function pickFraming(
  seed: number,
  index: number,
  cropCount: number,
  monochrome: boolean,
): { crop: number; framing: Framing } {
  const rand = prng((seed ^ Math.imul(index + 1, 0x9e3779b1)) >>> 0);
  const between = (lo: number, hi: number) => lo + (hi - lo) * rand();
  return {
    crop: (seed + index) % cropCount,
    framing: {
      zoom: between(1, 1.3),
      panX: between(-0.6, 0.6),
      panY: between(-0.5, 0.3),
      scale: between(0.9, 1.08),
      dx: between(-0.04, 0.04),
      dy: between(-0.025, 0.02),
      mirror: index % 2 === 1,
      monochrome,
    },
  };
}
