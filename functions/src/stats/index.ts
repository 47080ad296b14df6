/**
 * Figures measured on our own orders that the public site quotes (core/turnaround.ts), published
 * under publicStats/ where anyone may read them.
 */
import { COLLECTIONS } from '@likeness/core';
import { onDocumentUpdated } from 'firebase-functions/v2/firestore';
import { onSchedule } from 'firebase-functions/v2/scheduler';
import { refreshTurnaround } from './refresh-turnaround.js';

export const onOrderDeliveredForStats = onDocumentUpdated(
  { document: `${COLLECTIONS.orders}/{orderId}`, retry: true },
  async (event) => {
    const before = event.data?.before.data()?.status;
    const after = event.data?.after.data()?.status;
    if (after === 'delivered' && before !== 'delivered') await refreshTurnaround();
  },
);

// Deliveries age out of the window without any order changing; a daily pass drops them.
export const refreshPublicStats = onSchedule({ schedule: 'every day 04:00', timeZone: 'UTC' }, async () => {
  await refreshTurnaround();
});
