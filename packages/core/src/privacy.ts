import { z } from 'zod';
import type { OrderStatus } from './order-status.js';

/**
 * What the customer agrees to before the first upload, how long each kind of data is kept, and what
 * deletion means. The privacy page, the emails, the purge and the TTL/lifecycle configuration all
 * read these numbers, so the promise and the code cannot drift apart (a unit test checks the
 * committed Firestore TTL and Cloud Storage lifecycle files against them).
 */

/** Bump when the privacy notice changes in substance: consent given to an older version is asked again. */
export const PRIVACY_NOTICE_VERSION = '2026-12-02';

export const DAY_MS = 24 * 60 * 60 * 1000;

export const RETENTION = {
  /**
   * Selfies, face crops, face measurements and embeddings, the training set, the personal model (our
   * copy of the LoRA weights and its version at the GPU provider): deleted this many days after the
   * order is delivered, fails or is refunded.
   */
  trainingDataDays: 30,
  /** An order that was never paid, with its selfies: deleted this many days after its last change. */
  unpaidOrderDays: 14,
  /** Headshots stay downloadable this long after delivery; then the whole order is deleted. */
  headshotsDays: 365,
  /** The reminder to download headshots goes this many days before they are deleted. */
  headshotsReminderDays: 14,
  /** Records of upload links handed out (Firestore TTL on `expireAt`). */
  uploadIntentDays: 1,
  /** "Download all" zip files (Cloud Storage lifecycle rule on the exports folder). */
  exportDays: 1,
} as const;

/** One row of the public retention schedule (privacy page). */
export interface RetentionRow {
  what: string;
  kept: string;
}

const days = (n: number) => `${n} day${n === 1 ? '' : 's'}`;

export const RETENTION_SCHEDULE: readonly RetentionRow[] = [
  {
    what: 'Selfies you upload, the face crops made from them, and the face measurements and embeddings used to check them',
    kept: `Until you delete them, and at most ${days(RETENTION.trainingDataDays)} after your order is delivered (or fails or is refunded). Photos of an order that is never paid: ${days(RETENTION.unpaidOrderDays)} after its last change.`,
  },
  {
    what: 'Your personal model (the fine-tuned weights, in our storage and as a model version at the GPU provider)',
    kept: `Deleted ${days(RETENTION.trainingDataDays)} after delivery, or when you delete the order or your account.`,
  },
  {
    what: 'Your headshots',
    kept: `${days(RETENTION.headshotsDays)} after delivery, with a reminder email ${days(RETENTION.headshotsReminderDays)} before; sooner if you delete them.`,
  },
  {
    what: 'Download links and "download all" zip files',
    kept: `Links expire within minutes; zip files are deleted after ${days(RETENTION.exportDays)}; records of upload links after ${days(RETENTION.uploadIntentDays)}.`,
  },
  {
    what: 'Your email address and sign-in',
    kept: 'Until you delete your account.',
  },
  {
    what: 'Payment records (amount, date, card brand and last digits)',
    kept: 'Kept by Stripe, our payment processor, for as long as tax and anti-fraud law requires; deleting your account does not delete them.',
  },
];

/** What the customer confirms before the first upload (firestore.rules enforce the same shape). */
export const ConsentChoices = z.object({
  /** 18 or older. */
  adult: z.literal(true),
  /** The person in the photos, or has that person's permission. */
  subjectOrPermitted: z.literal(true),
  /** Explicit consent to processing their face (biometric data) for quality checks and training. */
  faceProcessing: z.literal(true),
  noticeVersion: z.string().min(1).max(32),
});
export type ConsentChoices = z.infer<typeof ConsentChoices>;

export const CONSENT_STATEMENTS: Record<Exclude<keyof ConsentChoices, 'noticeVersion'>, string> = {
  adult: 'I am 18 or older.',
  subjectOrPermitted: 'The photos I upload show me, or a person who has given me permission to use them.',
  faceProcessing:
    'I consent to Likeness processing the face in these photos (face measurements and embeddings, which are biometric data) to check them and to train a personal model, kept and deleted as the privacy notice says.',
};

export const CONSENT_REQUIRED_MESSAGE =
  'Before you upload, confirm that you are 18 or older and the person in the photos, and consent to processing your face — on the order page.';

/** Consent is valid only for the current notice. */
export function hasCurrentConsent(consent: { noticeVersion?: unknown } | undefined | null): boolean {
  return consent?.noticeVersion === PRIVACY_NOTICE_VERSION;
}

/**
 * What a deletion removes. `training-data`: everything made from the selfies (selfies, crops, QC
 * signals, training set, the personal model here and at the provider), keeping the headshots;
 * `everything`: the whole order.
 */
export const ERASURE_SCOPES = ['training-data', 'everything'] as const;
export const ErasureScope = z.enum(ERASURE_SCOPES);
export type ErasureScope = z.infer<typeof ErasureScope>;

/** Who asked: the customer (an order or their account), or the retention schedule. */
export const ErasureReason = z.enum(['customer', 'account', 'retention', 'unpaid']);
export type ErasureReason = z.infer<typeof ErasureReason>;

/** deleting → deleted; stuck when retries ran out (shown to the operator, retried by the daily purge). */
export const ErasureState = z.enum(['deleting', 'deleted', 'stuck']);
export type ErasureState = z.infer<typeof ErasureState>;

/** What the retention schedule owes an order now, if anything. */
export type RetentionAction =
  | { kind: 'erase'; scope: ErasureScope; reason: 'retention' | 'unpaid' }
  | { kind: 'remind-headshots'; deleteAtMs: number }
  | null;

export interface RetentionFacts {
  status: OrderStatus;
  /** Last change of the order (for unpaid orders). */
  updatedAtMs: number;
  /** When the order entered its current status. */
  statusAtMs: number | null;
  trainingDataErased: boolean;
  reminded: boolean;
  /** A deletion under way or done: the schedule leaves such an order alone. */
  erasing: boolean;
}

const UNPAID: readonly OrderStatus[] = ['draft', 'uploading', 'ready'];
const FINISHED: readonly OrderStatus[] = ['delivered', 'failed', 'refunded'];

/** The retention schedule as a pure decision, so the purge and its tests share one rule. */
export function retentionAction(o: RetentionFacts, nowMs: number): RetentionAction {
  if (o.erasing || o.status === 'deleted') return null;
  if (UNPAID.includes(o.status)) {
    return nowMs - o.updatedAtMs >= RETENTION.unpaidOrderDays * DAY_MS
      ? { kind: 'erase', scope: 'everything', reason: 'unpaid' }
      : null;
  }
  if (!FINISHED.includes(o.status) || o.statusAtMs === null) return null;
  const age = nowMs - o.statusAtMs;
  if (age >= RETENTION.headshotsDays * DAY_MS)
    return { kind: 'erase', scope: 'everything', reason: 'retention' };
  if (!o.trainingDataErased && age >= RETENTION.trainingDataDays * DAY_MS)
    return { kind: 'erase', scope: 'training-data', reason: 'retention' };
  if (
    o.status === 'delivered' &&
    !o.reminded &&
    age >= (RETENTION.headshotsDays - RETENTION.headshotsReminderDays) * DAY_MS
  )
    return { kind: 'remind-headshots', deleteAtMs: o.statusAtMs + RETENTION.headshotsDays * DAY_MS };
  return null;
}
