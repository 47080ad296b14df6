import { describe, expect, it } from 'vitest';
import { CROP_FORMATS, CROP_SPECS, cropFor, DownloadFormat, type CropFormat, type FaceBox } from './crops.js';

interface Case {
  name: string;
  image: { width: number; height: number };
  face: FaceBox;
}

/** Faces as the detector boxes them (brows to chin, about as wide as tall), at the edges and centre. */
const CASES: Case[] = [
  { name: 'centred, portrait image', image: { width: 832, height: 1216 }, face: box(0.38, 0.22, 0.24, 0.2) },
  { name: 'far left', image: { width: 1024, height: 1280 }, face: box(0.02, 0.3, 0.2, 0.17) },
  { name: 'far right', image: { width: 1024, height: 1280 }, face: box(0.79, 0.35, 0.2, 0.16) },
  { name: 'at the top edge', image: { width: 1024, height: 1024 }, face: box(0.4, 0, 0.22, 0.2) },
  { name: 'at the bottom', image: { width: 1024, height: 1280 }, face: box(0.45, 0.8, 0.2, 0.19) },
  { name: 'bottom right corner', image: { width: 900, height: 900 }, face: box(0.85, 0.86, 0.15, 0.14) },
  { name: 'tiny', image: { width: 2048, height: 2560 }, face: box(0.7, 0.15, 0.02, 0.02) },
  { name: 'huge, filling a portrait', image: { width: 800, height: 1000 }, face: box(0.05, 0.1, 0.9, 0.75) },
  { name: 'huge, filling a landscape', image: { width: 1600, height: 900 }, face: box(0.3, 0.02, 0.5, 0.96) },
  {
    name: 'off-centre in a landscape',
    image: { width: 1920, height: 1080 },
    face: box(0.08, 0.4, 0.1, 0.18),
  },
  { name: 'very wide image', image: { width: 4000, height: 600 }, face: box(0.9, 0.3, 0.05, 0.33) },
  { name: 'very tall image', image: { width: 500, height: 2000 }, face: box(0.3, 0.7, 0.4, 0.1) },
];

function box(x: number, y: number, w: number, h: number): FaceBox {
  return { x, y, w, h };
}

function facePixels({ image, face }: Case) {
  return {
    left: face.x * image.width,
    top: face.y * image.height,
    right: (face.x + face.w) * image.width,
    bottom: (face.y + face.h) * image.height,
  };
}

/** Whether the face fits the largest crop of the format's shape at all. */
function fitsLargest(c: Case, format: CropFormat): boolean {
  const f = facePixels(c);
  const { aspect } = CROP_SPECS[format];
  const height = format === 'banner' ? c.image.height : Math.min(c.image.height, c.image.width / aspect);
  const width = format === 'banner' ? c.image.width : height * aspect;
  return f.right - f.left <= width && f.bottom - f.top <= height;
}

function expectInteger(...values: number[]) {
  for (const v of values) expect(Number.isInteger(v), `${v} is a whole pixel`).toBe(true);
}

describe('cropFor', () => {
  for (const c of CASES) {
    for (const format of CROP_FORMATS) {
      it(`${format}: ${c.name} — inside the image, the face inside the crop, the shape exact`, () => {
        const { rect, output, padded } = cropFor(format, c.image, c.face);
        expectInteger(rect.left, rect.top, rect.width, rect.height);
        expect(rect.left).toBeGreaterThanOrEqual(0);
        expect(rect.top).toBeGreaterThanOrEqual(0);
        expect(rect.left + rect.width).toBeLessThanOrEqual(c.image.width);
        expect(rect.top + rect.height).toBeLessThanOrEqual(c.image.height);

        const f = facePixels(c);
        const { aspect } = CROP_SPECS[format];
        if (fitsLargest(c, format)) {
          expect(rect.left).toBeLessThanOrEqual(f.left);
          expect(rect.top).toBeLessThanOrEqual(f.top);
          expect(rect.left + rect.width).toBeGreaterThanOrEqual(f.right);
          expect(rect.top + rect.height).toBeGreaterThanOrEqual(f.bottom);
        } else {
          // No crop of this shape holds the face: the largest one, over the face's middle.
          expect(Math.max(rect.width, Math.round(rect.height * aspect))).toBe(
            Math.min(c.image.width, Math.round(c.image.height * aspect)),
          );
          expect(rect.left).toBeLessThanOrEqual((f.left + f.right) / 2);
          expect(rect.left + rect.width).toBeGreaterThanOrEqual((f.left + f.right) / 2);
        }

        if (format === 'banner') {
          expect(output).toEqual({ width: 1584, height: 396 });
          // A strip narrower than 4:1 only where the image has no more width to give.
          if (padded) expect(rect.width).toBe(c.image.width);
          else expect(Math.abs(rect.width - rect.height * aspect)).toBeLessThanOrEqual(1);
          expect(rect.width).toBeLessThanOrEqual(rect.height * aspect + 1);
        } else {
          expect(padded).toBe(false);
          expect(output).toEqual({ width: rect.width, height: rect.height });
          expect(Math.abs(rect.width - rect.height * aspect)).toBeLessThanOrEqual(1);
        }
      });
    }
  }

  it('centres square and portrait crops on the face, not on the image', () => {
    const c = CASES.find((x) => x.name === 'far right')!;
    for (const format of ['square', 'portrait'] as const) {
      const { rect } = cropFor(format, c.image, c.face);
      const f = facePixels(c);
      const faceCentre = (f.left + f.right) / 2;
      const cropCentre = rect.left + rect.width / 2;
      // Pushed as far right as the image allows, which leaves the face right of the crop's centre.
      expect(rect.left + rect.width).toBe(c.image.width);
      expect(cropCentre).toBeGreaterThan(c.image.width / 2);
      expect(faceCentre).toBeGreaterThanOrEqual(cropCentre);
    }
    const centred = CASES[0]!;
    const { rect } = cropFor('square', centred.image, centred.face);
    const f = facePixels(centred);
    expect(Math.abs(rect.left + rect.width / 2 - (f.left + f.right) / 2)).toBeLessThanOrEqual(1);
  });

  it('frames head and shoulders: the face a fair share of the height, its middle in the upper half', () => {
    const c = CASES[0]!;
    for (const format of ['square', 'portrait'] as const) {
      const { rect } = cropFor(format, c.image, c.face);
      const f = facePixels(c);
      const share = (f.bottom - f.top) / rect.height;
      expect(share).toBeGreaterThan(CROP_SPECS[format].faceShare - 0.02);
      expect(share).toBeLessThanOrEqual(CROP_SPECS[format].faceShare + 0.001);
      const middle = ((f.top + f.bottom) / 2 - rect.top) / rect.height;
      expect(middle).toBeGreaterThan(0.3);
      expect(middle).toBeLessThan(0.5);
    }
  });

  it('holds the face in every case where the shape can, and only the 4:5 of a face filling a landscape cannot', () => {
    const misfits = CASES.flatMap((c) =>
      CROP_FORMATS.filter((f) => !fitsLargest(c, f)).map((f) => `${f}: ${c.name}`),
    );
    expect(misfits).toEqual(['portrait: huge, filling a landscape']);
  });

  it('keeps a tiny face from making a tiny crop, and takes the whole width for a huge face', () => {
    const tiny = CASES.find((x) => x.name === 'tiny')!;
    expect(cropFor('square', tiny.image, tiny.face).rect.width).toBe(1024); // half of the 2048 square
    const huge = CASES.find((x) => x.name === 'huge, filling a portrait')!;
    expect(cropFor('square', huge.image, huge.face).rect).toEqual({
      left: 0,
      top: 100,
      width: 800,
      height: 800,
    });
  });

  it('makes the banner the full-width 4:1 strip when the face fits it, and pads it when not', () => {
    const wide = CASES.find((x) => x.name === 'off-centre in a landscape')!;
    const strip = cropFor('banner', wide.image, wide.face);
    expect(strip.padded).toBe(false);
    expect(strip.rect).toMatchObject({ left: 0, width: 1920, height: 480 });

    // A typical portrait headshot: a full-width 4:1 strip (832 × 208) would cut the 243 px face.
    const portrait = CASES[0]!;
    const padded = cropFor('banner', portrait.image, portrait.face);
    expect(padded.padded).toBe(true);
    expect(padded.rect.width).toBe(832);
    expect(padded.rect.height).toBe(Math.ceil((0.2 * 1216) / CROP_SPECS.banner.faceShare));
  });

  it('falls back to the centred crop without a face', () => {
    const image = { width: 1000, height: 1500 };
    expect(cropFor('square', image).rect).toEqual({ left: 0, top: 250, width: 1000, height: 1000 });
    expect(cropFor('portrait', image).rect).toEqual({ left: 0, top: 125, width: 1000, height: 1250 });
    expect(cropFor('banner', image)).toEqual({
      rect: { left: 0, top: 625, width: 1000, height: 250 },
      output: { width: 1584, height: 396 },
      padded: false,
    });
    expect(cropFor('banner', { width: 5000, height: 1000 }).rect).toEqual({
      left: 500,
      top: 0,
      width: 4000,
      height: 1000,
    });
  });

  it('refuses an image without a size and names a bad format in words', () => {
    expect(() => cropFor('square', { width: 0, height: 10 })).toThrow(/no size/);
    const bad = DownloadFormat.safeParse('story' as CropFormat);
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.message).toMatch(/original, square, portrait or banner/);
  });
});
