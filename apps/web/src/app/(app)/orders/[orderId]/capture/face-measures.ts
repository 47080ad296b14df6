import { lumaPercentile } from '@likeness/selfie-qc/portable';
import { EXPOSURE_LIMITS, SHARPNESS_LIMITS } from '@likeness/selfie-qc/thresholds';

/**
 * The server's face exposure and sharpness figures (packages/selfie-qc, measureRegion), redone on
 * canvas pixels so the camera judges a frame by the numbers QC will judge the shot by: luma of the
 * face's landmark box at SHARPNESS_LIMITS.sizePx square, then the std. dev. of a Laplacian on that
 * square stretched to its 1st–99th percentile, as libvips computes them.
 */

export interface LumaStats {
  p50: number;
  p95: number;
  /** Share of pixels at or above EXPOSURE_LIMITS.clippedLevel. */
  clippedShare: number;
}

export interface FaceMeasures {
  luma: LumaStats;
  sharpness: number;
}

// libvips turns sRGB into greyscale through linear light (Rec. 709 luminance), not on the encoded values.
const TO_LINEAR = Float64Array.from({ length: 256 }, (_, v) => {
  const c = v / 255;
  return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
});

function toEncoded(linear: number): number {
  const c = linear <= 0.0031308 ? linear * 12.92 : 1.055 * linear ** (1 / 2.4) - 0.055;
  return Math.min(255, Math.max(0, Math.round(c * 255)));
}

/** RGBA (canvas ImageData) to 8-bit luma. */
export function greyFromRgba(rgba: Uint8ClampedArray | Uint8Array): Uint8Array {
  const grey = new Uint8Array(rgba.length / 4);
  for (let i = 0; i < grey.length; i++) {
    const r = TO_LINEAR[rgba[i * 4]!]!;
    const g = TO_LINEAR[rgba[i * 4 + 1]!]!;
    const b = TO_LINEAR[rgba[i * 4 + 2]!]!;
    grey[i] = toEncoded(0.2126 * r + 0.7152 * g + 0.0722 * b);
  }
  return grey;
}

function histogramOf(grey: Uint8Array): Uint32Array {
  const histogram = new Uint32Array(256);
  for (const v of grey) histogram[v]!++;
  return histogram;
}

export function lumaStats(grey: Uint8Array): LumaStats {
  const histogram = histogramOf(grey);
  const n = grey.length;
  let clipped = 0;
  for (let v = EXPOSURE_LIMITS.clippedLevel; v < 256; v++) clipped += histogram[v]!;
  return {
    p50: lumaPercentile(histogram, n, 0.5),
    p95: lumaPercentile(histogram, n, 0.95),
    clippedShare: clipped / n,
  };
}

// CIE L* of each 8-bit luma, the lightness sharp's normalise stretches.
const LAB_EPSILON = (6 / 29) ** 3;
const TO_LIGHTNESS = TO_LINEAR.map((y) =>
  y > LAB_EPSILON ? 116 * Math.cbrt(y) - 16 : (116 * y) / (3 * (6 / 29) ** 2),
);

function fromLightness(l: number): number {
  const t = (l + 16) / 116;
  return toEncoded(t > 6 / 29 ? t ** 3 : 3 * (6 / 29) ** 2 * (t - 4 / 29));
}

/**
 * Stretches the lightness as sharp's normalise({ lower: 1, upper: 99 }) does to a grey face square:
 * L* from its 1st percentile to its top, linearly onto 0–100, back to luma. Measured against sharp on
 * the fixture faces, at several sizes, exposures and blurs, its upper end is the brightest pixel
 * rather than the 99th percentile; the sharpness that follows then agrees within 3 %.
 */
export function stretchContrast(grey: Uint8Array): Uint8Array {
  const histogram = histogramOf(grey);
  const low = Math.floor(TO_LIGHTNESS[lumaPercentile(histogram, grey.length, 0.01)]!);
  let top = 255;
  while (top > 0 && histogram[top] === 0) top--;
  const high = Math.floor(TO_LIGHTNESS[top]!);
  if (high - low <= 1) return grey.slice();
  const gain = 100 / (high - low);
  return grey.map((v) => fromLightness((TO_LIGHTNESS[v]! - low) * gain));
}

/** Std. dev. of the 4-neighbour Laplacian scaled by 1/9 (libvips' sharpness), edges repeated. */
export function laplacianStdev(grey: Uint8Array, width: number, height: number): number {
  const at = (x: number, y: number) =>
    grey[Math.min(height - 1, Math.max(0, y)) * width + Math.min(width - 1, Math.max(0, x))]!;
  let sum = 0;
  let sumSq = 0;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const l = (at(x - 1, y) + at(x + 1, y) + at(x, y - 1) + at(x, y + 1) - 4 * at(x, y)) / 9;
      sum += l;
      sumSq += l * l;
    }
  }
  const n = width * height;
  const mean = sum / n;
  // libvips' deviate is the sample standard deviation.
  return Math.sqrt(Math.max(0, (sumSq - n * mean * mean) / (n - 1)));
}

/** `rgba`: the face's landmark box drawn at SHARPNESS_LIMITS.sizePx square. */
export function measureFace(rgba: Uint8ClampedArray | Uint8Array): FaceMeasures {
  const side = SHARPNESS_LIMITS.sizePx;
  if (rgba.length !== side * side * 4) throw new Error(`face square must be ${side} × ${side} RGBA`);
  const grey = greyFromRgba(rgba);
  return { luma: lumaStats(grey), sharpness: laplacianStdev(stretchContrast(grey), side, side) };
}
