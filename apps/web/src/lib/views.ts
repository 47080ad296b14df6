import { AuditEntryDoc, FunnelDailyDoc, ImageDoc, JobDoc, OrderDoc, PhotoDoc, UserDoc } from '@likeness/core';
import { z } from 'zod';

// A page parses a few dozen documents per schema. zod's JIT compiles a parser per object schema (with
// new Function) on first use, which cost the order page more main-thread time than it saved.
z.config({ jitless: true });

/**
 * Firestore documents as the pages use them: validated with the shared zod schemas (a document that
 * does not match is an error, not a guess) and with timestamps turned into epoch milliseconds, so
 * views are plain data that render the same on the server and in the browser.
 */

type Timestamp = { toMillis(): number };

/** A parsed document with every timestamp in it, however deep, as epoch milliseconds. */
export type Viewed<T> = T extends Timestamp
  ? number
  : T extends readonly (infer E)[]
    ? Viewed<E>[]
    : T extends object
      ? { [K in keyof T]: Viewed<T[K]> }
      : T;

export type View<S extends z.ZodType> = { id: string } & Viewed<z.output<S>>;
export type OrderView = View<typeof OrderDoc>;
export type PhotoView = View<typeof PhotoDoc>;
export type ImageView = View<typeof ImageDoc>;
export type JobView = View<typeof JobDoc>;
export type AuditEntryView = View<typeof AuditEntryDoc>;
export type UserView = View<typeof UserDoc>;
/** A `funnelDaily` day: its id is the UTC day (YYYY-MM-DD). */
export type FunnelDayView = View<typeof FunnelDailyDoc>;

/**
 * A document as read, before it is checked. Read `data` with `{ serverTimestamps: 'estimate' }` so
 * that a document the browser has just written (timestamps still pending) already parses.
 */
export interface RawDoc {
  id: string;
  /** Named in errors. */
  path: string;
  data: unknown;
}

export type ToView<V> = (doc: RawDoc) => V;

export class DocumentError extends Error {
  constructor(
    readonly path: string,
    readonly issues: z.ZodError['issues'],
  ) {
    const first = issues[0];
    super(
      `${path} does not match its schema` +
        (first ? `: ${first.path.join('.') || '(document)'} ${first.message}` : ''),
    );
    this.name = 'DocumentError';
  }
}

const isTimestamp = (value: unknown): value is Timestamp =>
  typeof value === 'object' && value !== null && typeof (value as Timestamp).toMillis === 'function';

function withMillis<T>(value: T): Viewed<T> {
  if (isTimestamp(value)) return value.toMillis() as Viewed<T>;
  if (Array.isArray(value)) return value.map(withMillis) as Viewed<T>;
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([key, v]) => [key, withMillis(v)])) as Viewed<T>;
  }
  return value as Viewed<T>;
}

function viewOf<S extends z.ZodType>(schema: S): ToView<View<S>> {
  return ({ id, path, data }) => {
    const parsed = schema.safeParse(data);
    if (!parsed.success) throw new DocumentError(path, parsed.error.issues);
    return Object.assign({ id }, withMillis(parsed.data as z.output<S>));
  };
}

export const toOrderView = viewOf(OrderDoc);
export const toPhotoView = viewOf(PhotoDoc);
export const toImageView = viewOf(ImageDoc);
export const toJobView = viewOf(JobDoc);
export const toAuditEntryView = viewOf(AuditEntryDoc);
export const toUserView = viewOf(UserDoc);
export const toFunnelDayView = viewOf(FunnelDailyDoc);
