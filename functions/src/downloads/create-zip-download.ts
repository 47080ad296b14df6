import {
  downloadAllSelection,
  ImageDoc,
  storagePaths,
  URL_LIFETIMES_SEC,
  type CallableRequest,
  type CallableResponse,
} from '@likeness/core';
import { HttpsError } from 'firebase-functions/v2/https';
import { blobStore } from '../shared/blob.js';
import type { Caller } from '../shared/callable.js';
import { imagesOf } from '../shared/db.js';
import { orderLogger } from '../shared/order-log.js';
import { orderOfCaller } from '../shared/orders.js';
import { assertGalleryOpen } from './gallery-access.js';
import { downloadNameFor, ZIP_DOWNLOAD_NAME } from './file-urls.js';
import { recordDownload } from './record-download.js';
import { buildZip, type ZipEntry } from '../shared/zip-archive.js';
import { cropBytes } from './headshot-formats.js';

/**
 * One zip of the order's headshots (all, or the favourites), one folder per style, in gallery order.
 * "All" leaves out the weak likenesses unless the customer asks for them; favourites are the
 * customer's own choice, weak or not. With `formats`, each headshot's profile crops come along, in a
 * folder per format inside the style's: `<style>/<format>/likeness-<id>-<format>.jpg`.
 */
export async function createZipDownloadFor(
  req: CallableRequest<'createZipDownload'>,
  { uid }: Caller,
): Promise<CallableResponse<'createZipDownload'>> {
  const order = await orderOfCaller(uid, req.orderId);
  assertGalleryOpen(order);
  const log = orderLogger(req.orderId, 'download');

  const query = req.favoritesOnly
    ? imagesOf(req.orderId).where('favorite', '==', true)
    : imagesOf(req.orderId);
  const docs = (await query.get()).docs
    .map((d) => ({ id: d.id, parsed: ImageDoc.safeParse(d.data()) }))
    .flatMap(({ id, parsed }) => {
      if (!parsed.success) log.error('createZipDownload: malformed image doc', { id });
      return parsed.success ? [{ id, ...parsed.data }] : [];
    });
  const images = downloadAllSelection(
    docs,
    order.styleIds,
    req.favoritesOnly === true || req.includeWeak === true,
  );
  if (images.length === 0) {
    throw new HttpsError(
      'failed-precondition',
      req.favoritesOnly
        ? 'Mark a few headshots as favourites first.'
        : docs.length > 0
          ? 'Every headshot is under "less like you": include those to download them.'
          : "Your headshots aren't ready yet.",
    );
  }

  const store = blobStore();
  const started = Date.now();
  const formats = [...new Set(req.formats ?? [])];
  const entries: ZipEntry[] = images.flatMap((img) => [
    {
      name: `${img.styleId}/${downloadNameFor(img.id, img.storagePath)}`,
      load: () => store.read(img.storagePath),
    },
    ...formats.map((format) => {
      const source = { ...img, uid: order.uid, orderId: req.orderId };
      const path = storagePaths.imageFormat(order.uid, req.orderId, img.id, format);
      return {
        name: `${img.styleId}/${format}/${downloadNameFor(img.id, path, format)}`,
        load: () => cropBytes(source, format),
      };
    }),
  ]);
  const zip = await buildZip(entries);
  const path = storagePaths.export(order.uid, req.orderId);
  await store.write(path, zip, 'application/zip');
  // Counted once the zip exists and before its URL leaves: the refund guarantee reads it.
  await recordDownload(req.orderId);
  const signed = await store.signedGetUrl(path, {
    expiresInSec: URL_LIFETIMES_SEC.download,
    downloadName: ZIP_DOWNLOAD_NAME,
  });
  log.info('createZipDownload', {
    count: images.length,
    formats,
    bytes: zip.length,
    ms: Date.now() - started,
  });
  return { url: signed.url, count: images.length, expiresAt: signed.expiresAt };
}
