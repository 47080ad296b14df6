import { createHash } from 'node:crypto';
import { MAX_PHOTO_PIXELS, MAX_UPLOAD_BYTES, MIN_PHOTO_SIDE_PX, type QcReason } from '@likeness/core';
import sharp, { type Metadata, type Sharp } from 'sharp';
import { laplacianVariance, lightStretch, meanLuminance, type GreyImage } from './image-measures.js';
import { orient, swapsSides } from './orientation.js';
import { reasons } from './reasons.js';

/**
 * The basic selfie check: can we read it, is it big enough, well exposed and sharp. Face checks
 * (one face, same person, pose) come later and replace this module behind the same signature, so
 * the trigger only knows `basicCheck(bytes, contentTypeClaimed)`.
 */
export interface BasicCheckResult {
  verdict: 'accepted' | 'rejected';
  reasons: QcReason[];
  /** Pixel size after EXIF orientation; 0 when the file could not be decoded. */
  width: number;
  height: number;
  /** Normalised square training crop (JPEG), only for accepted photos. */
  crop?: Buffer;
  /** Small preview (WebP) for every decodable photo, so the customer sees which one was refused. */
  thumb?: Buffer;
  /** sha256 of the decoded pixels and their EXIF orientation: equal for exact duplicates. */
  pixelHash?: string;
  /** What the thresholds were compared with; logged to tune them. */
  measures?: { meanLuminance: number; laplacianVariance: number };
}

export const BASIC_QC = {
  cropSize: 1024,
  cropQuality: 90,
  thumbSize: 320,
  /** Exposure and sharpness are judged on the crop region, downscaled to this square. */
  analysisSize: 512,
  /** Where the square crop sits vertically in a portrait photo: faces sit in the upper part. */
  cropTopBias: 0.3,
  /** Mean luminance of the crop region (0–255). */
  tooDarkBelow: 50,
  tooBrightAbove: 215,
  /**
   * Laplacian variance of the normalised 512 px region. Measured on the fixtures: sharp portraits
   * 290–1200 (also when upscaled from 512 px to 12 MP), Gaussian blur σ 0.8 px ≥ 140, σ 1.5 px ≤ 51.
   */
  blurryBelow: 60,
} as const;

const DECODABLE_FORMATS = new Set(['jpeg', 'png', 'webp', 'heif']);

/**
 * Every decode is bounded: a small file can still claim billions of pixels (decompression bomb).
 * failOn 'warning' refuses truncated or corrupt files instead of training on half-grey pictures.
 */
const decodeOptions = { limitInputPixels: MAX_PHOTO_PIXELS, failOn: 'warning' } as const;

function rejected(reasonList: QcReason[], extra: Partial<BasicCheckResult> = {}): BasicCheckResult {
  return { verdict: 'rejected', reasons: reasonList, width: 0, height: 0, ...extra };
}

/** The square training crop: full short side, centred horizontally, biased upwards vertically. */
export function trainingCropRegion(
  width: number,
  height: number,
): { left: number; top: number; width: number; height: number } {
  const side = Math.min(width, height);
  const left = Math.floor((width - side) / 2);
  const top = Math.round((height - side) * BASIC_QC.cropTopBias);
  return { left, top, width: side, height: side };
}

/** HEIF/HEIC container brands (ISO BMFF `ftyp`); sharp's prebuilt libheif decodes AVIF only. */
function heifBrand(bytes: Buffer): string | null {
  if (bytes.length < 12 || bytes.toString('latin1', 4, 8) !== 'ftyp') return null;
  const brand = bytes.toString('latin1', 8, 12);
  return ['heic', 'heix', 'hevc', 'hevx', 'heim', 'heis', 'mif1', 'msf1', 'avif', 'avis'].includes(brand)
    ? brand
    : null;
}

interface Raw {
  data: Buffer;
  width: number;
  height: number;
  channels: 1 | 3;
}

const rawInput = (img: Omit<Raw, 'data'>) => ({
  raw: { width: img.width, height: img.height, channels: img.channels },
});

async function toRaw(p: Sharp): Promise<Raw> {
  const { data, info } = await p.raw({ depth: 'uchar' }).toBuffer({ resolveWithObject: true });
  if (info.channels !== 1 && info.channels !== 3) throw new Error(`Unexpected ${info.channels} channels`);
  return { data, width: info.width, height: info.height, channels: info.channels };
}

/**
 * Full-size 8-bit sRGB pixels as stored (not yet oriented); transparency is flattened onto white
 * so PNG cut-outs look as intended.
 */
async function decode(bytes: Buffer): Promise<Raw> {
  const img = await toRaw(
    sharp(bytes, decodeOptions).flatten({ background: '#ffffff' }).toColourspace('srgb'),
  );
  if (img.channels !== 3) throw new Error(`Expected 3 channels after decode, got ${img.channels}`);
  return img;
}

/**
 * Hash of the oriented pixels: hashing the stored pixels with the orientation that turns them is
 * the same identity without rotating 12 MP, so exact duplicates match whatever their file metadata.
 */
function pixelHashOf(img: Raw, orientation: number): string {
  return createHash('sha256')
    .update(`${img.width}x${img.height}x${img.channels}o${orientation}:`)
    .update(img.data)
    .digest('hex');
}

/** The oriented photo, downscaled so its short side is at most the crop size: all later work uses it. */
async function workingCopy(full: Raw, orientation: number): Promise<Raw> {
  const portrait = full.width <= full.height;
  const small = await toRaw(
    sharp(full.data, rawInput(full)).resize({
      ...(portrait ? { width: BASIC_QC.cropSize } : { height: BASIC_QC.cropSize }),
      withoutEnlargement: true,
    }),
  );
  return toRaw(orient(sharp(small.data, rawInput(small)), orientation));
}

async function thumbnail(img: Raw): Promise<Buffer> {
  return sharp(img.data, rawInput(img))
    .resize(BASIC_QC.thumbSize, BASIC_QC.thumbSize, { fit: 'inside', withoutEnlargement: true })
    .webp({ quality: 78 })
    .toBuffer();
}

const cropShape = { width: BASIC_QC.cropSize, height: BASIC_QC.cropSize, channels: 3 } as const;

async function analysisGrey(crop: Raw): Promise<GreyImage> {
  const n = BASIC_QC.analysisSize;
  const grey = await toRaw(sharp(crop.data, rawInput(crop)).resize(n, n).toColourspace('b-w'));
  return { data: grey.data, width: n, height: n };
}

async function measure(grey: GreyImage): Promise<{ meanLuminance: number; laplacianVariance: number }> {
  // Sharpness is measured after stretching the contrast: a dim photo has weaker edges without
  // being any less in focus.
  const normalised = await toRaw(
    sharp(grey.data, rawInput({ ...grey, channels: 1 }))
      .normalise()
      .toColourspace('b-w'),
  );
  return {
    meanLuminance: meanLuminance(grey),
    laplacianVariance: laplacianVariance({ data: normalised.data, width: grey.width, height: grey.height }),
  };
}

export async function basicCheck(bytes: Buffer, contentTypeClaimed: string): Promise<BasicCheckResult> {
  if (bytes.length > MAX_UPLOAD_BYTES) return rejected([reasons.tooLargeBytes(bytes.length)]);

  let meta: Metadata;
  try {
    // Header only, no pixels decoded: the pixel bound is checked below with a message that says so.
    meta = await sharp(bytes, { limitInputPixels: false }).metadata();
  } catch {
    // libheif parses HEIC containers it cannot decode; anything else unknown to libvips is not a photo.
    return rejected([
      heifBrand(bytes) ? reasons.unsupportedFormat('heif') : reasons.notAnImage(contentTypeClaimed),
    ]);
  }
  if (!meta.format || !DECODABLE_FORMATS.has(meta.format))
    return rejected([reasons.unsupportedFormat(meta.format ?? 'unknown')]);
  if (!meta.width || !meta.height) return rejected([reasons.decodeFailed()]);
  if (meta.width * meta.height > MAX_PHOTO_PIXELS)
    return rejected([reasons.tooManyPixels(meta.width, meta.height)]);

  let full: Raw;
  try {
    full = await decode(bytes);
  } catch {
    return rejected([meta.format === 'heif' ? reasons.unsupportedFormat('heif') : reasons.decodeFailed()]);
  }
  const orientation = meta.orientation ?? 1;
  const pixelHash = pixelHashOf(full, orientation);
  const size = swapsSides(orientation)
    ? { width: full.height, height: full.width }
    : { width: full.width, height: full.height };
  const work = await workingCopy(full, orientation);
  const thumb = await thumbnail(work);
  if (Math.min(size.width, size.height) < MIN_PHOTO_SIDE_PX) {
    return rejected([reasons.tooSmall(size.width, size.height)], { ...size, thumb, pixelHash });
  }

  const crop = await toRaw(
    sharp(work.data, rawInput(work))
      .extract(trainingCropRegion(work.width, work.height))
      .resize(BASIC_QC.cropSize, BASIC_QC.cropSize, { kernel: 'lanczos3' }),
  );
  const grey = await analysisGrey(crop);
  const measures = await measure(grey);
  const found: QcReason[] = [];
  if (measures.meanLuminance < BASIC_QC.tooDarkBelow) found.push(reasons.tooDark());
  if (measures.meanLuminance > BASIC_QC.tooBrightAbove) found.push(reasons.tooBright());
  if (measures.laplacianVariance < BASIC_QC.blurryBelow) found.push(reasons.blurry());
  if (found.length > 0) return rejected(found, { ...size, thumb, pixelHash, measures });

  const { a, b } = lightStretch(grey);
  const cropJpeg = await sharp(crop.data, rawInput(cropShape))
    .linear(a, b)
    .jpeg({ quality: BASIC_QC.cropQuality })
    .toBuffer();
  return { verdict: 'accepted', reasons: [], ...size, crop: cropJpeg, thumb, pixelHash, measures };
}
