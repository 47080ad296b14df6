import {
  getStyle,
  isDue,
  OrderDoc,
  PLANS,
  wantsMarketingEmail,
  winbackEligible,
  winbackStep,
  type MarketingEmailTask,
} from '@likeness/core';
import { rateUrl, unsubscribeUrl } from '../email/links.js';
import { sendOnce, webLinks, type Produced } from '../email/send-once.js';
import { renderRatingRequest } from '../email/templates/rating-request.js';
import { renderWinback } from '../email/templates/winback.js';
import { orderRef, userRef } from '../shared/db.js';
import { adminAuth } from '../shared/firebase.js';
import { orderLogger } from '../shared/order-log.js';
import { ensureStripeCustomer, winbackPromotionCode } from './stripe-customer.js';

export type MarketingOutcome = 'sent' | 'already-sent' | 'skipped' | 'not-due';

/** One send per order and step, ever (the `mail/{key}` record of send-once.ts). */
export const marketingDedupeKey = (task: MarketingEmailTask) =>
  task.kind === 'winback' ? `winback-${task.orderId}-${task.step}` : `rating-request-${task.orderId}`;

/**
 * The customer's address, unless they turned marketing email off or have no address. The choice is
 * read as stored, not through UserDoc: a record that fails to parse for some other field must not
 * turn an unsubscribe back on. `marketing: true` (turned back on from the account page) sends.
 */
async function marketingRecipient(uid: string): Promise<{ to: string } | { skip: string }> {
  const email = (await userRef(uid).get()).get('email') as { marketing?: unknown } | undefined;
  if (!wantsMarketingEmail(email)) {
    return { skip: 'The customer unsubscribed from marketing email' };
  }
  const account = await adminAuth()
    .getUser(uid)
    .catch(() => null);
  return account?.email ? { to: account.email } : { skip: 'The account has no email address' };
}

async function produceWinback(
  task: Extract<MarketingEmailTask, { kind: 'winback' }>,
  order: OrderDoc,
  to: string,
  now: number,
): Promise<Produced> {
  if (!winbackEligible(order)) return { skip: `The order is "${order.status}": nothing to win back` };
  const { percentOff } = winbackStep(task.step);
  const links = webLinks(task.orderId);
  // The code is made at send time, for this customer only, so it cannot be passed around.
  const discount =
    percentOff > 0
      ? {
          percentOff,
          ...(await winbackPromotionCode({
            orderId: task.orderId,
            uid: order.uid,
            step: task.step,
            percentOff,
            customer: await ensureStripeCustomer(order.uid, to),
            nowMs: now,
          })),
        }
      : null;
  const mail = await renderWinback({
    orderId: task.orderId,
    step: task.step,
    planName: PLANS[order.planId].name,
    styleNames: order.styleIds.map((id) => getStyle(id).name),
    photos: {
      ready: order.status === 'ready',
      accepted: order.photos?.accepted ?? 0,
      needed: order.qc?.needed ?? 0,
    },
    discount,
    orderUrl: discount ? `${links.orderUrl}?promo=${encodeURIComponent(discount.code)}` : links.orderUrl,
    privacyUrl: links.privacyUrl,
    unsubscribeUrl: unsubscribeUrl(order.uid),
  });
  return { to, mail };
}

async function produceRatingRequest(orderId: string, order: OrderDoc, to: string): Promise<Produced> {
  if (order.status !== 'delivered') return { skip: `The order is "${order.status}", not delivered` };
  if (order.rating) return { skip: 'The customer already rated this order' };
  const links = webLinks(orderId);
  const mail = await renderRatingRequest({
    orderId,
    planName: PLANS[order.planId].name,
    done: order.images?.done ?? 0,
    ratingUrls: [1, 2, 3, 4, 5].map((stars) => rateUrl(orderId, stars)),
    orderUrl: links.orderUrl,
    privacyUrl: links.privacyUrl,
    unsubscribeUrl: unsubscribeUrl(order.uid),
  });
  return { to, mail };
}

/**
 * sendMarketingEmail: a win-back step or the rating request. Everything is checked again when it
 * runs, since a day or two has passed: the order may be paid, deleted or rated, the customer may
 * have unsubscribed. `now` is the clock (tests pass a later one instead of waiting two days).
 */
export async function sendMarketingEmail(
  task: MarketingEmailTask,
  now = Date.now(),
): Promise<MarketingOutcome> {
  if (!isDue(task.dueAt, now)) {
    // Only the local emulator runs a task before its time (it ignores schedule delays).
    const { orderId, ...fields } = task;
    orderLogger(orderId, 'email').info('Marketing email task arrived before its time; dropped', {
      ...fields,
      now,
    });
    return 'not-due';
  }
  return sendOnce(
    marketingDedupeKey(task),
    { template: task.kind === 'winback' ? `winback-${task.step}` : 'rating-request', orderId: task.orderId },
    async () => {
      const snap = await orderRef(task.orderId).get();
      if (!snap.exists) return { skip: 'The order no longer exists' };
      const order = OrderDoc.parse(snap.data());
      if (order.status === 'deleted') return { skip: 'The order was deleted' };
      const recipient = await marketingRecipient(order.uid);
      if ('skip' in recipient) return recipient;
      return task.kind === 'winback'
        ? produceWinback(task, order, recipient.to, now)
        : produceRatingRequest(task.orderId, order, recipient.to);
    },
  );
}
