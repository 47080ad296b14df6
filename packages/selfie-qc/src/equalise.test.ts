import { describe, expect, it } from 'vitest';
import { equaliseLuma } from './equalise.js';

/** A 64 × 64 image whose luma spans only 100–140: flat, dim light. */
function flatImage() {
  const width = 64;
  const height = 64;
  const data = Buffer.alloc(width * height * 3);
  for (let p = 0; p < width * height; p++) {
    const y = 100 + Math.floor((p / (width * height)) * 40);
    data.set([y + 10, y, y - 10], p * 3);
  }
  return { data, width, height };
}
const range = (data: Buffer) => {
  let min = 255;
  let max = 0;
  for (let i = 1; i < data.length; i += 3) {
    min = Math.min(min, data[i]!);
    max = Math.max(max, data[i]!);
  }
  return max - min;
};

describe('equaliseLuma', () => {
  it('widens a flat histogram, more with more strength', () => {
    const light = flatImage();
    const full = flatImage();
    const before = range(light.data);
    equaliseLuma(light, 0.3);
    equaliseLuma(full, 1);
    expect(range(light.data)).toBeGreaterThan(before);
    expect(range(full.data)).toBeGreaterThan(range(light.data));
  });

  it('keeps colour ratios: a warm pixel stays warm', () => {
    const image = flatImage();
    equaliseLuma(image, 0.3);
    for (let p = 0; p < image.width * image.height; p += 97) {
      const [r, g, b] = [image.data[p * 3]!, image.data[p * 3 + 1]!, image.data[p * 3 + 2]!];
      expect(r).toBeGreaterThan(g);
      expect(g).toBeGreaterThan(b);
    }
  });

  it('leaves the image alone at strength 0', () => {
    const image = flatImage();
    const copy = Buffer.from(image.data);
    equaliseLuma(image, 0);
    expect(image.data.equals(copy)).toBe(true);
  });
});
