import { selfieVariant } from '@likeness/devstack/selfie-variants';
import { medoid } from '@likeness/selfie-qc';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { selfieQc } from '../qc/selfie-qc.js';
import { scoreHeadshot } from './score-headshot.js';

const face = (name: string) =>
  readFileSync(fileURLToPath(new URL(`../../../fixtures/faces/${name}`, import.meta.url)));
const SIZE = { width: 819, height: 1024 };
const astronaut = face('astronaut.jpg');
let reference: number[];

beforeAll(async () => {
  const qc = await selfieQc();
  const embedded: Array<{ embedding: number[] }> = [];
  for (let i = 0; i < 6; i++) {
    const { embedding } = await qc.assessPhoto(await selfieVariant(astronaut, i), { trainingCrop: false });
    if (embedding) embedded.push({ embedding });
  }
  expect(embedded).toHaveLength(6);
  reference = medoid(embedded).embedding;
}, 60_000);

describe('scoreHeadshot (real face models, CPU)', () => {
  it('calls a new picture of the same person strong', async () => {
    const { likeness } = await scoreHeadshot(await selfieVariant(astronaut, 41, SIZE), reference);
    expect(likeness).toMatchObject({ band: 'strong', defect: null });
    expect(likeness.score).toBeGreaterThan(0.8);
  });

  it('calls another person weak, by the face and not by a defect', async () => {
    const other = await sharp(face('grace_hopper.jpg')).resize(SIZE.width, SIZE.height).jpeg().toBuffer();
    const { likeness } = await scoreHeadshot(other, reference);
    expect(likeness).toMatchObject({ band: 'weak', defect: null });
    expect(likeness.score).toBeGreaterThan(0.2);
    expect(likeness.score).toBeLessThan(0.45);
  });

  it('calls a frame without a face, and one with two faces, weak with the defect', async () => {
    const empty = await sharp(face('coffee.jpg')).resize(SIZE.width, SIZE.height).jpeg().toBuffer();
    expect((await scoreHeadshot(empty, reference)).likeness).toMatchObject({
      band: 'weak',
      defect: 'no_face',
      score: 0,
    });
    const half = (f: Buffer) => sharp(f).resize(410, 512, { fit: 'cover' }).toBuffer();
    const two = await sharp({
      create: { width: 820, height: 512, channels: 3, background: '#808080' },
    })
      .composite([
        { input: await half(astronaut), left: 0, top: 0 },
        { input: await half(face('grace_hopper.jpg')), left: 410, top: 0 },
      ])
      .jpeg()
      .toBuffer();
    const scoredTwo = await scoreHeadshot(two, reference);
    expect(scoredTwo.face).toBeUndefined();
    expect(scoredTwo.likeness).toMatchObject({
      band: 'weak',
      defect: 'multiple_faces',
    });
  });

  it('says where an off-centre face is, as shares of the image, for the profile crops', async () => {
    // The portrait pasted small into the bottom-left of a wide grey frame.
    const placed = { left: 40, top: 680, size: 480 };
    const canvas = { width: 1600, height: 1200 };
    const offCentre = await sharp({ create: { ...canvas, channels: 3, background: '#7a7f86' } })
      .composite([
        {
          input: await sharp(astronaut).resize(placed.size, placed.size).toBuffer(),
          left: placed.left,
          top: placed.top,
        },
      ])
      .jpeg()
      .toBuffer();
    const { face } = await scoreHeadshot(offCentre, reference);
    expect(face).toBeDefined();
    const px = {
      left: face!.x * canvas.width,
      top: face!.y * canvas.height,
      right: (face!.x + face!.w) * canvas.width,
      bottom: (face!.y + face!.h) * canvas.height,
    };
    expect(px.left).toBeGreaterThanOrEqual(placed.left);
    expect(px.top).toBeGreaterThanOrEqual(placed.top);
    expect(px.right).toBeLessThanOrEqual(placed.left + placed.size);
    expect(px.bottom).toBeLessThanOrEqual(placed.top + placed.size);
    // A face, not the pasted square: well under its size.
    expect(px.right - px.left).toBeGreaterThan(placed.size * 0.2);
    expect(px.right - px.left).toBeLessThan(placed.size * 0.8);
  });

  it('marks a face cut by the frame, at best fair', async () => {
    // As selfie QC's own fixture: the left part of the face beyond the frame's left edge.
    const cut = await sharp(astronaut)
      .extract({ left: 205, top: 0, width: 307, height: 512 })
      .extend({ right: 250, background: '#808080' })
      .jpeg()
      .toBuffer();
    const { likeness } = await scoreHeadshot(cut, reference);
    expect(likeness).toMatchObject({
      band: 'fair',
      defect: 'face_cut_off',
      reason: 'The face is cut off by the edge of the image.',
    });
  });
});
