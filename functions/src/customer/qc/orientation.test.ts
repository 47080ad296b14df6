import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { orient, swapsSides } from './orientation.js';

describe('orient', () => {
  // An image that looks different under every flip and rotation: gradients plus a corner block.
  const width = 60;
  const height = 40;
  const pixels = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 3;
      pixels[i] = x * 4;
      pixels[i + 1] = y * 6;
      pixels[i + 2] = x < 15 && y < 10 ? 255 : 0;
    }
  }
  const raw = { raw: { width, height, channels: 3 as const } };

  it.each([1, 2, 3, 4, 5, 6, 7, 8])(
    'matches libvips autoOrient for EXIF orientation %i',
    async (orientation) => {
      const file = await sharp(pixels, raw).png().withMetadata({ orientation }).toBuffer();
      const want = await sharp(file).autoOrient().raw().toBuffer({ resolveWithObject: true });
      const got = await orient(sharp(pixels, raw), orientation).raw().toBuffer({ resolveWithObject: true });
      expect([got.info.width, got.info.height]).toEqual([want.info.width, want.info.height]);
      expect(swapsSides(orientation)).toBe(want.info.width !== width);
      expect(got.data.equals(want.data)).toBe(true);
    },
  );

  it('leaves a photo without orientation as it is', async () => {
    const got = await orient(sharp(pixels, raw), undefined).raw().toBuffer();
    expect(got.equals(pixels)).toBe(true);
  });
});
