import type { RgbImage } from './decode.js';

/**
 * Light histogram equalisation of an RGB image, in place.
 *
 * Luma is equalised globally and the result blended with the original by `strength` (0 = untouched,
 * 1 = full equalisation), then every pixel's RGB is scaled by the same factor as its luma, so hues
 * and skin tones keep their ratios. Written here rather than taken from libvips because its CLAHE
 * (sharp's clahe()) takes 1–3 s on a 1024 px crop on this class of CPU, and it has no global
 * equalisation exposed through sharp; this takes ~15 ms.
 */
export function equaliseLuma(image: RgbImage, strength: number): void {
  const { data } = image;
  const pixels = image.width * image.height;
  const luma = new Uint8Array(pixels);
  const histogram = new Uint32Array(256);
  for (let p = 0, i = 0; p < pixels; p++, i += 3) {
    // Rec. 601 weights in fixed point: 0.299, 0.587, 0.114.
    const y = (77 * data[i]! + 150 * data[i + 1]! + 29 * data[i + 2]! + 128) >> 8;
    luma[p] = y;
    histogram[y]!++;
  }
  const gain = new Float32Array(256);
  let cumulative = 0;
  for (let y = 0; y < 256; y++) {
    cumulative += histogram[y]!;
    const equalised = (255 * cumulative) / pixels;
    const target = y + strength * (equalised - y);
    gain[y] = y === 0 ? 1 : target / y;
  }
  for (let p = 0, i = 0; p < pixels; p++, i += 3) {
    const g = gain[luma[p]!]!;
    if (g === 1) continue;
    data[i] = Math.min(255, Math.round(data[i]! * g));
    data[i + 1] = Math.min(255, Math.round(data[i + 1]! * g));
    data[i + 2] = Math.min(255, Math.round(data[i + 2]! * g));
  }
}
