import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { clampRect, lineAngleDeg, rotateVector, rotatedSize } from './geometry.js';

describe('geometry', () => {
  it("maps a point the way sharp's rotate() moves the pixel", async () => {
    // A white dot right of centre on a 201 × 101 black image, turned 30° clockwise by sharp.
    const width = 201;
    const height = 101;
    const pixels = Buffer.alloc(width * height);
    const dot = [160, 50] as const;
    for (let y = dot[1] - 1; y <= dot[1] + 1; y++)
      for (let x = dot[0] - 1; x <= dot[0] + 1; x++) pixels[y * width + x] = 255;
    const { data, info } = await sharp(pixels, { raw: { width, height, channels: 1 } })
      .rotate(30, { background: '#000' })
      .greyscale()
      .raw()
      .toBuffer({ resolveWithObject: true });
    let best = 0;
    let at: [number, number] = [0, 0];
    for (let y = 0; y < info.height; y++) {
      for (let x = 0; x < info.width; x++) {
        const v = data[(y * info.width + x) * info.channels]!;
        if (v > best) [best, at] = [v, [x, y]];
      }
    }
    const size = rotatedSize(width, height, 30);
    expect(info.width).toBeCloseTo(size.width, -1);
    const moved = rotateVector([dot[0] - width / 2, dot[1] - height / 2], 30);
    expect(at[0]).toBeCloseTo(info.width / 2 + moved[0], -1);
    expect(at[1]).toBeCloseTo(info.height / 2 + moved[1], -1);
  });

  it('measures the eye line: positive when it runs down to the right', () => {
    expect(lineAngleDeg([0, 0], [10, 0])).toBe(0);
    expect(lineAngleDeg([0, 0], [10, 10])).toBeCloseTo(45);
    expect(lineAngleDeg([0, 0], [0, -10])).toBeCloseTo(-90);
  });

  it('clamps rectangles to the image and drops empty ones', () => {
    expect(clampRect({ left: -5, top: 10, width: 20, height: 500 }, 100, 100)).toEqual({
      left: 0,
      top: 10,
      width: 15,
      height: 90,
    });
    expect(clampRect({ left: 120, top: 0, width: 10, height: 10 }, 100, 100)).toBeNull();
  });
});
