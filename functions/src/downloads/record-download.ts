import { FieldValue } from 'firebase-admin/firestore';
import { orderRef } from '../shared/db.js';
import { readOrder } from '../shared/orders.js';
import { assertGalleryOpen } from './gallery-access.js';
import { runTransaction } from '../shared/transaction.js';

/**
 * Counts a headshot download on the order (`downloads.count`, `downloads.firstAt`) before its URL
 * or zip is handed out: the refund guarantee applies only while nothing was downloaded.
 *
 * The gallery is checked again inside the transaction. A guarantee refund closes the gallery in
 * the transaction that decides it (refunds/request-refund.ts), so a download and that refund cannot
 * both go through: whichever commits first, the other sees it.
 */
export async function recordDownload(orderId: string): Promise<void> {
  const ref = orderRef(orderId);
  await runTransaction(async (tx) => {
    const order = await readOrder(tx, ref);
    assertGalleryOpen(order);
    tx.update(ref, {
      'downloads.count': FieldValue.increment(1),
      ...(order.downloads?.firstAt ? {} : { 'downloads.firstAt': FieldValue.serverTimestamp() }),
      updatedAt: FieldValue.serverTimestamp(),
    });
  });
}
