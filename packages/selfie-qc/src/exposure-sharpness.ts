import sharp from 'sharp';
import type { QcReasonCode } from '@likeness/core';
import type { RgbImage } from './decode.js';
import type { Rect } from './geometry.js';
import { EXPOSURE_LIMITS, SHARPNESS_LIMITS } from './thresholds.js';
import { lumaPercentile } from './portable.js';

export interface LumaStats {
  mean: number;
  p5: number;
  p50: number;
  p95: number;
  /** Share of pixels at or above EXPOSURE_LIMITS.clippedLevel. */
  clippedShare: number;
  /** Mean luma of the right half minus the left half: side light shows up here. */
  sideBalance: number;
}

export interface RegionMeasures {
  luma: LumaStats;
  /** Laplacian standard deviation of the contrast-normalised region (libvips' sharpness estimate). */
  sharpness: number;
}

function lumaStats(grey: Buffer, width: number): LumaStats {
  const histogram = new Uint32Array(256);
  let sum = 0;
  let left = 0;
  let right = 0;
  for (let i = 0; i < grey.length; i++) {
    const v = grey[i]!;
    histogram[v]!++;
    sum += v;
    if (i % width < width / 2) left += v;
    else right += v;
  }
  const n = grey.length;
  let clipped = 0;
  for (let v = EXPOSURE_LIMITS.clippedLevel; v < 256; v++) clipped += histogram[v]!;
  return {
    mean: sum / n,
    p5: lumaPercentile(histogram, n, 0.05),
    p50: lumaPercentile(histogram, n, 0.5),
    p95: lumaPercentile(histogram, n, 0.95),
    clippedShare: clipped / n,
    sideBalance: (right - left) / (n / 2),
  };
}

/**
 * Exposure and sharpness of one region, measured at a fixed size so the figures do not depend on how
 * big the face is. Sharpness is taken after stretching contrast, since a Laplacian reads a dark face
 * as a soft one.
 */
export async function measureRegion(image: RgbImage, region: Rect): Promise<RegionMeasures> {
  const side = SHARPNESS_LIMITS.sizePx;
  const grey = await sharp(image.data, { raw: { width: image.width, height: image.height, channels: 3 } })
    .extract(region)
    .resize(side, side, { fit: 'fill' })
    .greyscale()
    .raw()
    .toBuffer();
  const raw = { raw: { width: side, height: side, channels: 1 as const } };
  // greyscale() again: normalise() on one band otherwise comes back as three.
  const normalised = await sharp(grey, raw).normalise({ lower: 1, upper: 99 }).greyscale().raw().toBuffer();
  if (normalised.length !== side * side) throw new Error('normalised face region is not one band');
  const { sharpness } = await sharp(normalised, raw).stats();
  return { luma: lumaStats(grey, side), sharpness };
}

export function exposureVerdict(luma: LumaStats): QcReasonCode | null {
  if (luma.p95 < EXPOSURE_LIMITS.darkP95) return 'too_dark';
  if (luma.clippedShare > EXPOSURE_LIMITS.maxClippedShare || luma.p50 >= EXPOSURE_LIMITS.brightP50)
    return 'too_bright';
  return null;
}

/** Without a face only extremes count: they explain why no face was found. */
export function frameExposureVerdict(luma: LumaStats): QcReasonCode | null {
  if (luma.p95 < EXPOSURE_LIMITS.frameDarkP95) return 'too_dark';
  if (luma.clippedShare > EXPOSURE_LIMITS.frameMaxClippedShare) return 'too_bright';
  return null;
}

export function isBlurry(sharpness: number): boolean {
  return sharpness < SHARPNESS_LIMITS.minLaplacianStdev;
}

/**
 * Sharpness of the whole frame, for when the detector found no face or is unsure of one: the
 * sharpest tile's Laplacian spread relative to its own contrast (see SHARPNESS_LIMITS). Relative,
 * because a dim or low-contrast photo has small Laplacians without being soft; per tile, because a
 * sharp face on a plain background is sharp however much of the frame the background fills. A frame
 * with no tile of enough contrast to judge scores Infinity: nothing in it says blurry.
 */
export async function frameSharpness(image: RgbImage): Promise<number> {
  const { frameSizePx, frameTilePx: tile, frameMinContrast } = SHARPNESS_LIMITS;
  const { data: grey, info } = await sharp(image.data, {
    raw: { width: image.width, height: image.height, channels: 3 },
  })
    .resize(frameSizePx, frameSizePx, { fit: 'inside', withoutEnlargement: true })
    .greyscale()
    .raw()
    .toBuffer({ resolveWithObject: true });
  const { width, height } = info;
  const histogram = new Uint32Array(256);
  let best = 0;
  let judged = false;
  const step = tile / 2;
  for (let top = 0; top + tile <= height; top += step) {
    for (let left = 0; left + tile <= width; left += step) {
      histogram.fill(0);
      let sum = 0;
      let sumSq = 0;
      let n = 0;
      for (let y = top; y < top + tile; y++) {
        for (let x = left; x < left + tile; x++) {
          const i = y * width + x;
          histogram[grey[i]!]!++;
          if (x === 0 || y === 0 || x === width - 1 || y === height - 1) continue;
          const laplacian = 4 * grey[i]! - grey[i - 1]! - grey[i + 1]! - grey[i - width]! - grey[i + width]!;
          sum += laplacian;
          sumSq += laplacian * laplacian;
          n++;
        }
      }
      const range =
        lumaPercentile(histogram, tile * tile, 0.95) - lumaPercentile(histogram, tile * tile, 0.05);
      if (range < frameMinContrast || n === 0) continue;
      judged = true;
      const spread = Math.sqrt(Math.max(0, sumSq / n - (sum / n) ** 2));
      best = Math.max(best, spread / range);
    }
  }
  return judged ? best : Number.POSITIVE_INFINITY;
}

export function isFrameBlurry(sharpness: number): boolean {
  return sharpness < SHARPNESS_LIMITS.minFrameSharpness;
}
