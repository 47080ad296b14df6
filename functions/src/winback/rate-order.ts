import { OrderDoc, Rating } from '@likeness/core';
import { FieldValue } from 'firebase-admin/firestore';
import { z } from 'zod';
import { rateUrl, validLinkSignature } from '../email/links.js';
import { orderRef } from '../shared/db.js';
import type { Request, Response } from '../shared/http.js';
import { orderLogger } from '../shared/order-log.js';
import { runTransaction } from '../shared/transaction.js';
import { paragraph, postButton, sendLinkPage } from './link-pages.js';

const Query = z.object({
  o: z.string().min(1).max(128),
  r: z.coerce.number().pipe(Rating),
  s: z.string().min(1).max(128),
});

const stars = (n: number) => `${'★'.repeat(n)}${'☆'.repeat(5 - n)}`;

export type RateOutcome = 'recorded' | 'unchanged' | 'not-rateable';

/**
 * Records the order's rating: one per order, a later answer replaces it, the same answer twice
 * writes nothing. Only a delivered order can be rated (a refunded or deleted one has no gallery).
 */
export async function rateOrder(orderId: string, value: number): Promise<RateOutcome> {
  const ref = orderRef(orderId);
  return runTransaction(async (tx) => {
    const snap = await tx.get(ref);
    if (!snap.exists) return 'not-rateable';
    const order = OrderDoc.parse(snap.data());
    if (order.status !== 'delivered') return 'not-rateable';
    if (order.rating?.stars === value) return 'unchanged';
    tx.update(ref, { rating: { stars: value, at: FieldValue.serverTimestamp() } });
    return 'recorded';
  });
}

/**
 * rateOrder: the star links of the rating-request email. GET shows the chosen stars and one button
 * (mail scanners that fetch every link must not rate); POST records the rating.
 */
export async function handleRateOrder(req: Request, res: Response): Promise<void> {
  res.set('Cache-Control', 'no-store');
  const q = Query.safeParse(req.query);
  if (!q.success || !validLinkSignature('rate', q.data.o, q.data.s)) {
    sendLinkPage(res, 400, 'This link is not valid', paragraph('Open the stars from the email again.'));
    return;
  }
  const { o: orderId, r: value } = q.data;
  if (req.method === 'GET' || req.method === 'HEAD') {
    sendLinkPage(
      res,
      200,
      `Rate your headshots ${stars(value)}`,
      paragraph(`You picked ${value} of 5 stars for this order.`) +
        postButton('', 'Save my rating', { confirm: 'yes' }),
    );
    return;
  }
  if (req.method !== 'POST') {
    res.set('Allow', 'GET, POST').status(405).send('Method not allowed');
    return;
  }
  const outcome = await rateOrder(orderId, value);
  orderLogger(orderId, 'rating').info('Order rating', { value, outcome });
  if (outcome === 'not-rateable') {
    sendLinkPage(res, 409, 'This order cannot be rated', paragraph('Its headshots are no longer available.'));
    return;
  }
  const others = [1, 2, 3, 4, 5]
    .filter((n) => n !== value)
    .map(
      (n) =>
        `<a href="${rateUrl(orderId, n).replace(/"/g, '&quot;')}" style="margin-right:12px">${stars(n)}</a>`,
    )
    .join('');
  sendLinkPage(
    res,
    200,
    `Thank you: ${stars(value)}`,
    paragraph(`We saved your rating of ${value} of 5 stars. Changed your mind? Pick again:`) +
      `<p>${others}</p>`,
  );
}
