'use client';

import { MAX_UPLOADS_PER_ORDER, type CreateUploadUrlsResponse, type UploadContentType } from '@likeness/core';
import pLimit from 'p-limit';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { callFunction } from './firebase/callables';
import { describeError } from './errors';
import { putFile, uploadHeaders } from './put-file';
import { canPreview, screenFiles, uploadFileName } from './upload-rules';
import { useLatest } from './use-latest';

export type UploadState = 'queued' | 'uploading' | 'confirming' | 'done' | 'failed';

export interface UploadItem {
  key: string;
  orderId: string;
  name: string;
  size: number;
  contentType: UploadContentType;
  state: UploadState;
  /** 0–1, of the bytes sent. */
  progress: number;
  /** A local object URL of the file, for types the browser can draw. */
  previewUrl: string | undefined;
  /** Known once an upload URL was issued; the photo doc will have this id. */
  photoId: string | null;
  error: string | null;
}

export interface Uploader {
  /** This page's uploads, in the order chosen. */
  items: UploadItem[];
  /** photoId → local preview, so a confirmed photo shows at once, before its server thumbnail exists. */
  previews: ReadonlyMap<string, string>;
  /** Why chosen files were not taken (type, size, the order's photo limit). */
  refused: string[];
  addFiles(files: File[]): void;
  retry(key: string): void;
  dismissRefused(): void;
}

/** Parallel PUTs: enough to fill a home uplink, few enough to show steady progress per photo. */
const PARALLEL_UPLOADS = 4;
/** A URL this close to expiry is not worth starting a PUT with. */
const URL_SAFETY_MS = 30_000;

type Target = CreateUploadUrlsResponse['uploads'][number];

interface Job {
  file: File;
  orderId: string;
  contentType: UploadContentType;
  target: Target | null;
  /** The bytes are in storage; only confirmUploads is left. */
  sent: boolean;
}

let keySeq = 0;

/**
 * Sends selfies straight to storage: upload URLs from createUploadUrls, one PUT per file, then
 * confirmUploads, which creates the photo docs that QC picks up. `confirmed` is how many photos the
 * order already has, to refuse files beyond its limit before any upload starts.
 */
export function useUploader(orderId: string, confirmed: number): Uploader {
  const [items, setItems] = useState<UploadItem[]>([]);
  const [refused, setRefused] = useState<string[]>([]);
  const itemsRef = useLatest(items);
  const confirmedRef = useLatest(confirmed);
  const jobs = useRef(new Map<string, Job>());
  const limit = useMemo(() => pLimit(PARALLEL_UPLOADS), []);
  const toConfirm = useRef(new Set<string>());
  const confirming = useRef(false);

  const patch = useCallback((key: string, change: Partial<UploadItem>) => {
    setItems((prev) => prev.map((item) => (item.key === key ? { ...item, ...change } : item)));
  }, []);

  const fail = useCallback(
    (keys: string[], err: unknown) => {
      const error = describeError(err);
      for (const key of keys) patch(key, { state: 'failed', error });
    },
    [patch],
  );

  // Confirmations are sent one call at a time, with whatever finished meanwhile: each call is a
  // transaction on the order document, and parallel ones would only contend for it.
  const flushConfirms = useCallback(async () => {
    if (confirming.current) return;
    confirming.current = true;
    try {
      while (toConfirm.current.size > 0) {
        const keys = [...toConfirm.current].slice(0, MAX_UPLOADS_PER_ORDER);
        keys.forEach((key) => toConfirm.current.delete(key));
        const byOrder = new Map<string, { key: string; photoId: string }[]>();
        for (const key of keys) {
          const job = jobs.current.get(key);
          if (!job?.target) continue;
          const list = byOrder.get(job.orderId) ?? [];
          list.push({ key, photoId: job.target.photoId });
          byOrder.set(job.orderId, list);
        }
        for (const [forOrder, list] of byOrder) {
          try {
            const res = await callFunction('confirmUploads', {
              orderId: forOrder,
              photoIds: list.map((l) => l.photoId),
            });
            const done = new Set(res.confirmed);
            for (const { key, photoId } of list) {
              if (done.has(photoId)) {
                patch(key, { state: 'done', progress: 1, error: null });
              } else {
                const job = jobs.current.get(key);
                if (job) job.sent = false;
                patch(key, { state: 'failed', error: 'The upload did not arrive. Retry to send it again.' });
              }
            }
          } catch (err) {
            fail(
              list.map((l) => l.key),
              err,
            );
          }
        }
      }
    } finally {
      confirming.current = false;
    }
  }, [fail, patch]);

  const send = useCallback(
    async (key: string) => {
      const job = jobs.current.get(key);
      if (!job?.target) return;
      const { target } = job;
      if (target.expiresAt - URL_SAFETY_MS < Date.now()) {
        patch(key, { state: 'failed', error: 'The upload link expired before it was used. Retry.' });
        return;
      }
      patch(key, { state: 'uploading', progress: 0, error: null });
      let shown = 0;
      try {
        await putFile(target.url, uploadHeaders(job.contentType, target.headers), job.file, (fraction) => {
          // Re-render per whole percent, not per progress event.
          if (fraction - shown >= 0.01) {
            shown = fraction;
            patch(key, { progress: fraction });
          }
        });
      } catch (err) {
        fail([key], err);
        return;
      }
      job.sent = true;
      patch(key, { state: 'confirming', progress: 1 });
      toConfirm.current.add(key);
      void flushConfirms();
    },
    [fail, flushConfirms, patch],
  );

  /** One createUploadUrls call for files of one order, then their PUTs. */
  const start = useCallback(
    async (keys: string[]) => {
      const list = keys.flatMap((key) => {
        const job = jobs.current.get(key);
        return job ? [{ key, job }] : [];
      });
      const first = list[0];
      if (!first) return;
      try {
        const { uploads } = await callFunction('createUploadUrls', {
          orderId: first.job.orderId,
          files: list.map(({ job }) => ({
            name: uploadFileName(job.file.name),
            contentType: job.contentType,
            size: job.file.size,
          })),
        });
        if (uploads.length !== list.length)
          throw new Error('The server returned the wrong number of upload links.');
        list.forEach(({ key, job }, i) => {
          const target = uploads[i]!;
          job.target = target;
          job.sent = false;
          patch(key, { photoId: target.photoId });
          void limit(() => send(key));
        });
      } catch (err) {
        fail(
          list.map((l) => l.key),
          err,
        );
      }
    },
    [fail, limit, patch, send],
  );

  const addFiles = useCallback(
    (files: File[]) => {
      if (files.length === 0) return;
      const busy = itemsRef.current.filter(
        (i) =>
          i.orderId === orderId &&
          (i.state === 'queued' || i.state === 'uploading' || i.state === 'confirming'),
      ).length;
      const screened = screenFiles(files, MAX_UPLOADS_PER_ORDER - confirmedRef.current - busy);
      setRefused(screened.refused);
      if (screened.accepted.length === 0) return;

      const added: UploadItem[] = screened.accepted.map(({ file, contentType }) => {
        const key = `upload-${++keySeq}`;
        jobs.current.set(key, { file, orderId, contentType, target: null, sent: false });
        return {
          key,
          orderId,
          name: file.name,
          size: file.size,
          contentType,
          state: 'queued',
          progress: 0,
          previewUrl: canPreview(contentType) ? URL.createObjectURL(file) : undefined,
          photoId: null,
          error: null,
        };
      });
      setItems((prev) => [...prev, ...added]);
      void start(added.map((i) => i.key));
    },
    [orderId, start, itemsRef, confirmedRef],
  );

  const retry = useCallback(
    (key: string) => {
      const job = jobs.current.get(key);
      const item = itemsRef.current.find((i) => i.key === key);
      if (!job || item?.state !== 'failed') return;
      if (job.sent) {
        patch(key, { state: 'confirming', error: null });
        toConfirm.current.add(key);
        void flushConfirms();
        return;
      }
      // A new URL (and photo id) every time: the old one may have expired or been refused.
      patch(key, { state: 'queued', progress: 0, error: null, photoId: null });
      void start([key]);
    },
    [flushConfirms, patch, start, itemsRef],
  );

  const dismissRefused = useCallback(() => setRefused([]), []);

  // Object URLs hold the file in memory until revoked: on unmount, those of the items as they are then.
  useEffect(() => {
    const current = jobs.current;
    const latest = itemsRef;
    return () => {
      for (const item of latest.current) if (item.previewUrl) URL.revokeObjectURL(item.previewUrl);
      current.clear();
    };
  }, [itemsRef]);

  const previewKey = items
    .filter((i) => i.photoId && i.previewUrl)
    .map((i) => `${i.photoId}=${i.previewUrl}`)
    .join('\n');
  const previews = useMemo(() => {
    const map = new Map<string, string>();
    for (const line of previewKey ? previewKey.split('\n') : []) {
      const at = line.indexOf('=');
      map.set(line.slice(0, at), line.slice(at + 1));
    }
    return map;
  }, [previewKey]);

  const mine = useMemo(() => items.filter((i) => i.orderId === orderId), [items, orderId]);
  return { items: mine, previews, refused, addFiles, retry, dismissRefused };
}
