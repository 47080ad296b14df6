import { z } from 'zod';
import { FaceBox } from './crops.js';
import { Attribution } from './funnel.js';
import { Likeness } from './likeness.js';
import { RedoCounts, RedoKind } from './redo.js';
import { OrderStatus } from './order-status.js';
import { Currency, PlanId } from './plans.js';
import { PhotoVerdict, QcReason, UploadContentType } from './qc.js';
import { QcTip } from './qc-set.js';
import { ConsentChoices, ErasureReason, ErasureScope, ErasureState } from './privacy.js';
import { StyleId, SubjectClass } from './styles.js';
import { EmailPreferences } from './winback.js';

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

/**
 * An order's headshot counters: planned when training succeeds, done or failed as jobs settle.
 * `redoing` counts automatic redos still running (the order settles only at 0); `blocked` counts
 * images the model's safety check held back that no redo replaced (also counted in `failed`).
 */
export const ImageCounts = z.object({
  planned: z.number(),
  done: z.number(),
  failed: z.number(),
  redoing: z.number().optional(),
  blocked: z.number().optional(),
  /** Weak likenesses kept as they came, without an automatic redo (core/redo.ts chooseAutoRedos). */
  weakKept: z.number().optional(),
});
export type ImageCounts = z.infer<typeof ImageCounts>;

export const PAYMENT_ISSUE_CODES = [
  'second_payment',
  'not_this_orders_session',
  'plan_mismatch',
  'amount_mismatch',
  'not_payable',
] as const;

export const PaymentIssue = z.object({
  code: z.enum(PAYMENT_ISSUE_CODES),
  message: z.string(),
  sessionId: z.string().nullable(),
  /** The payment to refund (null when a 100 % code left nothing to pay). */
  paymentIntent: z.string().nullable(),
  amount: z.number().nullable(),
  currency: z.string().nullable(),
  /** Refunded automatically (the refund id), or null where the operator must decide. */
  refundId: z.string().nullable(),
  at: TimestampLike.optional(),
});
export type PaymentIssue = z.infer<typeof PaymentIssue>;

/** What the browser may write when it creates an order (firestore.rules enforce the same). */
export const DraftOrderFields = z.object({
  subjectClass: SubjectClass,
  styleIds: z.array(StyleId).min(1).max(10),
  planId: PlanId,
  /** What checkout charges (the city page's country's, from `?currency=`); absent on older orders: USD. */
  currency: Currency.optional(),
});
export type DraftOrderFields = z.infer<typeof DraftOrderFields>;

export const OrderDoc = DraftOrderFields.extend({
  uid: z.string(),
  status: OrderStatus,
  createdAt: TimestampLike,
  updatedAt: TimestampLike,
  /** First-touch UTM source, gclid and landing page, written by the browser with the draft. */
  attribution: Attribution.optional(),
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
      /** Stripe's PaymentIntent of the payment (null when a 100 % code left nothing to pay). */
      paymentIntent: z.string().nullable().optional(),
      paidAt: TimestampLike.optional(),
    })
    .optional(),
  /**
   * Money that arrived but does not fit the order (a second payment, a session that was not the
   * order's, an amount or plan that does not match). Recorded for the operator; refunded
   * automatically where the money is not ours to keep.
   */
  paymentIssues: z.array(PaymentIssue).optional(),
  /** Refunds of the order's payment, as Stripe reports them (charge.refunded). */
  refund: z
    .object({
      amountRefunded: z.number(),
      currency: z.string(),
      full: z.boolean(),
      reason: z.string().nullable(),
      at: TimestampLike.optional(),
    })
    .optional(),
  /** A card dispute on the order's payment; while open, GPU work is paused. */
  dispute: z
    .object({
      id: z.string(),
      status: z.string(),
      reason: z.string().nullable(),
      amount: z.number(),
      currency: z.string(),
      open: z.boolean(),
      at: TimestampLike.optional(),
    })
    .optional(),
  /**
   * Set by an operator (operatorSetGallery, audited): while `open` is false the customer gets no
   * headshot URLs or zip. The customer can read this document, `reason` included.
   */
  gallery: z
    .object({ open: z.boolean(), by: z.string(), at: TimestampLike.optional(), reason: z.string() })
    .optional(),
  /**
   * Headshot downloads (getFileUrls with `download`, createZipDownload), recorded before the file
   * is handed out: the refund guarantee (core/refund-guarantee.ts) applies only while none was made.
   */
  downloads: z
    .object({ count: z.number().int().nonnegative(), firstAt: TimestampLike.optional() })
    .optional(),
  /**
   * A refund the customer asked for outside the guarantee's rule (requestRefund), waiting in the
   * operator's queue; an operator refund answers it and sets it to null.
   */
  refundRequest: z
    .object({ reason: z.string(), at: TimestampLike.optional(), uid: z.string() })
    .nullable()
    .optional(),
  checkout: z.object({ sessionId: z.string(), url: z.string(), createdAt: TimestampLike }).optional(),
  /** Discount codes tried on this order that did not exist (bounded, so codes cannot be guessed). */
  discountAttempts: z.number().optional(),
  training: z
    .object({
      id: z.string(),
      status: z.string(),
      startedAt: TimestampLike.optional(),
      finishedAt: TimestampLike.optional(),
    })
    .optional(),
  error: ErrorInfo.nullable().optional(),
  /**
   * GPU seconds the order used, as Replicate reported them (`metrics.predict_time`): added once per
   * finished training and per finished prediction attempt (failed ones cost money too). Read by the
   * console's unit economics (core/economics.ts).
   */
  costs: z
    .object({ trainingGpuSec: z.number().optional(), predictionGpuSec: z.number().optional() })
    .optional(),
  /**
   * A deletion of the order's data (functions/src/erasure): one routine for the customer, the account
   * and the retention schedule, recording each finished step so a retry resumes where it stopped.
   */
  erasure: z
    .object({
      scope: ErasureScope,
      reason: ErasureReason,
      state: ErasureState,
      /** Steps finished so far (names of the routine's steps). */
      done: z.array(z.string()),
      /** What was removed, for the receipt. */
      removed: z.record(z.string(), z.number()).optional(),
      attempts: z.number().int().nonnegative(),
      lastError: z.string().nullable(),
      requestedAt: TimestampLike.optional(),
      finishedAt: TimestampLike.optional(),
    })
    .optional(),
  /**
   * The customer's rating of the order as a whole, from the stars in the rating-request email
   * (functions/src/winback/rate-order.ts): one per order, a later answer replaces it.
   */
  rating: z.object({ stars: z.number().int().min(1).max(5), at: TimestampLike.optional() }).optional(),
  /** Redos of single headshots (core/redo.ts): the customer's allowance and the pipeline's own. */
  redos: RedoCounts.optional(),
  /** What the retention schedule already did to the order (privacy.ts). */
  retention: z
    .object({ trainingDataErasedAt: TimestampLike.optional(), remindedAt: TimestampLike.optional() })
    .optional(),
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
  /** The prediction whose GPU seconds were added to the order's costs, so none is counted twice. */
  gpuCountedFor: z.string().optional(),
  /** Set on a redo of one headshot (numOutputs 1): whose slot it fills and what it replaces. */
  redo: z
    .object({
      kind: RedoKind,
      /** The slot's first output: its image id, and the job and index the gallery orders it by. */
      slot: z.object({ imageId: z.string(), jobId: z.string(), index: z.number().int() }),
      /** The image doc it replaces; null for a slot whose output the safety check blocked. */
      replaces: z.string().nullable(),
      /** The id the new image gets. */
      imageId: z.string(),
      /** Files of the image that lost, deleted after the swap commits (kept for a retried ingest). */
      discard: z.array(z.string()).optional(),
    })
    .optional(),
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
  /** "Is this me?", measured at ingest; absent when the order has no reference face. */
  likeness: Likeness.optional(),
  /**
   * Where the one face is, measured with the likeness at ingest: the profile crops (core/crops.ts) are
   * cut around it rather than the image centre. Absent when no single face was found (or the order
   * has no reference face, so nothing was measured): those crops are centred.
   */
  face: FaceBox.optional(),
  /**
   * Set on an image made by a redo (core/redo.ts): the slot it fills (the first output's id; jobId and
   * index stay the slot's, so the gallery order holds) and the redo job that made it.
   */
  slot: z.string().optional(),
  madeBy: z.string().optional(),
  /** A redo of this image is running: the gallery shows it as pending. */
  redo: z.object({ jobId: z.string(), kind: RedoKind, at: TimestampLike.optional() }).nullable().optional(),
  /** The last redo of this image produced nothing, in words (this image was kept). */
  redoFailed: z.string().nullable().optional(),
  createdAt: TimestampLike,
  /** The only fields the customer may write. */
  rating: Rating.nullable(),
  favorite: z.boolean(),
});
export type ImageDoc = z.infer<typeof ImageDoc>;

/**
 * `users/{uid}`: what the customer themselves wrote (their consent), readable by them only. The
 * browser writes it under firestore.rules, which demand the shape of ConsentChoices and the server's
 * clock for `at`.
 */
export const UserDoc = z.object({
  consent: ConsentChoices.extend({ at: TimestampLike }).optional(),
  /**
   * Marketing email choice, written by the functions only: the signed unsubscribe link, or the
   * account page's setMarketingEmail callable.
   */
  email: EmailPreferences.extend({ at: TimestampLike.optional() }).optional(),
  /** The account's Stripe Customer, which win-back codes are restricted to. Functions only. */
  billing: z.object({ stripeCustomerId: z.string() }).optional(),
});
export type UserDoc = z.infer<typeof UserDoc>;

/**
 * `accountDeletions/{uid}`: server-only progress of an account deletion. The email address is kept
 * only until the receipt is sent; afterwards the record says no more than that the account is gone.
 */
export const AccountDeletionDoc = z.object({
  state: ErasureState,
  email: z.string().nullable(),
  orderIds: z.array(z.string()),
  done: z.array(z.string()),
  attempts: z.number().int().nonnegative(),
  lastError: z.string().nullable(),
  requestedAt: TimestampLike.optional(),
  finishedAt: TimestampLike.optional(),
});
export type AccountDeletionDoc = z.infer<typeof AccountDeletionDoc>;

export const COLLECTIONS = {
  orders: 'orders',
  /** Per customer: their consent (browser-written under the rules). */
  users: 'users',
  /** Server-only: account deletions in progress and done. */
  accountDeletions: 'accountDeletions',
  photos: 'photos',
  /** Server-only per-photo QC signals (face embedding, hashes): never readable by a browser. */
  qcSignals: 'qcSignals',
  images: 'images',
  jobs: 'jobs',
  stripeEvents: 'stripeEvents',
  webhookEvents: 'webhookEvents',
  mail: 'mail',
  /** Server-only: per-user, per-callable call counts of the current minute. */
  rateLimits: 'rateLimits',
  /** Server-only, under an order: what the browser announced before uploading each selfie. */
  uploadIntents: 'uploadIntents',
  /** Server-only, under an order: `private/pipeline` holds the LoRA location and training claim. */
  private: 'private',
  auditLog: 'auditLog',
  /** Server-only: purchase and refund events for GA4, written with the money and sent once. */
  analyticsEvents: 'analyticsEvents',
  /** Server-only writes, operators read: landing views per UTC day, by source and page (core/landings.ts). */
  funnelDaily: 'funnelDaily',
  /** Public: figures measured on our own orders that the site quotes (core/turnaround.ts). */
  publicStats: 'publicStats',
  /** Server-only: operational state of the backend itself (`ops/warmPool`: the predictor's pool). */
  ops: 'ops',
} as const;
