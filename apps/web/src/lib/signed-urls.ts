'use client';

import type { DownloadFormat, GetFileUrlsRequest } from '@likeness/core';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { callFunction } from './firebase/callables';
import { answered, callFailed, isDue, loadFailed, nextDue, type UrlEntry } from './url-entries';
import { useLatest } from './use-latest';

export type FileKind = GetFileUrlsRequest['kind'];

/** Short-lived signed GET URLs for an order's files, fetched in batches and renewed before they expire. */
export interface SignedUrls {
  /** The URL for an id, once fetched. */
  urlFor(id: string): string | undefined;
  /** True when no URL can be had for the id (no such file, or it kept failing to load). */
  broken(id: string): boolean;
  /** For an <img> that failed to load (typically an expired URL): fetch a new URL, a few times at most. */
  reload(id: string): void;
  /**
   * A new URL for one file, now; with `download`, one that makes the browser save it, and with
   * `format` a headshot's profile crop (cut on the server). Stable identity.
   */
  fresh(id: string, options?: FreshOptions): Promise<string>;
}

export interface FreshOptions {
  download?: boolean;
  format?: DownloadFormat;
}

/** getFileUrls takes at most this many ids per call. */
const MAX_IDS_PER_CALL = 200;
/** Ids that arrive close together (snapshots of new images) go out in one call. */
const GATHER_MS = 200;

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

export function useSignedUrls(orderId: string, kind: FileKind, ids: readonly string[]): SignedUrls {
  const scope = `${orderId}/${kind}`;
  const [state, setState] = useState<{ scope: string; entries: ReadonlyMap<string, UrlEntry> }>({
    scope,
    entries: new Map(),
  });
  const entries = useMemo(
    () => (state.scope === scope ? state.entries : new Map<string, UrlEntry>()),
    [state, scope],
  );
  const [tick, setTick] = useState(0);
  // One getFileUrls call at a time per hook: ids that turn up meanwhile wait and go out together.
  // Parallel calls would each start a function instance, which is what a busy backend (or the
  // emulator on a small machine, while the pipeline runs) can least afford.
  const busy = useRef(false);
  const scopeRef = useLatest(scope);
  const entriesRef = useLatest(entries);
  // Callers pass a new array on every render; only its content matters.
  const idsKey = useMemo(() => [...new Set(ids)].sort().join('\n'), [ids]);

  const update = useCallback(
    (forScope: string, change: (next: Map<string, UrlEntry>) => void) =>
      setState((prev) => {
        if (forScope !== scopeRef.current) return prev;
        const next = new Map(prev.scope === forScope ? prev.entries : []);
        change(next);
        return { scope: forScope, entries: next };
      }),
    [scopeRef],
  );

  const load = useCallback(
    async (wanted: string[]) => {
      if (busy.current || wanted.length === 0) return;
      busy.current = true;
      const forScope = scope;
      try {
        for (const batch of chunks(wanted, MAX_IDS_PER_CALL)) {
          try {
            const { urls, expiresAt } = await callFunction('getFileUrls', { orderId, kind, ids: batch });
            update(forScope, (next) => {
              const now = Date.now();
              for (const id of batch) next.set(id, answered(next.get(id), urls[id], expiresAt, now));
            });
          } catch (err) {
            console.error(err);
            update(forScope, (next) => {
              const now = Date.now();
              for (const id of batch) next.set(id, callFailed(next.get(id), now));
            });
          }
        }
      } finally {
        busy.current = false;
        // Look again: ids may have been added, or become due, while this call was out.
        setTick((t) => t + 1);
      }
    },
    [orderId, kind, scope, update],
  );

  // Fetch what is missing or due, and wake up again when the next URL falls due.
  useEffect(() => {
    const wanted = idsKey ? idsKey.split('\n') : [];
    const now = Date.now();
    const due = wanted.filter((id) => isDue(entries.get(id), now));
    const wake = nextDue(
      wanted.map((id) => entries.get(id)),
      now,
    );
    const timers: ReturnType<typeof setTimeout>[] = [];
    if (due.length > 0) timers.push(setTimeout(() => void load(due), GATHER_MS));
    if (Number.isFinite(wake)) timers.push(setTimeout(() => setTick((t) => t + 1), wake - now + 10));
    return () => timers.forEach(clearTimeout);
  }, [idsKey, entries, load, tick]);

  const reload = useCallback(
    (id: string) =>
      update(scope, (next) => {
        const old = next.get(id);
        if (old) next.set(id, loadFailed(old, Date.now()));
      }),
    [scope, update],
  );

  const fresh = useCallback(
    async (id: string, options?: FreshOptions) => {
      const download = options?.download === true;
      const format = options?.format && options.format !== 'original' ? options.format : undefined;
      // Only the plain file's URL is kept: the one the gallery shows.
      const plain = !download && !format;
      const known = entriesRef.current.get(id);
      if (plain && known?.url && !isDue(known, Date.now())) return known.url;
      const { urls, expiresAt } = await callFunction('getFileUrls', {
        orderId,
        kind,
        ids: [id],
        ...(download ? { download: true } : {}),
        ...(format ? { format } : {}),
      });
      const url = urls[id];
      if (!url) throw new Error('This file is not available yet. Please try again in a moment.');
      if (plain) {
        update(scope, (next) => next.set(id, answered(undefined, url, expiresAt, Date.now())));
      }
      return url;
    },
    [orderId, kind, scope, update, entriesRef],
  );

  return useMemo<SignedUrls>(
    () => ({
      urlFor: (id) => entries.get(id)?.url,
      broken: (id) => entries.get(id)?.broken ?? false,
      reload,
      fresh,
    }),
    [entries, reload, fresh],
  );
}
