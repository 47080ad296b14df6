import { describe, expect, it } from 'vitest';
import type { QcReasonCode } from '@likeness/core';
import { decodePhoto } from './decode.js';
import { sniffImage } from './sniff.js';
import { hostile, pngWithClaimedSize, variants } from './testing/face-fixtures.js';

/** Non-images, broken images and decompression bombs: each gets a reason, none a crash. */
const TABLE: { name: keyof typeof hostile; code: QcReasonCode; mentions?: RegExp }[] = [
  { name: 'text', code: 'not_an_image' },
  { name: 'pdf', code: 'not_an_image' },
  { name: 'empty', code: 'not_an_image' },
  { name: 'gif', code: 'unsupported_format', mentions: /GIF/ },
  { name: 'tiff', code: 'unsupported_format', mentions: /TIFF/ },
  { name: 'svg', code: 'unsupported_format', mentions: /SVG/ },
  { name: 'truncatedJpeg', code: 'decode_failed' },
  { name: 'truncatedHeic', code: 'decode_failed' },
  { name: 'fakeHeic', code: 'decode_failed' },
  { name: 'lyingPngBomb', code: 'too_large', mentions: /megapixels/ },
  { name: 'honestPngBomb', code: 'too_large', mentions: /megapixels/ },
  { name: 'oversizedBytes', code: 'too_large', mentions: /MB/ },
];

describe('hostile input', () => {
  it.each(TABLE)('$name → $code', async ({ name, code, mentions }) => {
    const outcome = await decodePhoto(await hostile[name]());
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.reason.code).toBe(code);
    if (mentions) expect(outcome.reason.message).toMatch(mentions);
  });

  it('refuses a 400-megapixel bomb from its header, without decoding it', async () => {
    const bomb = await hostile.honestPngBomb();
    expect(bomb.length).toBeLessThan(2 * 1024 * 1024);
    const rssBefore = process.memoryUsage().rss;
    const started = performance.now();
    const outcome = await decodePhoto(bomb);
    expect(outcome.ok).toBe(false);
    expect(performance.now() - started).toBeLessThan(1000);
    // Decoding it would take 400 MB.
    expect(process.memoryUsage().rss - rssBefore).toBeLessThan(100 * 1024 * 1024);
  });

  it('checks the byte count before reading anything else', async () => {
    // A valid JPEG start followed by 26 MB: refused for size, although the image itself is fine.
    const outcome = await decodePhoto(await hostile.oversizedBytes());
    expect(outcome).toMatchObject({ ok: false, reason: { code: 'too_large' } });
  });

  it('accepts a photo exactly at the pixel limit in the header and refuses one pixel row more', async () => {
    // 50 MP limit: 10 000 × 5 000 passes the header check (then fails to decode: it has no pixel data),
    // 10 000 × 5 001 is refused as too large before any decoding.
    const atLimit = await decodePhoto(pngWithClaimedSize(10_000, 5_000));
    expect(atLimit).toMatchObject({ ok: false, reason: { code: 'decode_failed' } });
    const over = await decodePhoto(pngWithClaimedSize(10_000, 5_001));
    expect(over).toMatchObject({ ok: false, reason: { code: 'too_large' } });
  });

  it('decodes HEIC from an iPhone-style file to the same pixels size as the JPEG it came from', async () => {
    const [heic, jpeg] = await Promise.all([
      decodePhoto(await variants.heic()),
      decodePhoto(await variants.astronaut()),
    ]);
    expect(heic).toMatchObject({ ok: true, photo: { format: 'heic', width: 512, height: 512 } });
    expect(jpeg).toMatchObject({ ok: true, photo: { format: 'jpeg', width: 512, height: 512 } });
    if (!heic.ok || !jpeg.ok) return;
    // Same picture: mean absolute difference of a few levels (HEVC vs JPEG artefacts only).
    let diff = 0;
    for (let i = 0; i < heic.photo.working.data.length; i++)
      diff += Math.abs(heic.photo.working.data[i]! - jpeg.photo.working.data[i]!);
    expect(diff / heic.photo.working.data.length).toBeLessThan(6);
  });

  it('caps the working copy of a 24 MP photo at 4096 px and reports the original size', async () => {
    const outcome = await decodePhoto(await variants.large());
    expect(outcome).toMatchObject({ ok: true, photo: { width: 6000, height: 4000 } });
    if (!outcome.ok) return;
    expect([outcome.photo.working.width, outcome.photo.working.height]).toEqual([4096, 2731]);
    expect(outcome.photo.scale).toBeCloseTo(6000 / 4096, 3);
  });
});

describe('content sniffing', () => {
  it('recognises each format by its bytes, whatever the name', () => {
    expect(sniffImage(Buffer.from([0xff, 0xd8, 0xff, 0xe0]))).toEqual({ kind: 'decodable', format: 'jpeg' });
    expect(sniffImage(Buffer.from('RIFF\0\0\0\0WEBPVP8 ', 'latin1'))).toEqual({
      kind: 'decodable',
      format: 'webp',
    });
    expect(sniffImage(Buffer.from('\0\0\0\x1cftypheic\0\0\0\0mif1heicmiaf', 'latin1'))).toEqual({
      kind: 'decodable',
      format: 'heif',
    });
    expect(sniffImage(Buffer.from('\0\0\0\x1cftypavif\0\0\0\0avifmif1miaf', 'latin1'))).toEqual({
      kind: 'decodable',
      format: 'heif',
    });
    // An iPhone video is ISO-BMFF too, but not a still image.
    expect(sniffImage(Buffer.from('\0\0\0\x14ftypqt  \0\0\0\0qt  ', 'latin1'))).toEqual({
      kind: 'unsupported',
      name: 'Video',
    });
    expect(sniffImage(Buffer.from('GIF89a', 'latin1'))).toEqual({ kind: 'unsupported', name: 'GIF' });
    expect(sniffImage(Buffer.from('<html><body>hi</body></html>'))).toEqual({ kind: 'unknown' });
  });
});
