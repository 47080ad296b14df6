import sharp from 'sharp';
import type { RgbImage } from './decode.js';
import type { FaceObservation } from './face-detect.js';
import { equaliseLuma } from './equalise.js';
import { clampRect, type Point, rotateVector } from './geometry.js';
import { CROP } from './thresholds.js';

const rgb = (image: RgbImage) => ({
  raw: { width: image.width, height: image.height, channels: 3 as const },
});
const GREY = { r: 128, g: 128, b: 128 };

export interface CropPlan {
  /** Centre of the crop in the working image. */
  centre: Point;
  /** Side of the (levelled) crop square in working pixels. */
  side: number;
  /** Degrees sharp turns the region by to level the eyes. */
  turn: number;
}

/**
 * Head and shoulders, eyes level: a square of CROP.spanRatio face spans, centred a little below the
 * face along the face's own vertical axis. Near the frame edge the square moves inward rather than
 * shrinking the face's margin on one side only; when the photo is too small for it, the square
 * shrinks, and only past that are the edges padded.
 */
export function planCrop(image: RgbImage, face: FaceObservation): CropPlan {
  const turn = Math.abs(face.rollDeg) < 1 ? 0 : -face.rollDeg;
  const down = rotateVector([0, 1], face.rollDeg);
  const drop = CROP.centreDrop * face.span;
  const wanted: Point = [face.centre[0] + down[0] * drop, face.centre[1] + down[1] * drop];
  const r = (Math.abs(turn) * Math.PI) / 180;
  const spread = Math.abs(Math.cos(r)) + Math.abs(Math.sin(r));
  const fitSide = Math.min(image.width, image.height) / spread;
  const side = Math.max(Math.min(CROP.spanRatio * face.span, fitSide), 1.3 * face.span);
  const half = (side * spread) / 2;
  const inward = (v: number, limit: number) =>
    2 * half <= limit ? Math.min(Math.max(v, half), limit - half) : limit / 2;
  return { centre: [inward(wanted[0], image.width), inward(wanted[1], image.height)], side, turn };
}

/** The training input: a CROP.sizePx square JPEG, levelled and lightly equalised. The original is not touched. */
export async function makeTrainingCrop(image: RgbImage, face: FaceObservation): Promise<Buffer> {
  const plan = planCrop(image, face);
  const r = (Math.abs(plan.turn) * Math.PI) / 180;
  const regionSide = Math.ceil(plan.side * (Math.abs(Math.cos(r)) + Math.abs(Math.sin(r)))) + 2;
  const wanted = {
    left: Math.round(plan.centre[0] - regionSide / 2),
    top: Math.round(plan.centre[1] - regionSide / 2),
    width: regionSide,
    height: regionSide,
  };
  const inside = clampRect(wanted, image.width, image.height);
  if (!inside) throw new Error('crop region lies outside the photo');

  // sharp runs some operations in a fixed order within one pipeline whatever the call order
  // (extract, resize, then extend: the order wanted here), so the turn and the final cut are
  // pipelines of their own. The region is brought to the output scale before turning, so the
  // rotation handles ~1 MP, not up to 16.
  const zoom = CROP.sizePx / plan.side;
  const scaled = (v: number) => Math.round(v * zoom);
  const region = await sharp(image.data, rgb(image))
    .extract(inside)
    .resize(Math.max(1, scaled(inside.width)), Math.max(1, scaled(inside.height)), { fit: 'fill' })
    .extend({
      left: scaled(inside.left - wanted.left),
      top: scaled(inside.top - wanted.top),
      right: scaled(wanted.left + wanted.width - (inside.left + inside.width)),
      bottom: scaled(wanted.top + wanted.height - (inside.top + inside.height)),
      extendWith: 'copy',
    })
    .raw()
    .toBuffer({ resolveWithObject: true });
  let levelled: RgbImage = { data: region.data, width: region.info.width, height: region.info.height };
  if (plan.turn !== 0) {
    const turned = await sharp(levelled.data, rgb(levelled))
      .rotate(plan.turn, { background: GREY })
      .raw()
      .toBuffer({ resolveWithObject: true });
    levelled = { data: turned.data, width: turned.info.width, height: turned.info.height };
  }
  const side = Math.min(CROP.sizePx, levelled.width, levelled.height);
  const { data } = await sharp(levelled.data, rgb(levelled))
    .extract({
      left: Math.max(0, Math.round((levelled.width - side) / 2)),
      top: Math.max(0, Math.round((levelled.height - side) / 2)),
      width: side,
      height: side,
    })
    .resize(CROP.sizePx, CROP.sizePx, { fit: 'fill' })
    .raw()
    .toBuffer({ resolveWithObject: true });
  const crop = { data, width: CROP.sizePx, height: CROP.sizePx };
  equaliseLuma(crop, CROP.equaliseStrength);
  return sharp(crop.data, rgb(crop)).jpeg({ quality: CROP.jpegQuality }).toBuffer();
}

export interface Thumbnail {
  webp: Buffer;
  /** The same pixels, raw RGB, for hashing and background colour without a second decode. */
  raw: RgbImage;
}

export async function makeThumbnail(image: RgbImage): Promise<Thumbnail> {
  const { data, info } = await sharp(image.data, rgb(image))
    .resize(CROP.thumbSidePx, CROP.thumbSidePx, { fit: 'inside', withoutEnlargement: true })
    .raw()
    .toBuffer({ resolveWithObject: true });
  const raw = { data, width: info.width, height: info.height };
  const webp = await sharp(data, rgb(raw)).webp({ quality: CROP.thumbQuality }).toBuffer();
  return { webp, raw };
}
