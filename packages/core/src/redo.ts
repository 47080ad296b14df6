import { z } from 'zod';
import type { ImageDoc, OrderDoc } from './documents.js';
import { PLANS } from './plans.js';

/**
 * Redo of one headshot: the customer's own model, the same style, a new seed, and the new image in
 * the old one's place with its own likeness score. `customer` redos are asked for in the gallery and
 * come out of the plan's allowance; `auto` redos are made by the pipeline before delivery for images
 * that came out weak or were blocked by the model's safety check, bounded per order.
 */
export const RedoKind = z.enum(['customer', 'auto']);
export type RedoKind = z.infer<typeof RedoKind>;

/** At most this share of an order's planned images is regenerated automatically before delivery. */
export const AUTO_REDO_MAX_SHARE = 0.1;

/** How many images of an order with `planned` images the pipeline may redo on its own. */
export const autoRedoBound = (planned: number): number => Math.floor(planned * AUTO_REDO_MAX_SHARE);

/**
 * The share of weak likenesses an order may deliver before the pipeline starts redoing them: the
 * delivered set should be at least 95 % strong or fair where the model can reach it. The first weak
 * ones up to this share are kept as they came; the ones beyond it are redone (within the bound).
 */
export const WEAK_TOLERATED_SHARE = 0.05;

export interface AutoRedoState {
  planned: number;
  /** Automatic redos already made for the order. */
  used: number;
  /** Weak images the order already kept without a redo. */
  weakKept: number;
}

export interface AutoRedoCandidate {
  /** Output index within its prediction. */
  index: number;
  /** The safety check blocked it: never delivered, always worth a redo. */
  blocked: boolean;
  /** Its likeness score (0 for a blocked one). */
  score: number;
}

/**
 * Which outputs of one prediction to redo automatically: every blocked one, then the weak ones beyond
 * the tolerated share, weakest first, as long as the order's bound allows. Returns the indexes to
 * redo and how many weak ones are kept as they are.
 */
export function chooseAutoRedos(
  state: AutoRedoState,
  candidates: readonly AutoRedoCandidate[],
): { redo: number[]; weakKept: number } {
  let budget = Math.max(0, autoRedoBound(state.planned) - state.used);
  const redo: number[] = [];
  for (const c of candidates.filter((c) => c.blocked)) {
    if (budget === 0) break;
    redo.push(c.index);
    budget -= 1;
  }
  const weak = candidates.filter((c) => !c.blocked).sort((a, b) => a.score - b.score || a.index - b.index);
  const room = Math.max(0, Math.floor(state.planned * WEAK_TOLERATED_SHARE) - state.weakKept);
  const toRedo = Math.min(budget, Math.max(0, weak.length - room));
  redo.push(...weak.slice(0, toRedo).map((c) => c.index));
  return { redo, weakKept: weak.length - toRedo };
}

/** An order's redo counters (functions only; each is a blind increment, so each may be absent). */
export const RedoCounts = z.object({
  /** Customer redos asked for (each took one from the allowance when asked). */
  requested: z.number().int().nonnegative().optional(),
  /** Customer redos that produced no new image: their allowance is given back. */
  failed: z.number().int().nonnegative().optional(),
  /** Redos the pipeline made on its own before delivery (never above autoRedoBound). */
  auto: z.number().int().nonnegative().optional(),
});
export type RedoCounts = z.infer<typeof RedoCounts>;

/** The allowance a plan gives, less the redos used (a failed one is not used). */
export function redosLeft(order: Pick<OrderDoc, 'planId' | 'redos'>): number {
  const used = (order.redos?.requested ?? 0) - (order.redos?.failed ?? 0);
  return Math.max(0, PLANS[order.planId].redos - used);
}

/**
 * The slot an image fills: the id of the output it (or the image it replaced) was first made as.
 * A redo keeps the slot, so the gallery's stable order and the zip's names stay put.
 */
export const slotOf = (image: { slot?: string | undefined }, imageId: string): string =>
  image.slot ?? imageId;

/**
 * Deterministic ids: the n-th customer redo of an order (n counts every request, so ids never repeat)
 * and the one automatic redo a slot can get. A double delivery of the same work lands on the same job.
 */
export const customerRedoJobId = (slot: string, n: number) => `redo-${slot}-${n}`;
export const customerRedoImageId = (slot: string, n: number) => `${slot}-r${n}`;
export const autoRedoJobId = (slot: string) => `auto-${slot}`;
export const autoRedoImageId = (slot: string) => `${slot}-a`;

export interface RedoRefusal {
  code: 'not-found' | 'permission-denied' | 'failed-precondition' | 'resource-exhausted';
  message: string;
}

/**
 * Whether the customer `uid` may redo `image` of `order` now, in words when not. Checked inside the
 * transaction that takes the allowance, so two clicks cannot both pass.
 */
export function redoRefusal(
  order: OrderDoc,
  image: Pick<ImageDoc, 'redo'> | null,
  uid: string,
): RedoRefusal | null {
  if (order.uid !== uid) return { code: 'permission-denied', message: 'This order belongs to someone else.' };
  if (order.erasure?.scope === 'everything' || order.status === 'deleted')
    return { code: 'failed-precondition', message: 'This order is being deleted.' };
  // The personal model goes with the selfies (privacy.ts): nothing is left to make a new image with.
  if (order.erasure || order.retention?.trainingDataErasedAt)
    return {
      code: 'failed-precondition',
      message: 'Your selfies and personal model were deleted, so new headshots cannot be made.',
    };
  if (order.status === 'refunded' || order.refund || order.refundRequest)
    return {
      code: 'failed-precondition',
      message: order.refundRequest
        ? 'You asked for a refund of this order, so its headshots cannot be redone.'
        : 'This order was refunded, so its headshots cannot be redone.',
    };
  if (order.status !== 'delivered')
    return { code: 'failed-precondition', message: 'Headshots can be redone once the order is delivered.' };
  if (order.gallery?.open === false)
    return {
      code: 'failed-precondition',
      message: 'This gallery has been closed by our team, so its headshots cannot be redone.',
    };
  if (order.dispute?.open)
    return { code: 'failed-precondition', message: 'This order is on hold while a payment dispute is open.' };
  if (!image) return { code: 'not-found', message: 'No such headshot in this order.' };
  if (image.redo) return { code: 'failed-precondition', message: 'This headshot is already being redone.' };
  if (redosLeft(order) === 0)
    return {
      code: 'resource-exhausted',
      message: `You have used all ${PLANS[order.planId].redos} redos of your plan.`,
    };
  return null;
}
