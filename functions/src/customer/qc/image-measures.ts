/**
 * Measures on a single-channel 8-bit image (row-major, width × height bytes). Pure arithmetic, so
 * the thresholds in basic-check.ts can be tuned against numbers that tests pin down.
 */
export interface GreyImage {
  data: Uint8Array;
  width: number;
  height: number;
}

function assertShape({ data, width, height }: GreyImage): void {
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 3 || height < 3) {
    throw new Error(`Grey image must be at least 3×3, got ${width}×${height}`);
  }
  if (data.length !== width * height) {
    throw new Error(`Grey image of ${width}×${height} needs ${width * height} bytes, got ${data.length}`);
  }
}

/** Mean of all pixels, 0 (black) … 255 (white). */
export function meanLuminance(img: GreyImage): number {
  assertShape(img);
  let sum = 0;
  for (let i = 0; i < img.data.length; i++) sum += img.data[i]!;
  return sum / img.data.length;
}

/**
 * Variance of the 4-neighbour Laplacian over the interior pixels: high when the image has crisp
 * edges, near zero when it is blurred. Computed in floating point here because libvips' integer
 * convolution clamps the negative half of the response on 8-bit images.
 */
export function laplacianVariance(img: GreyImage): number {
  assertShape(img);
  const { data, width: w, height: h } = img;
  let sum = 0;
  let sumSq = 0;
  let n = 0;
  for (let y = 1; y < h - 1; y++) {
    const row = y * w;
    for (let x = 1; x < w - 1; x++) {
      const i = row + x;
      const lap = data[i - w]! + data[i + w]! + data[i - 1]! + data[i + 1]! - 4 * data[i]!;
      sum += lap;
      sumSq += lap * lap;
      n++;
    }
  }
  const mean = sum / n;
  return sumSq / n - mean * mean;
}

/** The pixel value below which `fraction` of the pixels lie (0 ≤ fraction ≤ 1), from a histogram. */
export function percentile(img: GreyImage, fraction: number): number {
  assertShape(img);
  const histogram = new Uint32Array(256);
  for (let i = 0; i < img.data.length; i++) histogram[img.data[i]!]!++;
  const target = fraction * img.data.length;
  let seen = 0;
  for (let v = 0; v < 256; v++) {
    seen += histogram[v]!;
    if (seen >= target && seen > 0) return v;
  }
  return 255;
}

/**
 * A light contrast stretch as `out = a·in + b`: the 0.5–99.5 % luminance range is spread over the
 * full range, but by at most `maxGain`, so a deliberately low-key photo is not turned into a grey
 * mush and skin tones move little. Applied equally to R, G and B, which keeps hues.
 */
export function lightStretch(img: GreyImage, maxGain = 1.5): { a: number; b: number } {
  const lo = percentile(img, 0.005);
  const hi = percentile(img, 0.995);
  const a = Math.max(1, Math.min(maxGain, 255 / Math.max(1, hi - lo)));
  // Centre the stretched range in 0–255 when the gain is capped.
  const b = -a * lo + (255 - a * (hi - lo)) / 2;
  return { a, b };
}
