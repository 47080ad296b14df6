import sharp, { type Metadata, type Sharp } from 'sharp';
import heicDecode from 'heic-decode';
import type { QcReason } from '@likeness/core';
import { qcReason } from './reasons.js';
import { sniffImage } from './sniff.js';
import { QC_LIMITS } from './thresholds.js';

export type PhotoFormat = 'jpeg' | 'png' | 'webp' | 'heic' | 'avif';

/** 8-bit sRGB pixels, 3 channels, rows top to bottom, upright (orientation applied). */
export interface RgbImage {
  data: Buffer;
  width: number;
  height: number;
}

export interface DecodedPhoto {
  format: PhotoFormat;
  /** Upright size of the original, before any downscaling. */
  width: number;
  height: number;
  /** The working copy every analysis reads: the original, scaled down to QC_LIMITS.workingMaxSidePx at most. */
  working: RgbImage;
  /** Original pixels per working pixel (≥ 1). */
  scale: number;
}

export type DecodeOutcome = { ok: true; photo: DecodedPhoto } | { ok: false; reason: QcReason };

const fail = (reason: QcReason): DecodeOutcome => ({ ok: false, reason });

/** Orientations 5–8 swap width and height. */
const uprightSize = (width: number, height: number, orientation: number | undefined) =>
  orientation !== undefined && orientation >= 5 ? { width: height, height: width } : { width, height };

/**
 * Bytes to upright sRGB pixels, refusing anything unsafe before a pixel is decoded: the byte count
 * first, then the content type from the bytes, then the pixel count from the header, and only then
 * the decoder, which still carries its own pixel limit in case a header lied.
 */
export async function decodePhoto(bytes: Uint8Array): Promise<DecodeOutcome> {
  if (bytes.length > QC_LIMITS.maxBytes) return fail(qcReason('too_large', { bytes: bytes.length }));
  const sniffed = sniffImage(bytes);
  if (sniffed.kind === 'unknown') return fail(qcReason('not_an_image'));
  if (sniffed.kind === 'unsupported') return fail(qcReason('unsupported_format', { format: sniffed.name }));

  let meta: Metadata;
  try {
    // Header only: libvips reads dimensions without decoding pixels.
    meta = await sharp(bytes, { limitInputPixels: false }).metadata();
  } catch {
    return fail(qcReason('decode_failed'));
  }
  if (!meta.width || !meta.height) return fail(qcReason('decode_failed'));
  if (meta.width * meta.height > QC_LIMITS.maxPixels) {
    return fail(qcReason('too_large', { width: meta.width, height: meta.height }));
  }
  const upright = uprightSize(
    meta.width,
    meta.height,
    sniffed.format === 'heif' ? undefined : meta.orientation,
  );
  if (Math.min(upright.width, upright.height) < QC_LIMITS.minSidePx) {
    return fail(qcReason('too_small', upright));
  }

  const format: PhotoFormat =
    sniffed.format === 'heif' ? (meta.compression === 'av1' ? 'avif' : 'heic') : sniffed.format;
  try {
    // libheif applies the container's rotations itself, so HEIC reports its size after decoding.
    const { image, original } =
      format === 'heic' ? await decodeHeic(bytes) : await decodeWithSharp(bytes, upright);
    return { ok: true, photo: { format, ...original, working: image, scale: original.width / image.width } };
  } catch {
    return fail(qcReason('decode_failed'));
  }
}

function toWorking(pipeline: Sharp): Promise<RgbImage> {
  const side = QC_LIMITS.workingMaxSidePx;
  return pipeline
    .flatten({ background: '#ffffff' })
    .toColourspace('srgb')
    .resize(side, side, { fit: 'inside', withoutEnlargement: true })
    .raw()
    .toBuffer({ resolveWithObject: true })
    .then(({ data, info }) => {
      if (info.channels !== 3) throw new Error(`expected 3 channels, got ${info.channels}`);
      return { data, width: info.width, height: info.height };
    });
}

interface Decoded {
  image: RgbImage;
  original: { width: number; height: number };
}

async function decodeWithSharp(bytes: Uint8Array, original: Decoded['original']): Promise<Decoded> {
  // failOn 'error': truncated or corrupt data is refused; mere warnings, common in phone JPEGs, are not.
  const pipeline = sharp(bytes, { limitInputPixels: QC_LIMITS.maxPixels, failOn: 'error' }).autoOrient();
  return { image: await toWorking(pipeline), original };
}

/**
 * The prebuilt libvips in sharp has no HEVC decoder (patents), so HEIC goes through libheif compiled
 * to wasm. libheif applies the container's rotation and mirroring itself, which is how iPhones store
 * orientation; the EXIF copy of it is informational and must not be applied a second time.
 */
async function decodeHeic(bytes: Uint8Array): Promise<Decoded> {
  const images = await heicDecode.all({ buffer: bytes });
  try {
    const primary = images[0];
    if (!primary) throw new Error('HEIF file has no image');
    if (primary.width * primary.height > QC_LIMITS.maxPixels)
      throw new Error('HEIF image over the pixel limit');
    const { width, height, data } = await primary.decode();
    const rgba = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
    const image = await toWorking(sharp(rgba, { raw: { width, height, channels: 4 } }));
    return { image, original: { width, height } };
  } finally {
    images.dispose();
  }
}
