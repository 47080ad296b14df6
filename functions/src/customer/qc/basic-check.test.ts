import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { MAX_PHOTO_PIXELS, MAX_UPLOAD_BYTES, MIN_PHOTO_SIDE_PX } from '@likeness/core';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { BASIC_QC, basicCheck, trainingCropRegion } from './basic-check.js';

// Public-domain portrait (fixtures/faces/PROVENANCE.md); variants are made here, not committed.
const astronaut = readFileSync(
  fileURLToPath(new URL('../../../../fixtures/faces/astronaut.jpg', import.meta.url)),
);
const portrait = (size = 1024) => sharp(astronaut).resize(size, size);
const codes = (r: { reasons: { code: string }[] }) => r.reasons.map((x) => x.code);

describe('basicCheck', () => {
  let good: Buffer;
  beforeAll(async () => {
    good = await portrait().jpeg({ quality: 90 }).toBuffer();
  });

  it('accepts a sharp, well-exposed portrait and makes the crop and thumb', async () => {
    const r = await basicCheck(good, 'image/jpeg');
    expect(codes(r)).toEqual([]);
    expect(r.verdict).toBe('accepted');
    expect([r.width, r.height]).toEqual([1024, 1024]);
    expect(r.pixelHash).toMatch(/^[0-9a-f]{64}$/);
    const crop = await sharp(r.crop!).metadata();
    expect([crop.format, crop.width, crop.height]).toEqual(['jpeg', BASIC_QC.cropSize, BASIC_QC.cropSize]);
    const thumb = await sharp(r.thumb!).metadata();
    expect([thumb.format, thumb.width, thumb.height]).toEqual([
      'webp',
      BASIC_QC.thumbSize,
      BASIC_QC.thumbSize,
    ]);
  });

  it('rejects a dark photo with a tip', async () => {
    const r = await basicCheck(await portrait().linear(0.25, 0).jpeg().toBuffer(), 'image/jpeg');
    expect(r.verdict).toBe('rejected');
    expect(codes(r)).toEqual(['too_dark']);
    expect(r.reasons[0]!.message).toMatch(/window/);
    expect(r.crop).toBeUndefined();
    expect(r.thumb).toBeDefined();
  });

  it('rejects an overexposed photo', async () => {
    const r = await basicCheck(await portrait().linear(0.5, 200).jpeg().toBuffer(), 'image/jpeg');
    expect(codes(r)).toEqual(['too_bright']);
  });

  it('accepts a dim but usable photo (sharpness is judged after normalising)', async () => {
    const r = await basicCheck(await portrait().linear(0.6, 0).jpeg().toBuffer(), 'image/jpeg');
    expect(codes(r)).toEqual([]);
  });

  it('rejects a blurred photo', async () => {
    const r = await basicCheck(await portrait().blur(6).jpeg().toBuffer(), 'image/jpeg');
    expect(codes(r)).toEqual(['blurry']);
    expect(r.measures!.laplacianVariance).toBeLessThan(BASIC_QC.blurryBelow);
  });

  it('rejects a small photo and names its size', async () => {
    const r = await basicCheck(await portrait(300).png().toBuffer(), 'image/png');
    expect(codes(r)).toEqual(['too_small']);
    expect(r.reasons[0]!.message).toContain('300×300');
    expect(r.reasons[0]!.message).toContain(String(MIN_PHOTO_SIDE_PX));
    expect(r.thumb).toBeDefined();
  });

  it('rejects a text file named like a photo', async () => {
    const r = await basicCheck(
      Buffer.from('these are not the pixels you are looking for\n'.repeat(50)),
      'image/jpeg',
    );
    expect(codes(r)).toEqual(['not_an_image']);
    expect(r.thumb).toBeUndefined();
  });

  it('rejects an HEIC photo with a tip to export as JPEG', async () => {
    // An AVIF whose brand and item type say HEVC: what sharp's prebuilt libheif sees in an iPhone
    // photo (a container it can parse, a codec it cannot decode).
    const heic = Buffer.from(await portrait().avif({ quality: 40 }).toBuffer());
    for (const [from, to] of [
      ['avif', 'heic'],
      ['av01', 'hvc1'],
    ] as const) {
      for (let i = heic.indexOf(from, 0, 'latin1'); i >= 0; i = heic.indexOf(from, i + 4, 'latin1'))
        heic.write(to, i, 'latin1');
    }
    const r = await basicCheck(heic, 'image/heic');
    expect(codes(r)).toEqual(['unsupported_format']);
    expect(r.reasons[0]!.message).toMatch(/JPEG/);
  });

  it('refuses formats other than JPEG, PNG, WebP and HEIF', async () => {
    const r = await basicCheck(await portrait().gif().toBuffer(), 'image/jpeg');
    expect(codes(r)).toEqual(['unsupported_format']);
  });

  it('refuses a decompression bomb from its header, before decoding', async () => {
    const side = Math.ceil(Math.sqrt(MAX_PHOTO_PIXELS)) + 1;
    const bomb = await sharp({ create: { width: side, height: side, channels: 3, background: '#808080' } })
      .png({ compressionLevel: 9 })
      .toBuffer();
    expect(bomb.length).toBeLessThan(1024 * 1024);
    const r = await basicCheck(bomb, 'image/png');
    expect(codes(r)).toEqual(['too_large']);
  });

  it('refuses an oversized file without looking at it', async () => {
    const r = await basicCheck(Buffer.alloc(MAX_UPLOAD_BYTES + 1), 'image/jpeg');
    expect(codes(r)).toEqual(['too_large']);
  });

  it('rejects a truncated file as damaged', async () => {
    const r = await basicCheck(good.subarray(0, Math.floor(good.length * 0.6)), 'image/jpeg');
    expect(codes(r)).toEqual(['decode_failed']);
  });

  it('applies EXIF orientation: a photo stored sideways is judged upright', async () => {
    const tall = await sharp(astronaut).resize(600, 800).jpeg().toBuffer();
    // Stored sideways with orientation 6 (rotate 90° clockwise to display), as phones do.
    const sideways = await sharp(tall).rotate(-90).withMetadata({ orientation: 6 }).jpeg().toBuffer();
    expect((await sharp(sideways).metadata()).width).toBe(800);
    const [a, b] = await Promise.all([basicCheck(tall, 'image/jpeg'), basicCheck(sideways, 'image/jpeg')]);
    expect([b.width, b.height]).toEqual([600, 800]);
    expect([a.width, a.height]).toEqual([600, 800]);
  });

  it('gives byte-identical pixels the same hash and different photos different ones', async () => {
    const png = await portrait().png().toBuffer();
    const [a, b, c] = await Promise.all([
      basicCheck(png, 'image/png'),
      basicCheck(Buffer.from(png), 'image/png'),
      basicCheck(await portrait().flop().png().toBuffer(), 'image/png'),
    ]);
    expect(a.pixelHash).toBe(b.pixelHash);
    expect(a.pixelHash).not.toBe(c.pixelHash);
  });
});

describe('trainingCropRegion', () => {
  it('takes the full width of a portrait photo, biased to the upper part', () => {
    expect(trainingCropRegion(3000, 4000)).toEqual({ left: 0, top: 300, width: 3000, height: 3000 });
  });
  it('centres a landscape photo', () => {
    expect(trainingCropRegion(4000, 3000)).toEqual({ left: 500, top: 0, width: 3000, height: 3000 });
  });
});
