import {
  CreateZipDownloadRequest,
  type CreateZipDownloadResponse,
  ImageDoc,
  storagePaths,
} from '@likeness/core';
import { logger } from 'firebase-functions/v2';
import { HttpsError, onCall } from 'firebase-functions/v2/https';
import { blobStore } from '../shared/blob.js';
import { orderOfCaller } from '../shared/orders.js';
import { parseRequest } from '../shared/validate.js';
import { callerUid } from './caller.js';
import { downloadNameFor, ZIP_DOWNLOAD_NAME } from './file-urls.js';
import { REGION, SIGNED_URL_TTL_SEC, secrets } from './options.js';
import { imagesOf } from './refs.js';
import { buildZip } from './zip-archive.js';

/** One zip of the order's headshots (all, or the favourites), one folder per style. */
export const createZipDownload = onCall(
  { region: REGION, secrets, memory: '1GiB', timeoutSeconds: 300 },
  async (request): Promise<CreateZipDownloadResponse> => {
    const uid = callerUid(request);
    const req = parseRequest(CreateZipDownloadRequest, request.data);
    const order = await orderOfCaller(uid, req.orderId);

    const query = req.favoritesOnly
      ? imagesOf(req.orderId).where('favorite', '==', true)
      : imagesOf(req.orderId);
    const images = (await query.get()).docs
      .map((d) => ({ id: d.id, parsed: ImageDoc.safeParse(d.data()) }))
      .flatMap(({ id, parsed }) => {
        if (!parsed.success)
          logger.error('createZipDownload: malformed image doc', { orderId: req.orderId, id });
        return parsed.success ? [{ id, ...parsed.data }] : [];
      })
      .sort(
        (a, b) => a.styleId.localeCompare(b.styleId) || a.jobId.localeCompare(b.jobId) || a.index - b.index,
      );
    if (images.length === 0) {
      throw new HttpsError(
        'failed-precondition',
        req.favoritesOnly ? 'Mark a few headshots as favourites first.' : "Your headshots aren't ready yet.",
      );
    }

    const store = blobStore();
    const started = Date.now();
    const zip = await buildZip(
      images.map((img) => ({
        name: `${img.styleId}/${downloadNameFor(img.id, img.storagePath)}`,
        load: () => store.read(img.storagePath),
      })),
    );
    const path = storagePaths.export(order.uid, req.orderId);
    await store.write(path, zip, 'application/zip');
    const signed = await store.signedGetUrl(path, {
      expiresInSec: SIGNED_URL_TTL_SEC,
      downloadName: ZIP_DOWNLOAD_NAME,
    });
    logger.info('createZipDownload', {
      orderId: req.orderId,
      count: images.length,
      bytes: zip.length,
      ms: Date.now() - started,
    });
    return { url: signed.url, count: images.length, expiresAt: signed.expiresAt };
  },
);
