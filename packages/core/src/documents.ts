import { z } from 'zod';
import { OrderStatus } from './order-status.js';
import { PlanId } from './plans.js';
import { PhotoVerdict, QcReason, UploadContentType } from './qc.js';
import { QcTip } from './qc-set.js';
import { StyleId, SubjectClass } from './styles.js';

/**
 * Firestore document shapes. Timestamps differ between the admin and web SDKs, so they are typed
 * structurally; the server always writes them with serverTimestamp().
 */
export const TimestampLike = z.custom<{ toMillis(): number }>(
  (v) => typeof v === 'object' && v !== null && typeof (v as { toMillis?: unknown }).toMillis === 'function',
  { message: 'Expected a Firestore timestamp' },
);

export const ErrorInfo = z.object({ code: z.string(), message: z.string(), at: TimestampLike.optional() });
export type ErrorInfo = z.infer<typeof ErrorInfo>;

/** An order's photo counters: confirmUploads adds uploads, set-level QC recounts the rest. */
export const PhotoCounts = z.object({
  uploaded: z.number(),
  pending: z.number(),
  accepted: z.number(),
  rejected: z.number(),
  /** Set-level QC: accepted photos with near-copies counted once, and of those, the set's person. */
  distinct: z.number().optional(),
  counted: z.number().optional(),
});
export type PhotoCounts = z.infer<typeof PhotoCounts>;

/** An order's headshot counters: planned when training succeeds, done or failed as jobs settle. */
export const ImageCounts = z.object({ planned: z.number(), done: z.number(), failed: z.number() });
export type ImageCounts = z.infer<typeof ImageCounts>;

/** What the browser may write when it creates an order (firestore.rules enforce the same). */
export const DraftOrderFields = z.object({
  subjectClass: SubjectClass,
  styleIds: z.array(StyleId).min(1).max(10),
  planId: PlanId,
});
export type DraftOrderFields = z.infer<typeof DraftOrderFields>;

export const OrderDoc = DraftOrderFields.extend({
  uid: z.string(),
  status: OrderStatus,
  createdAt: TimestampLike,
  updatedAt: TimestampLike,
  /** When each status was entered: the order page and the operator read progress from it. */
  statusAt: z.partialRecord(OrderStatus, TimestampLike).optional(),
  photos: PhotoCounts.optional(),
  /** Set-level QC of the judged photos, rewritten whole after every verdict. */
  qc: z
    .object({
      gateMessage: z.string(),
      needed: z.number(),
      tip: QcTip.nullable(),
      /** A default for the subject picker only; the customer's choice wins. */
      suggestedClass: SubjectClass.nullable(),
    })
    .optional(),
  images: ImageCounts.optional(),
  payment: z
    .object({
      sessionId: z.string(),
      amountTotal: z.number().nullable(),
      currency: z.string().nullable(),
      discountCode: z.string().nullable().optional(),
      paidAt: TimestampLike.optional(),
    })
    .optional(),
  checkout: z.object({ sessionId: z.string(), url: z.string(), createdAt: TimestampLike }).optional(),
  training: z
    .object({
      id: z.string(),
      status: z.string(),
      startedAt: TimestampLike.optional(),
      finishedAt: TimestampLike.optional(),
    })
    .optional(),
  error: ErrorInfo.nullable().optional(),
});
export type OrderDoc = z.infer<typeof OrderDoc>;

export const PhotoDoc = z.object({
  uid: z.string(),
  orderId: z.string(),
  fileName: z.string(),
  contentType: UploadContentType,
  size: z.number(),
  storagePath: z.string(),
  status: PhotoVerdict,
  reasons: z.array(QcReason),
  width: z.number().optional(),
  height: z.number().optional(),
  cropPath: z.string().optional(),
  thumbPath: z.string().optional(),
  /**
   * Set-level flags (near-copy of another photo, someone else): recomputed as photos arrive, so an
   * accepted photo may gain or lose them. A flagged photo does not count towards the gate or training.
   */
  setReasons: z.array(QcReason).optional(),
  createdAt: TimestampLike,
  checkedAt: TimestampLike.optional(),
});
export type PhotoDoc = z.infer<typeof PhotoDoc>;

export const JobStatus = z.enum(['queued', 'running', 'succeeded', 'failed']);
export type JobStatus = z.infer<typeof JobStatus>;

/** One prediction of the shared predictor (numOutputs images of one style). Server-only. */
export const JobDoc = z.object({
  orderId: z.string(),
  styleId: z.string(),
  batch: z.number(),
  prompt: z.string(),
  numOutputs: z.number(),
  seed: z.number(),
  status: JobStatus,
  attempt: z.number(),
  maxAttempts: z.number(),
  predictionId: z.string().nullable(),
  error: ErrorInfo.nullable(),
  ingested: z.boolean(),
  createdAt: TimestampLike,
  updatedAt: TimestampLike,
});
export type JobDoc = z.infer<typeof JobDoc>;

export const Rating = z.number().int().min(1).max(5);

export const ImageDoc = z.object({
  uid: z.string(),
  orderId: z.string(),
  styleId: z.string(),
  jobId: z.string(),
  index: z.number(),
  storagePath: z.string(),
  thumbPath: z.string(),
  width: z.number(),
  height: z.number(),
  contentType: z.string(),
  /** True when the image came from the local stand-in generator, not the FLUX model. */
  localPreview: z.boolean(),
  createdAt: TimestampLike,
  /** The only fields the customer may write. */
  rating: Rating.nullable(),
  favorite: z.boolean(),
});
export type ImageDoc = z.infer<typeof ImageDoc>;

export const COLLECTIONS = {
  orders: 'orders',
  photos: 'photos',
  /** Server-only per-photo QC signals (face embedding, hashes): never readable by a browser. */
  qcSignals: 'qcSignals',
  images: 'images',
  jobs: 'jobs',
  stripeEvents: 'stripeEvents',
  webhookEvents: 'webhookEvents',
  mail: 'mail',
  /** Server-only, under an order: what the browser announced before uploading each selfie. */
  uploadIntents: 'uploadIntents',
  /** Server-only, under an order: `private/pipeline` holds the LoRA location and training claim. */
  private: 'private',
} as const;
