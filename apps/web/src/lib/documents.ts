import {
  ImageDoc,
  JobDoc,
  OrderDoc,
  PhotoDoc,
  type JobStatus,
  type OrderStatus,
  type PhotoVerdict,
  type PlanId,
  type QcReason,
  type QcTip,
  type SubjectClass,
} from '@likeness/core';
import type { z } from 'zod';

/**
 * Firestore documents as the pages use them: validated with the shared zod schemas (a document that
 * does not match is an error, not a guess) and with timestamps turned into epoch milliseconds, so
 * views are plain data that render the same on the server and in the browser.
 */

type Millis = number;
type Timestamp = { toMillis(): number };

export interface ErrorView {
  code: string;
  message: string;
}

export interface OrderView {
  id: string;
  uid: string;
  status: OrderStatus;
  subjectClass: SubjectClass;
  styleIds: string[];
  planId: PlanId;
  createdAt: Millis;
  updatedAt: Millis;
  /** When each status was entered (written by the server; a fresh draft has none). */
  statusAt: Partial<Record<OrderStatus, Millis>>;
  /** Counters kept by the functions; `distinct` and `counted` come from set-level QC. */
  photos:
    | {
        uploaded: number;
        pending: number;
        accepted: number;
        rejected: number;
        distinct?: number | undefined;
        counted?: number | undefined;
      }
    | undefined;
  /** Set-level QC of the judged photos. */
  qc:
    | { gateMessage: string; needed: number; tip: QcTip | null; suggestedClass: SubjectClass | null }
    | undefined;
  images: { planned: number; done: number; failed: number } | undefined;
  error: ErrorView | null;
}

export interface PhotoView {
  id: string;
  fileName: string;
  size: number;
  status: PhotoVerdict;
  reasons: QcReason[];
  /** Set-level flags (near-copy, someone else): an accepted photo with any does not count. */
  setReasons: QcReason[] | undefined;
  thumbPath: string | undefined;
  width: number | undefined;
  height: number | undefined;
  createdAt: Millis;
  checkedAt: Millis | undefined;
}

export interface ImageView {
  id: string;
  styleId: string;
  jobId: string;
  /** Position among the outputs of its job. */
  index: number;
  width: number;
  height: number;
  localPreview: boolean;
  rating: number | null;
  favorite: boolean;
  createdAt: Millis;
}

export interface JobView {
  id: string;
  orderId: string;
  styleId: string;
  batch: number;
  status: JobStatus;
  attempt: number;
  maxAttempts: number;
  numOutputs: number;
  predictionId: string | null;
  ingested: boolean;
  error: ErrorView | null;
  createdAt: Millis;
  updatedAt: Millis;
}

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

function parse<S extends z.ZodType>(schema: S, path: string, data: unknown): z.output<S> {
  const result = schema.safeParse(data);
  if (!result.success) throw new DocumentError(path, result.error.issues);
  return result.data;
}

const ms = (t: Timestamp): Millis => t.toMillis();
const msOrUndefined = (t: Timestamp | undefined): Millis | undefined => (t ? t.toMillis() : undefined);
const errorView = (e: { code: string; message: string } | null | undefined): ErrorView | null =>
  e ? { code: e.code, message: e.message } : null;

/**
 * `data` is a snapshot's data; read it with `{ serverTimestamps: 'estimate' }` so that a document the
 * browser has just written (timestamps still pending) already parses.
 */
export function toOrderView(id: string, data: unknown): OrderView {
  const d = parse(OrderDoc, `orders/${id}`, data);
  const statusAt: Partial<Record<OrderStatus, Millis>> = {};
  for (const [status, at] of Object.entries(d.statusAt ?? {}) as [OrderStatus, Timestamp | undefined][]) {
    if (at) statusAt[status] = ms(at);
  }
  return {
    id,
    uid: d.uid,
    status: d.status,
    subjectClass: d.subjectClass,
    styleIds: d.styleIds,
    planId: d.planId,
    createdAt: ms(d.createdAt),
    updatedAt: ms(d.updatedAt),
    statusAt,
    photos: d.photos,
    qc: d.qc,
    images: d.images,
    error: errorView(d.error),
  };
}

export function toPhotoView(orderId: string, id: string, data: unknown): PhotoView {
  const d = parse(PhotoDoc, `orders/${orderId}/photos/${id}`, data);
  return {
    id,
    fileName: d.fileName,
    size: d.size,
    status: d.status,
    reasons: d.reasons,
    setReasons: d.setReasons,
    thumbPath: d.thumbPath,
    width: d.width,
    height: d.height,
    createdAt: ms(d.createdAt),
    checkedAt: msOrUndefined(d.checkedAt),
  };
}

export function toImageView(orderId: string, id: string, data: unknown): ImageView {
  const d = parse(ImageDoc, `orders/${orderId}/images/${id}`, data);
  return {
    id,
    styleId: d.styleId,
    jobId: d.jobId,
    index: d.index,
    width: d.width,
    height: d.height,
    localPreview: d.localPreview,
    rating: d.rating,
    favorite: d.favorite,
    createdAt: ms(d.createdAt),
  };
}

export function toJobView(orderId: string, id: string, data: unknown): JobView {
  const d = parse(JobDoc, `orders/${orderId}/jobs/${id}`, data);
  return {
    id,
    orderId: d.orderId,
    styleId: d.styleId,
    batch: d.batch,
    status: d.status,
    attempt: d.attempt,
    maxAttempts: d.maxAttempts,
    numOutputs: d.numOutputs,
    predictionId: d.predictionId,
    ingested: d.ingested,
    error: errorView(d.error),
    createdAt: ms(d.createdAt),
    updatedAt: ms(d.updatedAt),
  };
}
