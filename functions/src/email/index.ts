/**
 * Email: every status change of an order enqueues what the registry (registry.ts) says that status
 * owes, and one task queue sends each email at most once.
 */
import { COLLECTIONS, OrderDoc } from '@likeness/core';
import { onDocumentUpdated } from 'firebase-functions/v2/firestore';
import { enqueueAll, onTask } from '../shared/tasks.js';
import { emailsOwed } from './registry.js';
import { sendOrderEmail } from './send-email.js';

export const sendEmail = onTask(
  'sendEmail',
  { retryConfig: { maxAttempts: 5, minBackoffSeconds: 30, maxBackoffSeconds: 600, maxDoublings: 4 } },
  sendOrderEmail,
);

// Retried until the enqueue lands: the task ids make a second enqueue of the same email a no-op.
export const onOrderStatusChanged = onDocumentUpdated(
  { document: `${COLLECTIONS.orders}/{orderId}`, retry: true },
  async (event) => {
    const before = OrderDoc.shape.status.safeParse(event.data?.before.get('status'));
    const after = OrderDoc.shape.status.safeParse(event.data?.after.get('status'));
    if (!after.success || (before.success && before.data === after.data)) return;
    await enqueueAll(emailsOwed(event.params.orderId, after.data));
  },
);
