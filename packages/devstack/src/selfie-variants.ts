import sharp from 'sharp';

/**
 * Test and demo selfies: distinct "shots" of one person made from a single portrait, since no offline
 * source holds many photos of one person (fixtures/faces/PROVENANCE.md). Each index gets its own
 * framing, mirror, roll and exposure from independent irrational steps, so any run of indices holds
 * no two re-saves (perceptual hashes stay apart). Their face embeddings are still near each other:
 * a stack fed these runs with a raised near-copy threshold (QC_DUPLICATE_MIN_COSINE).
 */
const STEPS = [0.618034, 0.414214, 0.732051, 0.236068, 0.302776] as const;

export async function selfieVariant(
  source: Buffer,
  i: number,
  size: { width: number; height: number } = { width: 1200, height: 1600 },
): Promise<Buffer> {
  const step = (k: number) => (i * STEPS[k]!) % 1;
  const meta = await sharp(source).metadata();
  const side = Math.floor(Math.min(meta.width!, meta.height!) * (0.72 + 0.2 * step(0)));
  const height = Math.min(meta.height!, Math.round((side * size.height) / size.width));
  let img = sharp(source).extract({
    left: Math.floor((meta.width! - side) * step(1)),
    top: Math.floor((meta.height! - height) * step(2)),
    width: side,
    height,
  });
  if (i % 2 === 1) img = img.flop();
  // A few degrees of roll moves the perceptual hash as a new shot would; QC levels the eyes anyway.
  img = img.rotate(-8 + 16 * step(3), { background: '#7a7f86' });
  return img
    .resize(size.width, size.height, { fit: 'cover' })
    .modulate({ brightness: 0.9 + 0.2 * step(4) })
    .jpeg({ quality: 90 })
    .toBuffer();
}
