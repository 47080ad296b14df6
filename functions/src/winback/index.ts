/**
 * Marketing email: the win-back drip for unpaid orders, the post-delivery rating request, the two
 * signed links they carry (one-click unsubscribe, rate the order), and the account page's switch to
 * turn them off or back on. Schedules and percentages are data in core (winback.ts); every send
 * re-checks the order and the customer's choice.
 */
import { COLLECTIONS } from '@likeness/core';
import { onDocumentUpdated } from 'firebase-functions/v2/firestore';
import { onRequest } from 'firebase-functions/v2/https';
import { callable } from '../shared/callable.js';
import { enqueueAll, onTask } from '../shared/tasks.js';
import { handleRateOrder } from './rate-order.js';
import { marketingFollowUps, orderState } from './schedule.js';
import { sendMarketingEmail as sendMarketing } from './send-marketing.js';
import { setMarketingEmailFor } from './set-marketing-email.js';
import { handleUnsubscribe } from './unsubscribe.js';

export const sendMarketingEmail = onTask(
  'sendMarketingEmail',
  { retryConfig: { maxAttempts: 5, minBackoffSeconds: 60, maxBackoffSeconds: 900, maxDoublings: 4 } },
  (task) => sendMarketing(task),
);

// Retried until the enqueue lands; task ids per order and step make a second enqueue a no-op.
export const onOrderForMarketing = onDocumentUpdated(
  { document: `${COLLECTIONS.orders}/{orderId}`, retry: true },
  async (event) => {
    const tasks = marketingFollowUps(
      event.params.orderId,
      orderState(event.data?.before.data()),
      orderState(event.data?.after.data()),
      Date.parse(event.time),
    );
    if (tasks.length) await enqueueAll(tasks);
  },
);

export const emailUnsubscribe = onRequest({ timeoutSeconds: 30 }, handleUnsubscribe);

export const rateOrder = onRequest({ timeoutSeconds: 30 }, handleRateOrder);

export const setMarketingEmail = callable('setMarketingEmail', {}, setMarketingEmailFor);
