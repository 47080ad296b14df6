import { stampLabel } from './label.js';

/** A vertical gradient (top and bottom colours), a vignette strength and a colour grade. */
export interface Backdrop {
  top: string;
  bottom: string;
  vignette: number;
  grade: { r: number; g: number; b: number };
}

/** For prompts that match no catalog style: a plain mid-grey studio sweep. */
export const NEUTRAL_BACKDROP: Backdrop = {
  top: '#9a9da3',
  bottom: '#5f6268',
  vignette: 0.3,
  grade: { r: 1, g: 1, b: 1 },
};

export function hexToRgb(hex: string): [number, number, number] {
  const m = /^#?([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (!m) throw new Error(`Not a #rrggbb colour: ${hex}`);
  return [parseInt(m[1]!, 16), parseInt(m[2]!, 16), parseInt(m[3]!, 16)];
}

/** The silhouette's clothing: the backdrop's bottom colour, darkened and desaturated. */
function clothingColour(b: Backdrop): [number, number, number] {
  const [r, g, bl] = hexToRgb(b.bottom);
  const grey = (r + g + bl) / 3;
  const mix = (c: number) => Math.round((c * 0.4 + grey * 0.6) * 0.45 + 12);
  return [mix(r), mix(g), mix(bl)];
}

/** Where the head and shoulders sit, as fractions of the frame (shared with the portrait pass). */
export const LAYOUT = {
  faceCenterY: 0.4,
  faceWidth: 0.5,
  faceAspect: 1.3,
  shoulderCenterY: 0.98,
  shoulderRx: 0.62,
  shoulderRy: 0.38,
} as const;

const cache = new Map<string, Buffer>();
const CACHE_MAX = 24;

/**
 * The static part of every portrait in a style at a size, as raw RGB: vertical gradient with the
 * style's colour grade, a soft shoulder silhouette, the vignette and the LOCAL PREVIEW stamp.
 * Cached, since a batch renders many images of the same style and size.
 */
export function backdropPixels(width: number, height: number, b: Backdrop): Buffer {
  const key = `${width}x${height}:${JSON.stringify(b)}`;
  const hit = cache.get(key);
  if (hit) {
    cache.delete(key);
    cache.set(key, hit);
    return hit;
  }
  const top = hexToRgb(b.top);
  const bottom = hexToRgb(b.bottom);
  const grade = [b.grade.r, b.grade.g, b.grade.b] as const;
  const cloth = clothingColour(b);
  const out = Buffer.alloc(width * height * 3);
  const cx = width / 2;
  const cy = height / 2;
  const maxR2 = cx * cx + cy * cy;
  const sCx = width / 2;
  const sCy = height * LAYOUT.shoulderCenterY;
  const sRx = width * LAYOUT.shoulderRx;
  const sRy = height * LAYOUT.shoulderRy;
  // Per-column terms once, so the per-pixel work is a few multiplies (this runs on a cache miss).
  const colVig = new Float32Array(width);
  const colShoulder = new Float32Array(width);
  for (let x = 0; x < width; x++) {
    colVig[x] = ((x - cx) * (x - cx)) / maxR2;
    colShoulder[x] = ((x - sCx) / sRx) ** 2;
  }
  const inner2 = 0.96 * 0.96;
  for (let y = 0; y < height; y++) {
    const t = y / (height - 1);
    const r0 = (top[0] + (bottom[0] - top[0]) * t) * grade[0];
    const g0 = (top[1] + (bottom[1] - top[1]) * t) * grade[1];
    const b0 = (top[2] + (bottom[2] - top[2]) * t) * grade[2];
    const rowVig = ((y - cy) * (y - cy)) / maxR2;
    const sy2 = ((y - sCy) / sRy) ** 2;
    let i = y * width * 3;
    for (let x = 0; x < width; x++, i += 3) {
      const vig = 1 - b.vignette * (colVig[x]! + rowVig);
      // Soft-edged ellipse: 1 inside, 0 outside, a short ramp at the edge.
      const d2 = colShoulder[x]! + sy2;
      const body = d2 >= 1 ? 0 : d2 <= inner2 ? 1 : (1 - Math.sqrt(d2)) / 0.04;
      const keep = (1 - body) * vig;
      const add = body * vig;
      const r = r0 * keep + cloth[0] * grade[0] * add;
      const g = g0 * keep + cloth[1] * grade[1] * add;
      const bl = b0 * keep + cloth[2] * grade[2] * add;
      out[i] = r > 255 ? 255 : r;
      out[i + 1] = g > 255 ? 255 : g;
      out[i + 2] = bl > 255 ? 255 : bl;
    }
  }
  stampLabel(out, width, height);
  cache.set(key, out);
  if (cache.size > CACHE_MAX) cache.delete(cache.keys().next().value!);
  return out;
}
