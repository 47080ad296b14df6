import { EDITABLE_STATUSES, STATUS_LABELS, type OrderDoc } from '@likeness/core';
import { HttpsError } from 'firebase-functions/v2/https';

/**
 * Photos can be added until the order is paid, except while a checkout is open: what the customer
 * pays for must be what the order is when the payment lands (cancelCheckout reopens it).
 */
export function assertPhotosEditable(order: Pick<OrderDoc, 'status' | 'checkout'>): void {
  if (!EDITABLE_STATUSES.includes(order.status)) {
    throw new HttpsError(
      'failed-precondition',
      `Photos can no longer be changed: the order is "${STATUS_LABELS[order.status]}".`,
    );
  }
  if (order.checkout) {
    throw new HttpsError(
      'failed-precondition',
      'Your checkout is open, so the order is locked. Cancel the checkout to change your photos.',
    );
  }
}
