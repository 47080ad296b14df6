/**
 * Profile crops of a headshot (square, 4:5, 1584 × 396 banner) against the local stack: two headshots
 * with the face far off the image centre are seeded as ingest leaves them (file, doc, face box found
 * by the same selfie-QC models), each format is downloaded through getFileUrls and through the zip,
 * measured, and searched for the face again. Run under the launcher:
 *   node packages/devstack/dist/launcher.js --offset 40 --project demo-crops --no-web \
 *     --exec "node_modules/.bin/vitest run --project emulator functions/test/headshot-formats.test.ts"
 */
import {
  CROP_FORMATS,
  cropFor,
  storagePaths,
  type CreateZipDownloadResponse,
  type CropFormat,
  type FaceBox,
  type GetFileUrlsResponse,
  type ImageDoc,
} from '@likeness/core';
import { createSelfieQc, type SelfieQc } from '@likeness/selfie-qc';
import JSZip from 'jszip';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { createDraftOrder, readOrderDoc } from './helpers/customer.js';
import { callError, callFunction, signUp, testBlob, type TestUser } from './helpers/emulator.js';
import { writeImageDoc } from './helpers/image-doc.js';

const ASTRONAUT = readFileSync(fileURLToPath(new URL('../../fixtures/faces/astronaut.jpg', import.meta.url)));
const CANVAS = { width: 1024, height: 1280 };

interface Seeded {
  id: string;
  styleId: string;
  face: FaceBox;
}

/** The portrait pasted into a grey frame at `place`: the face lands far from the frame's centre. */
async function offCentreHeadshot(place: { left: number; top: number; size: number }): Promise<Buffer> {
  return sharp({ create: { ...CANVAS, channels: 3, background: '#6f757c' } })
    .composite([
      {
        input: await sharp(ASTRONAUT).resize(place.size, place.size).toBuffer(),
        left: place.left,
        top: place.top,
      },
    ])
    .png()
    .toBuffer();
}

/** The face box as ingest stores it (likeness/score-headshot.ts): shares of the image. */
async function faceOf(qc: SelfieQc, bytes: Buffer): Promise<FaceBox> {
  const a = await qc.assessPhoto(bytes, { trainingCrop: false });
  expect(a.faceCount).toBe(1);
  const [x, y, w, h] = a.face!.box;
  return { x: x / a.width!, y: y / a.height!, w: w / a.width!, h: h / a.height! };
}

async function seed(
  qc: SelfieQc,
  user: TestUser,
  orderId: string,
  id: string,
  styleId: string,
  bytes: Buffer,
): Promise<Seeded> {
  const face = await faceOf(qc, bytes);
  const storagePath = storagePaths.image(user.uid, orderId, id, 'png');
  const thumbPath = storagePaths.imageThumb(user.uid, orderId, id);
  await Promise.all([
    testBlob.write(storagePath, bytes, 'image/png'),
    testBlob.write(thumbPath, await sharp(bytes).resize(128).webp().toBuffer(), 'image/webp'),
  ]);
  const doc: Omit<ImageDoc, 'createdAt'> = {
    uid: user.uid,
    orderId,
    styleId,
    jobId: `${styleId}-0`,
    index: 0,
    storagePath,
    thumbPath,
    ...CANVAS,
    contentType: 'image/png',
    localPreview: true,
    face,
    rating: null,
    favorite: false,
  };
  await writeImageDoc(id, doc);
  return { id, styleId, face };
}

/**
 * The face the models find in a file, its box in the file's pixels. The detector's box is only true
 * to size on roughly square frames and QC judges nothing under 512 px, so a banner is looked at
 * through a window about as wide as tall around `centreX`, with grey bands above and below.
 */
const LOOK_PX = 560;

async function findFace(qc: SelfieQc, bytes: Buffer, centreX: number) {
  const { width, height } = (await sharp(bytes).metadata()) as { width: number; height: number };
  const windowWidth = Math.min(width, Math.max(LOOK_PX, Math.round(height * 1.25)));
  const left = Math.round(Math.min(Math.max(centreX - windowWidth / 2, 0), width - windowWidth));
  const band = Math.max(0, Math.ceil((LOOK_PX - height) / 2));
  const looked = await sharp(bytes)
    .extract({ left, top: 0, width: windowWidth, height })
    .extend({ top: band, bottom: band, background: '#6f757c' })
    .jpeg()
    .toBuffer();
  const a = await qc.assessPhoto(looked, { trainingCrop: false });
  const box = a.face && ([a.face.box[0] + left, a.face.box[1] - band, a.face.box[2], a.face.box[3]] as const);
  return { faceCount: a.faceCount, reasons: a.reasons.map((r) => r.code), box };
}

/** Where the face must show in the file: the crop's rect, scaled (and, for a padded banner, centred). */
function expectedFaceInFile(format: CropFormat, face: FaceBox) {
  const { rect, output, padded } = cropFor(format, CANVAS, face);
  const scale = padded ? output.height / rect.height : output.width / rect.width;
  const offsetX = padded ? (output.width - rect.width * scale) / 2 : 0;
  return {
    x: (face.x * CANVAS.width - rect.left) * scale + offsetX,
    y: (face.y * CANVAS.height - rect.top) * scale,
    w: face.w * CANVAS.width * scale,
    h: face.h * CANVAS.height * scale,
  };
}

describe('headshots in the formats people post', () => {
  let qc: SelfieQc;
  let user: TestUser;
  let orderId: string;
  let images: Seeded[];
  const measured: string[] = [];

  beforeAll(async () => {
    qc = await createSelfieQc();
    user = await signUp();
    orderId = await createDraftOrder(user);
    images = [
      // A small face near the top right: the full-width 4:1 strip holds it.
      await seed(
        qc,
        user,
        orderId,
        'corporate-grey-0-0',
        'corporate-grey',
        await offCentreHeadshot({ left: 590, top: 40, size: 420 }),
      ),
      // A large face at the bottom left: no full-width 4:1 strip holds it, so the banner is padded.
      await seed(
        qc,
        user,
        orderId,
        'modern-office-0-0',
        'modern-office',
        await offCentreHeadshot({ left: 0, top: 580, size: 700 }),
      ),
    ];
  }, 120_000);

  it('cuts each format around the face, at the exact shape, as a named download', async () => {
    const before = (await readOrderDoc(orderId)).downloads?.count ?? 0;
    for (const format of CROP_FORMATS) {
      const res = await callFunction<GetFileUrlsResponse>(
        'getFileUrls',
        { orderId, kind: 'image', ids: images.map((i) => i.id), download: true, format },
        user.idToken,
      );
      for (const image of images) {
        const file = await fetch(res.urls[image.id]!);
        expect(file.status).toBe(200);
        expect(file.headers.get('content-disposition')).toContain(`likeness-${image.id}-${format}.jpg`);
        const bytes = Buffer.from(await file.arrayBuffer());
        const { width, height, format: type } = await sharp(bytes).metadata();
        measured.push(`${image.id} ${format}: ${width}×${height}`);
        expect(type).toBe('jpeg');
        if (format === 'banner') expect({ width, height }).toEqual({ width: 1584, height: 396 });
        if (format === 'square') expect(width).toBe(height);
        if (format === 'portrait') expect(Math.abs(width! * 5 - height! * 4)).toBeLessThanOrEqual(5);

        // The face is found again in the file, whole, where the crop maths put it.
        const want = expectedFaceInFile(format, image.face);
        const found = await findFace(qc, bytes, want.x + want.w / 2);
        expect(found.faceCount, `${image.id} ${format}`).toBe(1);
        expect(found.reasons).not.toContain('face_cut_off');
        const [x, y, w, h] = found.box!;
        expect(Math.abs(x + w / 2 - (want.x + want.w / 2))).toBeLessThan(want.w * 0.15);
        expect(Math.abs(y + h / 2 - (want.y + want.h / 2))).toBeLessThan(want.h * 0.15);
        expect(w / want.w).toBeGreaterThan(0.8);
        expect(w / want.w).toBeLessThan(1.25);
        // A crop around the image centre would have put the face elsewhere.
        const centred = cropFor(format, CANVAS);
        const faceAware = cropFor(format, CANVAS, image.face);
        expect(
          Math.abs(centred.rect.left - faceAware.rect.left) + Math.abs(centred.rect.top - faceAware.rect.top),
        ).toBeGreaterThan(want.w * 0.2);
      }
    }
    console.info(`crops measured:\n  ${measured.join('\n  ')}`);
    expect(cropFor('banner', CANVAS, images[0]!.face).padded).toBe(false);
    expect(cropFor('banner', CANVAS, images[1]!.face).padded).toBe(true);
    // Each download of a headshot counts, as the refund guarantee needs.
    expect((await readOrderDoc(orderId)).downloads?.count).toBe(before + CROP_FORMATS.length);
  });

  it('stores each crop under the order once and hands out the stored one again', async () => {
    const image = images[0]!;
    const folder = storagePaths.imageFormats(user.uid, orderId, image.id);
    expect((await testBlob.list(folder)).sort()).toEqual(
      CROP_FORMATS.map((f) => storagePaths.imageFormat(user.uid, orderId, image.id, f)).sort(),
    );
    expect(folder.startsWith(storagePaths.order(user.uid, orderId))).toBe(true);

    // Replace the stored square with a marker: a reused crop comes back as the marker.
    const path = storagePaths.imageFormat(user.uid, orderId, image.id, 'square');
    const marker = await sharp({ create: { width: 10, height: 10, channels: 3, background: '#ff0000' } })
      .jpeg()
      .toBuffer();
    await testBlob.write(path, marker, 'image/jpeg');
    const res = await callFunction<GetFileUrlsResponse>(
      'getFileUrls',
      { orderId, kind: 'image', ids: [image.id], format: 'square' },
      user.idToken,
    );
    const again = Buffer.from(await (await fetch(res.urls[image.id]!)).arrayBuffer());
    expect(again.equals(marker)).toBe(true);
    // Put the real crop back for the zip below.
    await testBlob.deletePrefix(path);
  });

  it('zips the originals and, when asked, every crop in a folder per format', async () => {
    const zipped = await callFunction<CreateZipDownloadResponse>(
      'createZipDownload',
      { orderId, formats: ['square', 'portrait', 'banner'] },
      user.idToken,
    );
    expect(zipped.count).toBe(images.length);
    const zip = await JSZip.loadAsync(Buffer.from(await (await fetch(zipped.url)).arrayBuffer()));
    const names = Object.values(zip.files)
      .filter((f) => !f.dir)
      .map((f) => f.name)
      .sort();
    const expected = images.flatMap(({ id, styleId }) => [
      `${styleId}/likeness-${id}.png`,
      ...CROP_FORMATS.map((f) => `${styleId}/${f}/likeness-${id}-${f}.jpg`),
    ]);
    expect(names).toEqual(expected.sort());
    const banner = await zip
      .file(`modern-office/banner/likeness-modern-office-0-0-banner.jpg`)!
      .async('nodebuffer');
    const meta = await sharp(banner).metadata();
    expect({ width: meta.width, height: meta.height }).toEqual({ width: 1584, height: 396 });
    // The square deleted above was cut again for the zip, and stored.
    const square = await zip
      .file(`corporate-grey/square/likeness-corporate-grey-0-0-square.jpg`)!
      .async('nodebuffer');
    const squareMeta = await sharp(square).metadata();
    expect(squareMeta.width).toBe(squareMeta.height);
    expect(squareMeta.width).toBeGreaterThan(10);
    expect(await testBlob.exists(storagePaths.imageFormat(user.uid, orderId, images[0]!.id, 'square'))).toBe(
      true,
    );

    const plain = await callFunction<CreateZipDownloadResponse>(
      'createZipDownload',
      { orderId },
      user.idToken,
    );
    const plainZip = await JSZip.loadAsync(Buffer.from(await (await fetch(plain.url)).arrayBuffer()));
    expect(Object.values(plainZip.files).filter((f) => !f.dir)).toHaveLength(images.length);
  });

  it('refuses a format it does not know, and a format for anything but a headshot, in words', async () => {
    const unknown = await callError(
      'getFileUrls',
      { orderId, kind: 'image', ids: [images[0]!.id], format: 'story' },
      user.idToken,
    );
    expect(unknown.status).toBe('INVALID_ARGUMENT');
    expect(unknown.message).toMatch(/format: Choose a format: original, square, portrait or banner/);
    const thumb = await callError(
      'getFileUrls',
      { orderId, kind: 'image-thumb', ids: [images[0]!.id], format: 'square' },
      user.idToken,
    );
    expect(thumb.status).toBe('INVALID_ARGUMENT');
    expect(thumb.message).toMatch(/Only a headshot/);
    const zip = await callError('createZipDownload', { orderId, formats: ['original'] }, user.idToken);
    expect(zip.status).toBe('INVALID_ARGUMENT');
    expect(zip.message).toMatch(/formats\.0: Choose a crop: square, portrait or banner/);
  });
});
