import { describe, expect, it } from 'vitest';
import { laplacianVariance, lightStretch, meanLuminance, percentile } from './image-measures.js';

const grey = (width: number, height: number, at: (x: number, y: number) => number) => {
  const data = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) data[y * width + x] = at(x, y);
  return { data, width, height };
};

describe('meanLuminance', () => {
  it('averages the pixels', () => {
    expect(meanLuminance(grey(4, 4, () => 200))).toBe(200);
    expect(meanLuminance(grey(4, 4, (x) => (x < 2 ? 0 : 100)))).toBe(50);
  });

  it('refuses a buffer that does not match its size', () => {
    expect(() => meanLuminance({ data: new Uint8Array(10), width: 4, height: 4 })).toThrow(/needs 16 bytes/);
  });
});

describe('laplacianVariance', () => {
  it('is zero on a flat image and on a linear ramp (no edges)', () => {
    expect(laplacianVariance(grey(16, 16, () => 90))).toBe(0);
    expect(laplacianVariance(grey(16, 16, (x) => x * 10))).toBe(0);
  });

  it('is large on a checkerboard and shrinks as the edges soften', () => {
    const hard = laplacianVariance(grey(32, 32, (x, y) => ((x + y) % 2 ? 255 : 0)));
    const soft = laplacianVariance(grey(32, 32, (x, y) => ((x + y) % 2 ? 140 : 115)));
    expect(hard).toBeGreaterThan(100_000);
    expect(soft).toBeGreaterThan(0);
    expect(soft).toBeLessThan(hard / 50);
  });
});

describe('percentile and lightStretch', () => {
  const ramp = grey(256, 4, (x) => x);

  it('finds percentiles of the histogram', () => {
    expect(percentile(ramp, 0)).toBe(0);
    expect(percentile(ramp, 0.5)).toBe(127);
    expect(percentile(ramp, 1)).toBe(255);
  });

  it('leaves a full-range image alone', () => {
    const { a, b } = lightStretch(ramp);
    expect(a).toBeCloseTo(1, 1);
    expect(Math.abs(b)).toBeLessThan(2);
  });

  it('stretches a flat-contrast image, capped and centred', () => {
    const dull = grey(100, 10, (x) => 100 + (x % 50));
    const { a, b } = lightStretch(dull);
    expect(a).toBe(1.5);
    const lo = a * 100 + b;
    const hi = a * 149 + b;
    expect(lo).toBeGreaterThan(0);
    expect(hi).toBeLessThan(255);
    expect(Math.abs((lo + hi) / 2 - 127.5)).toBeLessThan(1);
  });
});
