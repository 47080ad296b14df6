/** Training: a paid order's accepted crops become a dataset zip and a LoRA training on Replicate. */
import { onTask } from '../shared/tasks.js';
import { startTrainingForOrder } from './start-training.js';

export const startTraining = onTask(
  'startTraining',
  {
    // Every handler is idempotent, so a retry is always safe; the bound stops a poisoned task.
    retryConfig: { maxAttempts: 5, minBackoffSeconds: 10, maxBackoffSeconds: 300, maxDoublings: 4 },
    memory: '1GiB',
    timeoutSeconds: 300,
  },
  ({ orderId }) => startTrainingForOrder(orderId),
);
