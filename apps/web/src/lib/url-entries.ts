/**
 * Bookkeeping of one signed URL per file id: when to fetch it again, and when to give up on it.
 * Pure (time is passed in), so the rules are unit-tested; signed-urls.ts applies them.
 */

export interface UrlEntry {
  url: string | undefined;
  /** When to fetch again: shortly before expiry, or after a back-off following a failure. */
  refreshAt: number;
  /** Failed getFileUrls calls in a row: they only slow retries down (a busy or offline server). */
  errors: number;
  /** Signs that the file itself is the problem: left out of the answer, or its URL fails to load. */
  strikes: number;
  struckAt: number;
  /** Given up on: the page shows a placeholder. */
  broken: boolean;
}

/** Renew this long before expiry, so an <img> never gets a URL about to expire. */
export const RENEW_MARGIN_MS = 60_000;
/** Strikes in quick succession before an id is given up on. */
export const MAX_STRIKES = 3;
/** A strike this long after the previous one starts the count again (a URL that expired, much later). */
export const STRIKE_MEMORY_MS = 60_000;
const MAX_BACKOFF_MS = 30_000;

export const backoff = (attempt: number): number =>
  Math.min(MAX_BACKOFF_MS, 1000 * 2 ** Math.max(0, attempt - 1));

const EMPTY: UrlEntry = { url: undefined, refreshAt: 0, errors: 0, strikes: 0, struckAt: 0, broken: false };

function struck(old: UrlEntry, now: number): UrlEntry {
  const strikes = (now - old.struckAt < STRIKE_MEMORY_MS ? old.strikes : 0) + 1;
  return {
    ...old,
    refreshAt: now + backoff(strikes),
    strikes,
    struckAt: now,
    broken: strikes >= MAX_STRIKES,
  };
}

/** getFileUrls answered: with a URL for the id, or without one (no such file, or not yet). */
export function answered(
  old: UrlEntry | undefined,
  url: string | undefined,
  expiresAt: number,
  now: number,
): UrlEntry {
  const base = old ?? EMPTY;
  if (!url) return struck({ ...base, url: undefined, errors: 0 }, now);
  return { ...base, url, refreshAt: expiresAt - RENEW_MARGIN_MS, errors: 0, broken: false };
}

/** The call itself failed: try again later, never give up, keep the URL we had. */
export function callFailed(old: UrlEntry | undefined, now: number): UrlEntry {
  const base = old ?? EMPTY;
  const errors = base.errors + 1;
  return { ...base, errors, refreshAt: now + backoff(errors) };
}

/** The page could not load the URL (expired, or the file is gone): fetch a new one, a few times. */
export function loadFailed(old: UrlEntry, now: number): UrlEntry {
  return old.broken ? old : struck(old, now);
}

/** Whether the id needs a (new) URL now. */
export const isDue = (entry: UrlEntry | undefined, now: number): boolean =>
  !entry || (!entry.broken && entry.refreshAt <= now);

/** When the earliest of these entries falls due; Infinity when none will. */
export function nextDue(entries: Iterable<UrlEntry | undefined>, now: number): number {
  let next = Infinity;
  for (const e of entries) if (e && !e.broken && e.refreshAt > now) next = Math.min(next, e.refreshAt);
  return next;
}
