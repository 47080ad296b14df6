import { z } from 'zod';

/**
 * The formats people post a headshot in, cropped around the face the selfie-QC models found at
 * ingest (ImageDoc.face). Pure maths: the functions cut and store the files
 * (functions/src/downloads/headshot-formats.ts), the gallery offers the choice.
 */

/** The face's box as shares (0–1) of the image, so it holds whatever size the image is decoded at. */
export const FaceBox = z.object({
  x: z.number().min(0).max(1),
  y: z.number().min(0).max(1),
  w: z.number().min(0).max(1),
  h: z.number().min(0).max(1),
});
export type FaceBox = z.infer<typeof FaceBox>;

export const CROP_FORMATS = ['square', 'portrait', 'banner'] as const;
export const CropFormat = z.enum(CROP_FORMATS, { error: 'Choose a crop: square, portrait or banner.' });
export type CropFormat = z.infer<typeof CropFormat>;

export const DOWNLOAD_FORMATS = ['original', ...CROP_FORMATS] as const;
export const DownloadFormat = z.enum(DOWNLOAD_FORMATS, {
  error: 'Choose a format: original, square, portrait or banner.',
});
export type DownloadFormat = z.infer<typeof DownloadFormat>;

export interface CropSpec {
  label: string;
  /** Width ÷ height of the file. */
  aspect: number;
  /** Fixed size of the file (the banner); otherwise the crop's own pixels, never enlarged. */
  output: { width: number; height: number } | null;
  /** The face box's share of the crop height that the framing aims at. */
  faceShare: number;
  /** Where the face's centre sits, as a share of the crop height from the top: eyes in the upper part. */
  faceCentreY: number;
}

export const CROP_SPECS: Record<CropFormat, CropSpec> = {
  // Profile photos (LinkedIn and most others) show a circle of the square: head and shoulders.
  square: { label: 'Square (profile)', aspect: 1, output: null, faceShare: 0.4, faceCentreY: 0.42 },
  // Feed posts at 4:5 take the most screen height; the taller frame shows more of the shoulders.
  portrait: { label: 'Portrait 4:5', aspect: 4 / 5, output: null, faceShare: 0.34, faceCentreY: 0.4 },
  // LinkedIn's background banner. The face box may fill at most faceShare of the strip's height.
  banner: {
    label: 'Banner 1584 × 396',
    aspect: 4,
    output: { width: 1584, height: 396 },
    faceShare: 0.62,
    faceCentreY: 0.48,
  },
};

export const DOWNLOAD_FORMAT_LABELS: Record<DownloadFormat, string> = {
  original: 'Original',
  square: CROP_SPECS.square.label,
  portrait: CROP_SPECS.portrait.label,
  banner: CROP_SPECS.banner.label,
};

/**
 * A tiny face would make a tiny crop (and a blurry upload); the square and portrait crops are at
 * least this share of the largest crop of their shape that fits, and the face is then smaller in it.
 */
export const MIN_CROP_SHARE = 0.5;

export interface PixelRect {
  left: number;
  top: number;
  width: number;
  height: number;
}

export interface HeadshotCrop {
  /** The part of the image to cut, in whole pixels, always inside the image. */
  rect: PixelRect;
  /** Size of the file. */
  output: { width: number; height: number };
  /**
   * The image is too narrow for a 4:1 strip that holds the whole face: the strip is the image's full
   * width, narrower than 4:1, and the file fills the sides (a blurred copy) instead of cutting the face.
   */
  padded: boolean;
}

const clamp = (value: number, min: number, max: number) => Math.min(Math.max(value, min), max);

/** Puts a span of `size` over [lo, hi] of the face near `preferred`, inside [0, limit]. */
function place(preferred: number, size: number, lo: number, hi: number, limit: number): number {
  // Whole pixels that keep the face inside, then inside the image: both are possible whenever the
  // face fits the span, because the face lies inside the image.
  const aroundFace = clamp(Math.round(preferred), Math.ceil(hi - size), Math.floor(lo));
  return clamp(aroundFace, 0, limit - size);
}

function pixelFace(face: FaceBox, width: number, height: number) {
  const x = clamp(face.x, 0, 1);
  const y = clamp(face.y, 0, 1);
  const w = clamp(face.w, 0, 1 - x);
  const h = clamp(face.h, 0, 1 - y);
  return { left: x * width, top: y * height, right: (x + w) * width, bottom: (y + h) * height };
}

function bannerCrop(width: number, height: number, face: FaceBox | undefined): HeadshotCrop {
  const spec = CROP_SPECS.banner;
  const output = spec.output!;
  if (!face) {
    // No face found: the centred 4:1 strip.
    const h = Math.min(height, Math.round(width / spec.aspect));
    const w = Math.min(width, Math.round(h * spec.aspect));
    return {
      rect: { left: Math.floor((width - w) / 2), top: Math.floor((height - h) / 2), width: w, height: h },
      output,
      padded: false,
    };
  }
  const f = pixelFace(face, width, height);
  // The full-width strip, unless the face would not fit in it: then a taller strip, padded at the sides.
  const needed = Math.ceil((f.bottom - f.top) / spec.faceShare);
  const h = Math.min(height, Math.max(Math.round(width / spec.aspect), needed));
  const w = Math.min(width, Math.round(h * spec.aspect));
  const centreX = (f.left + f.right) / 2;
  const centreY = (f.top + f.bottom) / 2;
  return {
    rect: {
      left: place(centreX - w / 2, w, f.left, f.right, width),
      top: place(centreY - spec.faceCentreY * h, h, f.top, f.bottom, height),
      width: w,
      height: h,
    },
    output,
    padded: w < Math.round(h * spec.aspect),
  };
}

/**
 * The crop of a headshot for a format. Square and portrait: head and shoulders, centred
 * horizontally on the face, the face about `faceShare` of the height (less when that would make the
 * crop smaller than MIN_CROP_SHARE of the largest that fits, more when the image leaves no room),
 * moved inward where the image ends. The face box is inside the crop whenever it fits a crop of that
 * shape at all. Without a face (none found, or more than one) the crop is the centred one of the
 * same size rules, since there is nothing better to aim at.
 */
export function cropFor(
  format: CropFormat,
  image: { width: number; height: number },
  face?: FaceBox,
): HeadshotCrop {
  const { width, height } = image;
  if (!(width > 0 && height > 0)) throw new Error(`Image has no size: ${width}×${height}`);
  if (format === 'banner') return bannerCrop(width, height, face);

  const spec = CROP_SPECS[format];
  const largest = Math.floor(Math.min(height, width / spec.aspect));
  const f = face && pixelFace(face, width, height);
  const wanted = f ? Math.ceil((f.bottom - f.top) / spec.faceShare) : largest;
  const h = clamp(wanted, Math.ceil(largest * MIN_CROP_SHARE), largest);
  const w = Math.min(width, Math.round(h * spec.aspect));
  const rect = f
    ? {
        left: place((f.left + f.right) / 2 - w / 2, w, f.left, f.right, width),
        top: place((f.top + f.bottom) / 2 - spec.faceCentreY * h, h, f.top, f.bottom, height),
        width: w,
        height: h,
      }
    : { left: Math.floor((width - w) / 2), top: Math.floor((height - h) / 2), width: w, height: h };
  return { rect, output: { width: w, height: h }, padded: false };
}
