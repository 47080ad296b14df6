import { SHARPNESS_LIMITS } from '@likeness/selfie-qc/thresholds';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { greyFromRgba, laplacianStdev, lumaStats, measureFace, stretchContrast } from './face-measures';

const astronaut = new URL('../../../../../../../../fixtures/faces/astronaut.jpg', import.meta.url).pathname;
const side = SHARPNESS_LIMITS.sizePx;
// The astronaut's face in the 512 px portrait, roughly its landmark box.
const FACE = { left: 180, top: 60, width: 130, height: 170 };

async function faceSquare(blurSigma?: number) {
  let img = sharp(astronaut).extract(FACE);
  if (blurSigma) img = img.blur(blurSigma);
  const rgb = await img.resize(side, side, { fit: 'fill' }).toBuffer();
  const rgba = await sharp(rgb).ensureAlpha().raw().toBuffer();
  const grey = await sharp(rgb).greyscale().raw().toBuffer();
  return { rgba: new Uint8Array(rgba), grey: new Uint8Array(grey) };
}

/** What the server computes (packages/selfie-qc measureRegion) on the same square. */
async function serverSharpness(grey: Uint8Array) {
  const raw = { raw: { width: side, height: side, channels: 1 as const } };
  const normalised = await sharp(grey, raw).normalise({ lower: 1, upper: 99 }).greyscale().raw().toBuffer();
  return (await sharp(normalised, raw).stats()).sharpness;
}

describe('face measures agree with the server QC', () => {
  it('turns RGBA into the same luma as libvips', async () => {
    const { rgba, grey } = await faceSquare();
    const mine = greyFromRgba(rgba);
    let worst = 0;
    for (let i = 0; i < grey.length; i++) worst = Math.max(worst, Math.abs(mine[i]! - grey[i]!));
    expect(worst).toBeLessThanOrEqual(2);
  });

  it('measures the sharpness libvips measures, sharp or blurred', async () => {
    for (const sigma of [undefined, 0.8, 1.5, 4]) {
      const { grey } = await faceSquare(sigma);
      const mine = laplacianStdev(stretchContrast(grey), side, side);
      const theirs = await serverSharpness(grey);
      expect(Math.abs(mine - theirs) / theirs).toBeLessThan(0.05);
    }
  });

  it('reads the sharp face as sharp and a blurred one as blurred by the QC limit', async () => {
    const sharpFace = measureFace((await faceSquare()).rgba);
    const blurred = measureFace((await faceSquare(4)).rgba);
    expect(sharpFace.sharpness).toBeGreaterThan(SHARPNESS_LIMITS.minLaplacianStdev);
    expect(blurred.sharpness).toBeLessThan(SHARPNESS_LIMITS.minLaplacianStdev);
  });

  it('finds percentiles and clipping of the luma', () => {
    const grey = Uint8Array.from({ length: 100 }, (_, i) => (i < 30 ? 255 : i));
    const stats = lumaStats(grey);
    expect(stats.clippedShare).toBeCloseTo(0.3);
    expect(stats.p95).toBe(255);
    expect(stats.p50).toBe(79);
  });

  it('refuses a square of the wrong size', () => {
    expect(() => measureFace(new Uint8Array(16))).toThrow(/128/);
  });
});
