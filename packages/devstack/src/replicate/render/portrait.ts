import sharp from 'sharp';
import { backdropPixels, LAYOUT, type Backdrop } from './backdrop.js';

export type OutputFormat = 'webp' | 'jpg' | 'png';

/** How one output frames its crop, so the images of a prediction differ from each other. */
export interface Framing {
  /** 1 = the whole crop; 1.25 = a tighter crop of its centre. */
  zoom: number;
  /** Offset of the zoomed window inside the crop, each in [-1, 1]. */
  panX: number;
  panY: number;
  /** Size of the face oval relative to the layout. */
  scale: number;
  /** Shift of the head, fractions of the frame. */
  dx: number;
  dy: number;
  mirror: boolean;
  monochrome: boolean;
}

export interface PortraitRequest {
  /** null: the backdrop and silhouette with no face in the oval, as a generation that lost the person. */
  crop: Buffer | null;
  width: number;
  height: number;
  backdrop: Backdrop;
  framing: Framing;
  format: OutputFormat;
  quality: number;
}

const masks = new Map<string, Float32Array>();

/** Alpha of a soft-edged oval: 1 inside, fading to 0 over the outer `feather` of the radius. */
function ovalMask(w: number, h: number, feather = 0.18): Float32Array {
  const key = `${w}x${h}`;
  const hit = masks.get(key);
  if (hit) return hit;
  const m = new Float32Array(w * h);
  for (let y = 0; y < h; y++) {
    const ny = (y + 0.5 - h / 2) / (h / 2);
    for (let x = 0; x < w; x++) {
      const nx = (x + 0.5 - w / 2) / (w / 2);
      const d = Math.sqrt(nx * nx + ny * ny);
      m[y * w + x] = d >= 1 ? 0 : d <= 1 - feather ? 1 : (1 - d) / feather;
    }
  }
  if (masks.size > 32) masks.clear();
  masks.set(key, m);
  return m;
}

/**
 * The CPU stand-in for a FLUX headshot: the customer's own face crop, framed as a head-and-shoulders
 * portrait on the style's backdrop. Everything but the decode/resize and the encode is done on raw
 * pixels in one pass, which keeps a 1024 px image in the tens of milliseconds.
 */
export async function renderPortrait(r: PortraitRequest): Promise<Buffer> {
  const canvas = Buffer.from(backdropPixels(r.width, r.height, r.backdrop));
  if (r.crop) await drawFace(canvas, r.crop, r);
  return encode(canvas, r);
}

async function drawFace(canvas: Buffer, crop: Buffer, r: PortraitRequest): Promise<void> {
  const { width: W, height: H, framing: f } = r;

  const ow = Math.max(16, Math.round(W * LAYOUT.faceWidth * f.scale));
  const oh = Math.round(ow * LAYOUT.faceAspect);
  const src = sharp(crop, { failOn: 'error' }).autoOrient();
  const meta = await src.metadata();
  const sw = meta.autoOrient?.width ?? meta.width ?? 0;
  const sh = meta.autoOrient?.height ?? meta.height ?? 0;
  if (!sw || !sh) throw new Error('Face crop has no dimensions');
  // The largest window of the oval's aspect inside the crop, shrunk by zoom, moved by pan.
  let winW = sw;
  let winH = Math.round(sw * LAYOUT.faceAspect);
  if (winH > sh) {
    winH = sh;
    winW = Math.round(sh / LAYOUT.faceAspect);
  }
  winW = Math.max(8, Math.round(winW / f.zoom));
  winH = Math.max(8, Math.round(winH / f.zoom));
  const left = Math.round(((sw - winW) / 2) * (1 + f.panX));
  const top = Math.round(((sh - winH) / 2) * (1 + f.panY));

  let face = src
    .extract({ left, top, width: winW, height: winH })
    .resize(ow, oh, { fit: 'fill' })
    .removeAlpha();
  if (f.mirror) face = face.flop();
  const { grade } = r.backdrop;
  face = face.linear([grade.r, grade.g, grade.b], [0, 0, 0]);
  const facePx = await face.raw().toBuffer();
  // Greyscale by hand on the graded RGB: sharp's greyscale leaves one band, which `linear` with
  // per-channel factors cannot expand back to three.
  if (f.monochrome) toMonochrome(facePx);

  const cx = Math.round(W * (0.5 + f.dx));
  const cy = Math.round(H * (LAYOUT.faceCenterY + f.dy));
  const fx0 = cx - Math.floor(ow / 2);
  const fy0 = cy - Math.floor(oh / 2);

  const mask = ovalMask(ow, oh);
  for (let y = 0; y < oh; y++) {
    const py = fy0 + y;
    if (py < 0 || py >= H) continue;
    for (let x = 0; x < ow; x++) {
      const px = fx0 + x;
      if (px < 0 || px >= W) continue;
      const a = mask[y * ow + x]!;
      if (a === 0) continue;
      const i = (py * W + px) * 3;
      const j = (y * ow + x) * 3;
      canvas[i] = canvas[i]! * (1 - a) + facePx[j]! * a;
      canvas[i + 1] = canvas[i + 1]! * (1 - a) + facePx[j + 1]! * a;
      canvas[i + 2] = canvas[i + 2]! * (1 - a) + facePx[j + 2]! * a;
    }
  }
}

async function encode(canvas: Buffer, r: PortraitRequest): Promise<Buffer> {
  const out = sharp(canvas, { raw: { width: r.width, height: r.height, channels: 3 } });
  switch (r.format) {
    case 'webp':
      // Effort 0: the encoder's fastest setting; the stand-in's outputs favour speed over bytes.
      return out.webp({ quality: r.quality, effort: 0 }).toBuffer();
    case 'jpg':
      return out.jpeg({ quality: r.quality, chromaSubsampling: '4:2:0' }).toBuffer();
    case 'png':
      return out.png({ compressionLevel: 6 }).toBuffer();
  }
}

/** Rec. 601 luma into all three channels, in place. */
function toMonochrome(rgb: Buffer): void {
  for (let i = 0; i + 2 < rgb.length; i += 3) {
    const y = Math.round(0.299 * rgb[i]! + 0.587 * rgb[i + 1]! + 0.114 * rgb[i + 2]!);
    rgb[i] = rgb[i + 1] = rgb[i + 2] = y;
  }
}
