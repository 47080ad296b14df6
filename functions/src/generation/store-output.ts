import { storagePaths, type ImageDoc, type OrderDoc } from '@likeness/core';
import { blobStore } from '../shared/blob.js';
import { config } from '../shared/config.js';
import { scoreHeadshot } from '../likeness/score-headshot.js';
import { describeAndThumb, imageKind } from './images.js';

/** Replicate deleted the file (outputs live an hour): no retry can fetch it, the attempt is lost. */
export class OutputGoneError extends Error {}

export interface StoredOutput {
  imageId: string;
  doc: Omit<ImageDoc, 'createdAt'>;
  ms: { download: number; thumb: number; score: number; write: number };
}

/**
 * Where an output goes: its image id, and the job and index the gallery orders it by. A redo's output
 * takes the slot's job and index and names the redo job that made it.
 */
export interface OutputPlace {
  imageId: string;
  styleId: string;
  jobId: string;
  index: number;
  redo?: { slot: string; madeBy: string };
}

/** Copies one output and its thumbnail into our storage; the image doc is written with the counters. */
export async function storeOutput(
  order: OrderDoc,
  orderId: string,
  place: OutputPlace,
  url: string,
  reference: readonly number[] | null,
): Promise<StoredOutput> {
  const t0 = Date.now();
  const res = await fetch(url);
  if (res.status === 404 || res.status === 410)
    throw new OutputGoneError(`Output ${place.imageId} is gone (HTTP ${res.status})`);
  if (!res.ok) throw new Error(`Download of output ${place.imageId} failed: HTTP ${res.status}`);
  const kind = imageKind(url, res.headers.get('content-type'));
  const bytes = Buffer.from(await res.arrayBuffer());
  const t1 = Date.now();
  const { width, height, thumb } = await describeAndThumb(bytes);
  const scored = reference ? await scoreHeadshot(bytes, reference) : null;
  const t2 = Date.now();

  const { imageId } = place;
  const storagePath = storagePaths.image(order.uid, orderId, imageId, kind.ext);
  const thumbPath = storagePaths.imageThumb(order.uid, orderId, imageId);
  const store = blobStore();
  await Promise.all([
    store.write(storagePath, bytes, kind.contentType),
    store.write(thumbPath, thumb, 'image/webp'),
  ]);
  return {
    imageId,
    doc: {
      uid: order.uid,
      orderId,
      styleId: place.styleId,
      jobId: place.jobId,
      index: place.index,
      storagePath,
      thumbPath,
      width,
      height,
      contentType: kind.contentType,
      localPreview: config().LIKENESS_ENV === 'local',
      ...(scored && { likeness: scored.likeness }),
      ...(scored?.face && { face: scored.face }),
      ...(place.redo && { slot: place.redo.slot, madeBy: place.redo.madeBy }),
      rating: null,
      favorite: false,
    },
    ms: {
      download: t1 - t0,
      thumb: t2 - t1 - (scored?.ms ?? 0),
      score: scored?.ms ?? 0,
      write: Date.now() - t2,
    },
  };
}
