/**
 * Signed file URLs and the zip download against the local stack. Headshots are seeded the way the
 * pipeline's ingest leaves them (image docs + files in the blob store). Run under the launcher:
 *   node packages/devstack/dist/launcher.js --offset 100 --no-web --exec "npx vitest run functions/test/customer-files.test.ts"
 */
import {
  type CreateZipDownloadResponse,
  type GetFileUrlsResponse,
  type ImageDoc,
  storagePaths,
} from '@likeness/core';
import JSZip from 'jszip';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { createDraftOrder, selfie, uploadPhotos, waitForVerdict } from './helpers/customer.js';
import { callError, callFunction, signUp, testBlob, type TestUser } from './helpers/emulator.js';
import { writeImageDoc } from './helpers/image-doc.js';

interface SeededImage {
  id: string;
  bytes: Buffer;
  favorite: boolean;
}

async function seedImages(user: TestUser, orderId: string): Promise<SeededImage[]> {
  const styles = ['corporate-grey', 'modern-office'];
  const seeded: SeededImage[] = [];
  for (const [s, styleId] of styles.entries()) {
    for (let index = 0; index < 2; index++) {
      const jobId = `${styleId}-0`;
      const id = `${jobId}-${index}`;
      const bytes = await sharp({
        create: {
          width: 256,
          height: 320,
          channels: 3,
          background: { r: 40 * (s + 1), g: 90, b: 60 * (index + 1) },
        },
      })
        .png()
        .toBuffer();
      const thumb = await sharp(bytes).resize(128).webp().toBuffer();
      const storagePath = storagePaths.image(user.uid, orderId, id, 'png');
      const thumbPath = storagePaths.imageThumb(user.uid, orderId, id);
      await Promise.all([
        testBlob.write(storagePath, bytes, 'image/png'),
        testBlob.write(thumbPath, thumb, 'image/webp'),
      ]);
      const favorite = index === 0;
      const doc: Omit<ImageDoc, 'createdAt'> = {
        uid: user.uid,
        orderId,
        styleId,
        jobId,
        index,
        storagePath,
        thumbPath,
        width: 256,
        height: 320,
        contentType: 'image/png',
        localPreview: true,
        rating: null,
        favorite,
      };
      await writeImageDoc(id, doc);
      seeded.push({ id, bytes, favorite });
    }
  }
  return seeded;
}

describe('gallery files', () => {
  let user: TestUser;
  let stranger: TestUser;
  let orderId: string;
  let photoId: string;
  let images: SeededImage[];

  beforeAll(async () => {
    [user, stranger] = await Promise.all([signUp(), signUp()]);
    orderId = await createDraftOrder(user);
    photoId = (await uploadPhotos(user, orderId, [await selfie(7)])).photoIds[0]!;
    await waitForVerdict(orderId, photoId);
    images = await seedImages(user, orderId);
  });

  it('signs the selfie thumbnails of my order and leaves out unknown ids', async () => {
    const res = await callFunction<GetFileUrlsResponse>(
      'getFileUrls',
      { orderId, kind: 'photo-thumb', ids: [photoId, 'no-such-photo'] },
      user.idToken,
    );
    expect(Object.keys(res.urls)).toEqual([photoId]);
    expect(res.expiresAt).toBeGreaterThan(Date.now() + 14 * 60_000);
    expect(res.expiresAt).toBeLessThanOrEqual(Date.now() + 15 * 60_000 + 1000);
    const thumb = await fetch(res.urls[photoId]!);
    expect(thumb.status).toBe(200);
    expect((await sharp(Buffer.from(await thumb.arrayBuffer())).metadata()).format).toBe('webp');
  });

  it('signs headshots and their thumbnails, as downloads when asked', async () => {
    const ids = images.map((i) => i.id);
    const full = await callFunction<GetFileUrlsResponse>(
      'getFileUrls',
      { orderId, kind: 'image', ids, download: true },
      user.idToken,
    );
    expect(Object.keys(full.urls).sort()).toEqual([...ids].sort());
    const one = await fetch(full.urls[images[0]!.id]!);
    expect(one.status).toBe(200);
    expect(Buffer.from(await one.arrayBuffer()).equals(images[0]!.bytes)).toBe(true);
    expect(one.headers.get('content-disposition')).toContain(`likeness-${images[0]!.id}.png`);

    const thumbs = await callFunction<GetFileUrlsResponse>(
      'getFileUrls',
      { orderId, kind: 'image-thumb', ids },
      user.idToken,
    );
    const t = await fetch(thumbs.urls[images[1]!.id]!);
    expect((await sharp(Buffer.from(await t.arrayBuffer())).metadata()).format).toBe('webp');
  });

  it("refuses another customer's order", async () => {
    const err = await callError(
      'getFileUrls',
      { orderId, kind: 'photo-thumb', ids: [photoId] },
      stranger.idToken,
    );
    expect(err.status).toBe('PERMISSION_DENIED');
    expect((await callError('createZipDownload', { orderId }, stranger.idToken)).status).toBe(
      'PERMISSION_DENIED',
    );
    expect((await callError('getFileUrls', { orderId, kind: 'photo-thumb', ids: [photoId] })).status).toBe(
      'UNAUTHENTICATED',
    );
  });

  it('zips every headshot, or only the favourites, as stored files in folders per style', async () => {
    const all = await callFunction<CreateZipDownloadResponse>('createZipDownload', { orderId }, user.idToken);
    expect(all.count).toBe(images.length);
    const res = await fetch(all.url);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toContain('likeness-headshots.zip');
    const zip = await JSZip.loadAsync(Buffer.from(await res.arrayBuffer()));
    const names = Object.values(zip.files)
      .filter((f) => !f.dir)
      .map((f) => f.name)
      .sort();
    expect(names).toEqual(images.map((i) => `${i.id.replace(/-0-\d$/, '')}/likeness-${i.id}.png`).sort());
    const first = images[0]!;
    const inZip = await zip.file(`corporate-grey/likeness-${first.id}.png`)!.async('nodebuffer');
    expect(inZip.equals(first.bytes)).toBe(true);

    const favs = await callFunction<CreateZipDownloadResponse>(
      'createZipDownload',
      { orderId, favoritesOnly: true },
      user.idToken,
    );
    expect(favs.count).toBe(images.filter((i) => i.favorite).length);
  });

  it('has nothing to zip before the headshots exist', async () => {
    const empty = await createDraftOrder(user);
    const err = await callError('createZipDownload', { orderId: empty }, user.idToken);
    expect(err.status).toBe('FAILED_PRECONDITION');
  });
});
