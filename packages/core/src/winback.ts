import { z } from 'zod';
import type { OrderStatus } from './order-status.js';

/**
 * The win-back drip: an order that reached `ready` (or sits in `uploading` with accepted photos)
 * and was not paid gets up to three emails, each later and with a larger discount than the one
 * before. Data, not code: the functions schedule from it and the emails quote it.
 */
export const HOUR_SEC = 3600;

export const WINBACK_STEPS = [
  { step: 1, delaySeconds: 1 * HOUR_SEC, percentOff: 0 },
  { step: 2, delaySeconds: 24 * HOUR_SEC, percentOff: 10 },
  { step: 3, delaySeconds: 48 * HOUR_SEC, percentOff: 20 },
] as const;

export type WinbackStep = (typeof WINBACK_STEPS)[number]['step'];
export const WinbackStepNumber = z.union([z.literal(1), z.literal(2), z.literal(3)]);

/** How long an emailed code stays redeemable (Stripe `expires_at` on the promotion code). */
export const WINBACK_CODE_VALID_SECONDS = 72 * HOUR_SEC;

/** The post-delivery rating request goes out this long after the headshots were delivered. */
export const RATING_REQUEST_DELAY_SECONDS = 24 * HOUR_SEC;

/**
 * Production Cloud Tasks never runs a task before its schedule time; a task that arrives more than
 * this early was dispatched by something that ignores delays (the local emulator) and is dropped.
 */
export const EARLY_TASK_TOLERANCE_MS = 60_000;

export function winbackStep(step: number) {
  const found = WINBACK_STEPS.find((s) => s.step === step);
  if (!found) throw new Error(`No win-back step ${step}`);
  return found;
}

/** An order the drip is for: not paid, and with something to buy (ready, or accepted photos). */
export function winbackEligible(order: { status: OrderStatus; photos?: { accepted: number } | undefined }) {
  if (order.status === 'ready') return true;
  return order.status === 'uploading' && (order.photos?.accepted ?? 0) > 0;
}

/**
 * When each step falls due, counted from the moment the order first became eligible (`startMs`).
 * Task ids are per order and step, so a second start (back to uploading, ready again) schedules
 * nothing new: at most three emails per order, ever.
 */
export function winbackSchedule(orderId: string, startMs: number) {
  return WINBACK_STEPS.map((s) => ({
    id: `winback-${orderId}-${s.step}`,
    step: s.step,
    delaySeconds: s.delaySeconds,
    dueAt: startMs + s.delaySeconds * 1000,
  }));
}

/** Whether a task for `dueAt` may act at `now` (see EARLY_TASK_TOLERANCE_MS). */
export const isDue = (dueAt: number, now: number) => now >= dueAt - EARLY_TASK_TOLERANCE_MS;

/** `users/{uid}.email`: the customer's choice about marketing emails (win-back, rating requests). */
export const EmailPreferences = z.object({
  marketing: z.boolean(),
  /**
   * Where the choice came from: the signed link in an email, its one-click header, or the switch on
   * the account page (the setMarketingEmail callable).
   */
  via: z.enum(['link', 'one-click', 'account']).optional(),
});
export type EmailPreferences = z.infer<typeof EmailPreferences>;

/**
 * Whether marketing email goes to the customer: yes unless they turned it off. No record (they never
 * chose) is yes, as is `marketing: true` (turned back on); the field is read as stored, so anything
 * other than an explicit `false` is on.
 */
export const wantsMarketingEmail = (email: { marketing?: unknown } | null | undefined): boolean =>
  email?.marketing !== false;

/**
 * Win-back codes read `BACK<percent>-<10 letters or digits>` (the tag is keyed per order and step,
 * functions/src/winback/stripe-customer.ts), so the order page can show the discount of an emailed
 * code before checkout; Stripe, through createCheckout, still decides whether it is valid.
 */
const WINBACK_CODE = /^BACK(\d{1,3})-[A-Z0-9]{10}$/;

export const winbackCodeFor = (percentOff: number, tag: string) => `BACK${percentOff}-${tag}`;

/** The percentage an emailed win-back code promises, or null for anything else. */
export function winbackCodePercent(code: string | null | undefined): number | null {
  const m = code ? WINBACK_CODE.exec(code) : null;
  if (!m) return null;
  const percent = Number(m[1]);
  return WINBACK_STEPS.some((s) => s.percentOff === percent && percent > 0) ? percent : null;
}
