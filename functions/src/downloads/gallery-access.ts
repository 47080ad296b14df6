import type { OrderDoc } from '@likeness/core';
import { HttpsError } from 'firebase-functions/v2/https';

/**
 * A refunded order's headshots are no longer the customer's (the refund email says so), and an
 * operator may close a gallery (operatorSetGallery), e.g. while a payment is disputed: then no
 * headshot URL or zip is handed out.
 */
export function assertGalleryOpen(order: Pick<OrderDoc, 'gallery' | 'status'>): void {
  if (order.status === 'refunded' || order.status === 'deleted') {
    throw new HttpsError(
      'failed-precondition',
      'This order was refunded, so its headshots are no longer available.',
    );
  }
  if (order.gallery?.open === false) {
    throw new HttpsError(
      'failed-precondition',
      'This gallery has been closed by our team. Reply to your order email if you think this is a mistake.',
    );
  }
}
