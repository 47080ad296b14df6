import type { CallableSpec } from './callable-spec.js';
import { z } from 'zod';
import { TimestampLike } from './documents.js';
import { OrderStatus } from './order-status.js';

/**
 * Operator actions: the audit log's document shape and the callables only an operator (Auth custom
 * claim `operator: true`) may call. Every action records who did what, why, and the state before
 * and after in `auditLog/{seq}`, a hash chain the functions write (functions/src/operator/).
 */

/**
 * Same shape as DocId in callables.ts. That module imports this one to build CALLABLES, so
 * importing DocId back would read it before callables.ts has defined it.
 */
const OrderId = z.string().regex(/^[A-Za-z0-9_-]{1,128}$/, 'Invalid id');

/** Why the operator acted: kept in the audit log, so it must say something. */
export const OperatorReason = z
  .string()
  .trim()
  .min(3, 'Say why, in a few words.')
  .max(500, 'Keep the reason under 500 characters.');

/** Who acted: a signed-in operator, or a part of the system (a webhook, a sweeper) by name. */
export const AuditActor = z.union([
  z.object({ uid: z.string(), email: z.string().nullable() }),
  z.object({ system: z.string().min(1) }),
]);
export type AuditActor = z.infer<typeof AuditActor>;

/**
 * What an audit entry hashes, besides the link to the previous entry. `before` and `after` are
 * plain JSON (no timestamps or sentinels): they must read back exactly as they were hashed.
 */
export const AuditContent = z.object({
  seq: z.number().int().positive(),
  /** The append's own clock, hashed; `at` (server time) is not known until the write commits. */
  atIso: z.string(),
  actor: AuditActor,
  action: z.string().min(1),
  orderId: z.string().nullable(),
  before: z.json(),
  after: z.json(),
  reason: z.string().nullable(),
  prevHash: z.string(),
});
export type AuditContent = z.infer<typeof AuditContent>;

/** `auditLog/{seq}`: append-only; hash = sha256 of the canonical JSON of AuditContent. */
export const AuditEntryDoc = AuditContent.extend({
  /** Server time of the append, for queries and display; not part of the hash. */
  at: TimestampLike,
  hash: z.string(),
});
export type AuditEntryDoc = z.infer<typeof AuditEntryDoc>;

/** The emails an operator may send again (ids of functions/src/email/registry.ts). */
export const ResendableEmail = z.enum(['order-delivered', 'order-failed']);
export type ResendableEmail = z.infer<typeof ResendableEmail>;

/**
 * The order status that owes each of them, for the console's buttons; the functions refuse by
 * their email registry, and a unit test there checks the two agree.
 */
export const RESENDABLE_EMAIL_STATUS = {
  'order-delivered': 'delivered',
  'order-failed': 'failed',
} as const satisfies Record<ResendableEmail, OrderStatus>;

export const OperatorResendEmailRequest = z.object({
  orderId: OrderId,
  template: ResendableEmail,
  reason: OperatorReason,
});
export const OperatorResendEmailResponse = z.object({
  /** The `mail/{dedupeKey}` record the resend is sent under. */
  dedupeKey: z.string(),
  /** 1 for the first resend of this template to this order, and so on. */
  resend: z.number().int().positive(),
  /** True when an earlier resend had not gone out yet: it was queued again instead of a new one. */
  alreadyQueued: z.boolean(),
});

export const OperatorSetGalleryRequest = z.object({
  orderId: OrderId,
  open: z.boolean(),
  reason: OperatorReason,
});
export const OperatorSetGalleryResponse = z.object({
  open: z.boolean(),
  /** False when the gallery already was so (nothing written, nothing audited). */
  changed: z.boolean(),
});

export const OperatorVerifyAuditRequest = z.object({});
export const OperatorVerifyAuditResponse = z.object({
  ok: z.boolean(),
  /** Entries checked (all of them when ok; up to the broken one otherwise). */
  entries: z.number().int().nonnegative(),
  /** The first entry whose link does not hold, and what is wrong with it. */
  brokenAt: z.object({ seq: z.number().int(), problem: z.string() }).optional(),
});

export const OperatorRefundRequest = z.object({
  orderId: OrderId,
  /** Cents to refund; omitted refunds everything still refundable. */
  amount: z.number().int().positive('The amount must be at least 1 cent.').optional(),
  reason: OperatorReason,
  /**
   * Made once per confirmation in the console: a repeated call with it (a double click, a retry
   * after a timeout) refunds once, while a later, deliberate refund comes with a new one.
   */
  requestId: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, 'Invalid request id'),
});
export const OperatorRefundResponse = z.object({
  refundId: z.string(),
  /** Cents refunded by this request. */
  amount: z.number().int().positive(),
  currency: z.string(),
  /** True when this request id had refunded already: the earlier refund is returned, nothing new. */
  repeated: z.boolean(),
});

/** training: a failed order trains again from scratch; failed-predictions: only its failed jobs run again. */
export const RetryScope = z.enum(['training', 'failed-predictions']);
export type RetryScope = z.infer<typeof RetryScope>;

export const OperatorRetryOrderRequest = z.object({
  orderId: OrderId,
  scope: RetryScope,
  reason: OperatorReason,
});
export const OperatorRetryOrderResponse = z.object({
  /** False when the order is being worked on already (a second click): nothing was started. */
  started: z.boolean(),
  /** Prediction jobs queued again (0 for a training retry). */
  jobs: z.number().int().nonnegative(),
  /** The order's status after the call. */
  status: OrderStatus,
});

/**
 * Callables only an operator may call, by deployed name, with what they take and return. Part of
 * CALLABLES.
 */
export const OPERATOR_CALLABLES = {
  operatorResendEmail: { request: OperatorResendEmailRequest, response: OperatorResendEmailResponse },
  operatorSetGallery: { request: OperatorSetGalleryRequest, response: OperatorSetGalleryResponse },
  operatorVerifyAudit: { request: OperatorVerifyAuditRequest, response: OperatorVerifyAuditResponse },
  operatorRefund: { request: OperatorRefundRequest, response: OperatorRefundResponse },
  operatorRetryOrder: { request: OperatorRetryOrderRequest, response: OperatorRetryOrderResponse },
} as const satisfies Record<string, CallableSpec>;

export type OperatorCallableName = keyof typeof OPERATOR_CALLABLES;
