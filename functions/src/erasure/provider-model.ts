import { replicateClient } from '../shared/clients.js';
import { orderLogger } from '../shared/order-log.js';

/**
 * Deletes the customer's trained model version at Replicate (`DELETE /v1/models/{owner}/{name}/
 * versions/{id}`; the npm client has no method for it, so through its authenticated `request`).
 * A version that is already gone counts as deleted; any other failure throws, so the task retries.
 */
export async function deleteProviderVersion(
  versionRef: string,
  orderId: string,
): Promise<'deleted' | 'already-gone'> {
  const match = /^([^/:]+)\/([^/:]+):([^/:]+)$/.exec(versionRef);
  if (!match) throw new Error(`Not a model version reference: ${versionRef}`);
  const [, owner, name, id] = match;
  try {
    await replicateClient().request(`/models/${owner}/${name}/versions/${id}`, { method: 'DELETE' });
    return 'deleted';
  } catch (e) {
    if ((e as { response?: { status?: number } }).response?.status === 404) {
      orderLogger(orderId, 'erasure').info('Model version already gone at the provider', { versionRef });
      return 'already-gone';
    }
    throw e;
  }
}
