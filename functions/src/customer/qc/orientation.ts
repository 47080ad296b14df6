import type { Sharp } from 'sharp';

/**
 * EXIF orientation as sharp operations, for pixels that no longer carry their EXIF (raw buffers).
 * The check decodes a 12 MP photo once unrotated and turns only its downscaled copy: rotating the
 * full-size pixels cost more than the rest of the check. sharp mirrors before it rotates.
 */
const OPS: Record<number, { angle: 0 | 90 | 180 | 270; flop: boolean; flip: boolean }> = {
  1: { angle: 0, flop: false, flip: false },
  2: { angle: 0, flop: true, flip: false },
  3: { angle: 180, flop: false, flip: false },
  4: { angle: 0, flop: false, flip: true },
  5: { angle: 270, flop: true, flip: false },
  6: { angle: 90, flop: false, flip: false },
  7: { angle: 90, flop: true, flip: false },
  8: { angle: 270, flop: false, flip: false },
};

/** True when displaying the photo swaps its stored width and height. */
export function swapsSides(orientation: number | undefined): boolean {
  return orientation !== undefined && orientation >= 5 && orientation <= 8;
}

export function orient(pipeline: Sharp, orientation: number | undefined): Sharp {
  const op = OPS[orientation ?? 1] ?? OPS[1]!;
  let p = pipeline;
  if (op.flop) p = p.flop();
  if (op.flip) p = p.flip();
  if (op.angle) p = p.rotate(op.angle);
  return p;
}
