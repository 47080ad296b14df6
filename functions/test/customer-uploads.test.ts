/**
 * Uploads and QC against the local stack: signed upload URLs, confirm, the QC trigger's verdicts,
 * the counters and the checkout gate. Run under the launcher:
 *   node packages/devstack/dist/launcher.js --offset 10 --no-web --fn-env QC_DUPLICATE_MIN_COSINE=0.999 --exec "npx vitest run functions/test/customer-uploads.test.ts"
 */
import {
  type CreateUploadUrlsResponse,
  MAX_UPLOADS_PER_ORDER,
  MIN_ACCEPTED_PHOTOS,
  storagePaths,
} from '@likeness/core';
import { isDeepStrictEqual } from 'node:util';
import sharp from 'sharp';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  createDraftOrder,
  putToSignedUrl,
  readOrderDoc,
  readPhotoDoc,
  selfie,
  someoneElse,
  textNamedJpeg,
  tinySelfie,
  uploadPhotos,
  waitForVerdict,
} from './helpers/customer.js';
import {
  callError,
  callFunction,
  signUp,
  testBlob,
  testDb,
  waitFor,
  type TestUser,
} from './helpers/emulator.js';

/** Set-level QC lands just after the verdict; wait for the counters rather than race it. */
async function waitForCounters(orderId: string, expected: Record<string, number>) {
  return waitFor(
    async () => {
      const photos = (await readOrderDoc(orderId)).photos;
      return isDeepStrictEqual(photos, expected) ? photos : null;
    },
    { timeoutMs: 30_000, what: `counters ${JSON.stringify(expected)}` },
  ).catch(async (err: unknown) => {
    throw new Error(`${String(err)}; last seen ${JSON.stringify((await readOrderDoc(orderId)).photos)}`);
  });
}

describe('uploads and QC', () => {
  let user: TestUser;
  // A customer each: one account may have only MAX_OPEN_ORDERS orders in progress (limits.test.ts).
  beforeEach(async () => {
    user = await signUp();
  });

  it('takes a selfie from signed URL to an accepted verdict with crop and thumbnail', async () => {
    const orderId = await createDraftOrder(user);
    const file = await selfie(0);
    const { photoIds, confirm } = await uploadPhotos(user, orderId, [file]);
    expect(confirm).toEqual({ confirmed: photoIds, missing: [] });

    const afterConfirm = await readOrderDoc(orderId);
    expect(afterConfirm.status).toBe('uploading');
    expect(afterConfirm.statusAt?.uploading).toBeDefined();

    const photo = await waitForVerdict(orderId, photoIds[0]!);
    expect(photo.reasons).toEqual([]);
    expect(photo.status).toBe('accepted');
    expect([photo.width, photo.height]).toEqual([1200, 1600]);
    expect(photo).toMatchObject({
      fileName: file.name,
      contentType: 'image/jpeg',
      size: file.bytes.length,
      uid: user.uid,
    });
    expect(photo.cropPath).toBe(storagePaths.crop(user.uid, orderId, photoIds[0]!));
    expect(photo.thumbPath).toBe(storagePaths.photoThumb(user.uid, orderId, photoIds[0]!));

    const crop = await sharp(await testBlob.read(photo.cropPath!)).metadata();
    expect([crop.format, crop.width, crop.height]).toEqual(['jpeg', 1024, 1024]);
    const thumb = await sharp(await testBlob.read(photo.thumbPath!)).metadata();
    expect(thumb.format).toBe('webp');
    expect(Math.max(thumb.width!, thumb.height!)).toBe(320);

    await waitForCounters(orderId, {
      uploaded: 1,
      pending: 0,
      accepted: 1,
      rejected: 0,
      distinct: 1,
      counted: 1,
    });
    const order = await readOrderDoc(orderId);
    expect(order.qc).toMatchObject({ needed: MIN_ACCEPTED_PHOTOS - 1, tip: null });
    expect(order.qc?.gateMessage).toContain(`${MIN_ACCEPTED_PHOTOS - 1} more good photos needed`);
  });

  it('rejects a text file named .jpg as not an image, and a tiny picture as too small', async () => {
    const orderId = await createDraftOrder(user);
    const { photoIds } = await uploadPhotos(user, orderId, [textNamedJpeg(), await tinySelfie()]);
    const [text, tiny] = await Promise.all(photoIds.map((id) => waitForVerdict(orderId, id)));
    expect(text!.status).toBe('rejected');
    expect(text!.reasons.map((r) => r.code)).toEqual(['not_an_image']);
    expect(text!.thumbPath).toBeUndefined();
    expect(tiny!.status).toBe('rejected');
    expect(tiny!.reasons.map((r) => r.code)).toEqual(['too_small']);
    expect(tiny!.reasons[0]!.message).toContain('300 × 300');
    // Refused from its header, before decoding: no thumbnail (the browser shows its local preview).
    expect(tiny!.thumbPath).toBeUndefined();
    expect(tiny!.cropPath).toBeUndefined();
    await waitForCounters(orderId, {
      uploaded: 2,
      pending: 0,
      accepted: 0,
      rejected: 2,
      distinct: 0,
      counted: 0,
    });
  });

  it('counts a photo confirmed twice once, and reports uploads that never arrived', async () => {
    const orderId = await createDraftOrder(user);
    const file = await selfie(1);
    const { uploads } = await callFunction<CreateUploadUrlsResponse>(
      'createUploadUrls',
      {
        orderId,
        files: [
          { name: file.name, contentType: file.contentType, size: file.bytes.length },
          { name: 'never-sent.jpg', contentType: 'image/jpeg', size: 1000 },
        ],
      },
      user.idToken,
    );
    expect((await putToSignedUrl(uploads[0]!, file.bytes)).status).toBe(200);
    const ids = uploads.map((u) => u.photoId);

    const [first, second] = await Promise.all([
      callFunction('confirmUploads', { orderId, photoIds: ids }, user.idToken),
      callFunction('confirmUploads', { orderId, photoIds: ids }, user.idToken),
    ]);
    const third = await callFunction('confirmUploads', { orderId, photoIds: [ids[0]] }, user.idToken);
    expect(first).toEqual({ confirmed: [ids[0]], missing: [ids[1]] });
    expect(second).toEqual(first);
    expect(third).toEqual({ confirmed: [ids[0]], missing: [] });
    await waitForVerdict(orderId, ids[0]!);
    await waitForCounters(orderId, {
      uploaded: 1,
      pending: 0,
      accepted: 1,
      rejected: 0,
      distinct: 1,
      counted: 1,
    });
    expect(await readPhotoDoc(orderId, ids[1]!)).toBeNull();
  });

  it('flags a re-upload of a photo as a near-copy, names the original and does not count it', async () => {
    const orderId = await createDraftOrder(user);
    const file = await selfie(2);
    const { photoIds: a } = await uploadPhotos(user, orderId, [file]);
    await waitForVerdict(orderId, a[0]!);
    const { photoIds: b } = await uploadPhotos(user, orderId, [{ ...file, name: 'copy-of-selfie.jpg' }]);
    const dup = await waitFor(
      async () => {
        const p = await readPhotoDoc(orderId, b[0]!);
        return p?.setReasons?.length ? p : null;
      },
      { timeoutMs: 30_000, what: 'the near-copy flag' },
    );
    // The photo itself is fine; it is the set that does not need it twice.
    expect(dup.status).toBe('accepted');
    expect(dup.setReasons!.map((r) => r.code)).toEqual(['duplicate']);
    expect(dup.setReasons![0]!.message).toContain(file.name);
    expect((await readPhotoDoc(orderId, a[0]!))!.setReasons ?? []).toEqual([]);
    await waitForCounters(orderId, {
      uploaded: 2,
      pending: 0,
      accepted: 2,
      rejected: 0,
      distinct: 1,
      counted: 1,
    });
    expect((await readOrderDoc(orderId)).qc?.gateMessage).toContain('1 photo is a near-copy of another');
  });

  it('flags a photo of someone else by name and keeps it out of the count', async () => {
    const orderId = await createDraftOrder(user);
    const mine = await Promise.all([selfie(40), selfie(41), selfie(42)]);
    const { photoIds } = await uploadPhotos(user, orderId, [...mine, await someoneElse()]);
    await Promise.all(photoIds.map((id) => waitForVerdict(orderId, id)));
    await waitForCounters(orderId, {
      uploaded: 4,
      pending: 0,
      accepted: 4,
      rejected: 0,
      distinct: 4,
      counted: 3,
    });
    const stranger = (await readPhotoDoc(orderId, photoIds[3]!))!;
    expect(stranger.setReasons!.map((r) => r.code)).toEqual(['different_person']);
    expect(stranger.setReasons![0]!.message).toContain('friend.jpg');
    // QC signals (the face embedding) are written, but only where the server reads them.
    const signals = await testDb.doc(`orders/${orderId}/qcSignals/${photoIds[0]}`).get();
    expect(signals.get('embedding')).toBeInstanceOf(Uint8Array);
    expect(signals.get('phash')).toMatch(/^[0-9a-f]{16}$/);
  });

  it(`moves the order to ready once ${MIN_ACCEPTED_PHOTOS} photos are accepted`, async () => {
    const orderId = await createDraftOrder(user);
    const first = await Promise.all(
      Array.from({ length: MIN_ACCEPTED_PHOTOS - 1 }, (_, i) => selfie(10 + i)),
    );
    const { photoIds } = await uploadPhotos(user, orderId, first);
    await Promise.all(photoIds.map((id) => waitForVerdict(orderId, id, 60_000)));
    await waitForCounters(orderId, {
      uploaded: MIN_ACCEPTED_PHOTOS - 1,
      pending: 0,
      accepted: MIN_ACCEPTED_PHOTOS - 1,
      rejected: 0,
      distinct: MIN_ACCEPTED_PHOTOS - 1,
      counted: MIN_ACCEPTED_PHOTOS - 1,
    });
    expect((await readOrderDoc(orderId)).status).toBe('uploading');

    const { photoIds: last } = await uploadPhotos(user, orderId, [await selfie(30)]);
    await waitForVerdict(orderId, last[0]!);
    const order = await waitFor(
      async () => {
        const o = await readOrderDoc(orderId);
        return o.status === 'ready' ? o : null;
      },
      { what: 'ready', timeoutMs: 30_000 },
    );
    expect(order.photos).toEqual({
      uploaded: MIN_ACCEPTED_PHOTOS,
      pending: 0,
      accepted: MIN_ACCEPTED_PHOTOS,
      rejected: 0,
      distinct: MIN_ACCEPTED_PHOTOS,
      counted: MIN_ACCEPTED_PHOTOS,
    });
    expect(order.qc?.gateMessage).toContain('ready for checkout');
    expect(order.statusAt?.ready).toBeDefined();
  });

  it('bounds uploads per order with a message that gives the numbers', async () => {
    const orderId = await createDraftOrder(user);
    const files = Array.from({ length: MAX_UPLOADS_PER_ORDER + 1 }, (_, i) => ({
      name: `p${i}.jpg`,
      contentType: 'image/jpeg',
      size: 1000,
    }));
    // One over the limit in one request: refused by the request schema.
    expect((await callError('createUploadUrls', { orderId, files }, user.idToken)).status).toBe(
      'INVALID_ARGUMENT',
    );
    const { photoIds } = await uploadPhotos(user, orderId, [await selfie(3), await selfie(4)]);
    expect(photoIds).toHaveLength(2);
    const err = await callError(
      'createUploadUrls',
      { orderId, files: files.slice(0, MAX_UPLOADS_PER_ORDER - 1) },
      user.idToken,
    );
    expect(err.status).toBe('RESOURCE_EXHAUSTED');
    expect(err.message).toContain(`2 uploaded, ${MAX_UPLOADS_PER_ORDER - 1} more requested`);
    expect(err.message).toContain(`add ${MAX_UPLOADS_PER_ORDER - 2} more`);
  });

  it('binds the signed URL to the announced type, and the order to its owner', async () => {
    const orderId = await createDraftOrder(user);
    const file = await selfie(5);
    const { uploads } = await callFunction<CreateUploadUrlsResponse>(
      'createUploadUrls',
      { orderId, files: [{ name: file.name, contentType: 'image/jpeg', size: file.bytes.length }] },
      user.idToken,
    );
    const wrongType = await fetch(uploads[0]!.url, {
      method: 'PUT',
      headers: { 'Content-Type': 'text/html' },
      body: file.bytes,
    });
    expect(wrongType.status).toBe(403);

    const stranger = await signUp();
    const files = [{ name: 'x.jpg', contentType: 'image/jpeg', size: 10 }];
    expect((await callError('createUploadUrls', { orderId, files }, stranger.idToken)).status).toBe(
      'PERMISSION_DENIED',
    );
    expect(
      (await callError('confirmUploads', { orderId, photoIds: [uploads[0]!.photoId] }, stranger.idToken))
        .status,
    ).toBe('PERMISSION_DENIED');
    expect((await callError('createUploadUrls', { orderId, files })).status).toBe('UNAUTHENTICATED');
    expect(
      (
        await callError(
          'createUploadUrls',
          { orderId, files: [{ ...files[0], contentType: 'image/gif' }] },
          user.idToken,
        )
      ).status,
    ).toBe('INVALID_ARGUMENT');
  });
});
