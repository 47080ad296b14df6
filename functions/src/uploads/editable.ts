import { EDITABLE_STATUSES, STATUS_LABELS, type OrderDoc } from '@likeness/core';
import { HttpsError } from 'firebase-functions/v2/https';

/** Photos can be added until the order is paid. */
export function assertPhotosEditable(order: Pick<OrderDoc, 'status'>): void {
  if (!EDITABLE_STATUSES.includes(order.status)) {
    throw new HttpsError(
      'failed-precondition',
      `Photos can no longer be changed: the order is "${STATUS_LABELS[order.status]}".`,
    );
  }
}
