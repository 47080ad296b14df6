import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { describeAndThumb, imageKind, isBlockedOutput, THUMB_PX } from './images.js';

describe('imageKind', () => {
  it('prefers the response content type', () => {
    expect(imageKind('http://x/out-0', 'image/webp')).toEqual({ contentType: 'image/webp', ext: 'webp' });
    expect(imageKind('http://x/out-0.png', 'image/jpeg; charset=binary')).toEqual({
      contentType: 'image/jpeg',
      ext: 'jpg',
    });
  });
  it('falls back to the URL extension and refuses what is not an image', () => {
    expect(imageKind('http://x/out-0.png', 'application/octet-stream')).toEqual({
      contentType: 'image/png',
      ext: 'png',
    });
    expect(() => imageKind('http://x/out-0', 'text/html')).toThrow(/not a supported image/);
  });
});

describe('isBlockedOutput', () => {
  it("knows the predictor's name for an image its safety check replaced, and only that", () => {
    expect(isBlockedOutput('https://replicate.delivery/xezq/abc/blocked-1.webp')).toBe(true);
    expect(isBlockedOutput('http://127.0.0.1:4140/files/p1/blocked-0.png?x=1')).toBe(true);
    expect(isBlockedOutput('https://replicate.delivery/xezq/abc/out-1.webp')).toBe(false);
    expect(isBlockedOutput('https://replicate.delivery/blocked-1/out-0.webp')).toBe(false);
  });
});

describe('describeAndThumb', () => {
  it('reads the size and makes a webp thumbnail with a 384 px long side', async () => {
    const png = await sharp({ create: { width: 832, height: 1040, channels: 3, background: '#808080' } })
      .png()
      .toBuffer();
    const { width, height, thumb } = await describeAndThumb(png);
    expect([width, height]).toEqual([832, 1040]);
    const meta = await sharp(thumb).metadata();
    expect(meta.format).toBe('webp');
    expect(meta.height).toBe(THUMB_PX);
    expect(meta.width).toBe(Math.round((832 * THUMB_PX) / 1040));
  });
  it('refuses bytes that are not an image', async () => {
    await expect(describeAndThumb(Buffer.from('<html>expired</html>'))).rejects.toThrow();
  });
});
