import { JobDoc } from '@likeness/core';
import { replicateClient } from '../shared/clients.js';
import { jobsOf } from '../shared/db.js';
import { orderLogger } from '../shared/order-log.js';

/**
 * Cancels an order's GPU work still running at Replicate (its training, its running predictions), so
 * a refunded order stops costing money. Best effort: work that finished meanwhile cannot be
 * cancelled, and its late webhook finds the order refunded and changes nothing.
 */
export async function cancelProviderWork(orderId: string, trainingId: string | undefined): Promise<number> {
  const replicate = replicateClient();
  const running = await jobsOf(orderId).where('status', '==', 'running').get();
  const predictionIds = running.docs
    .map((d) => JobDoc.parse(d.data()).predictionId)
    .filter((id) => id !== null);
  const cancels = [
    ...(trainingId ? [replicate.trainings.cancel(trainingId)] : []),
    ...predictionIds.map((id) => replicate.predictions.cancel(id)),
  ];
  const results = await Promise.allSettled(cancels);
  const failed = results.filter((r) => r.status === 'rejected').length;
  if (failed > 0)
    orderLogger(orderId, 'generation').warn('Some GPU work could not be cancelled', {
      failed,
      of: cancels.length,
    });
  return cancels.length - failed;
}
