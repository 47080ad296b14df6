/**
 * Deletion that really deletes: the customer's deletes (a photo, an order, the account), the
 * retention schedule (core/privacy.ts), and the one routine behind them all (erase-order.ts).
 */
import { onSchedule } from 'firebase-functions/v2/scheduler';
import { callable } from '../shared/callable.js';
import { onTask } from '../shared/tasks.js';
import { deleteAccountFor, eraseAccountData, recordAccountErasureFailure } from './delete-account.js';
import { deleteOrderFor } from './delete-order.js';
import { deletePhotoFor } from './delete-photo.js';
import { eraseOrderData, recordErasureFailure } from './erase-order.js';
import { applyRetention } from './retention-sweep.js';

const ERASE_ATTEMPTS = 6;
const eraseRetry = {
  maxAttempts: ERASE_ATTEMPTS,
  minBackoffSeconds: 10,
  maxBackoffSeconds: 600,
  maxDoublings: 5,
};

export const deletePhoto = callable('deletePhoto', {}, deletePhotoFor);
export const deleteOrder = callable('deleteOrder', {}, deleteOrderFor);
export const deleteAccount = callable('deleteAccount', {}, deleteAccountFor);

export const eraseOrder = onTask(
  'eraseOrder',
  { retryConfig: eraseRetry, memory: '512MiB', timeoutSeconds: 540 },
  async ({ orderId }, { retryCount }) => {
    try {
      return await eraseOrderData(orderId);
    } catch (e) {
      await recordErasureFailure(orderId, e, retryCount + 1 >= ERASE_ATTEMPTS);
      throw e;
    }
  },
);

export const eraseAccount = onTask(
  'eraseAccount',
  { retryConfig: eraseRetry, memory: '512MiB', timeoutSeconds: 1800 },
  async ({ uid }, { retryCount }) => {
    try {
      return await eraseAccountData(uid);
    } catch (e) {
      await recordAccountErasureFailure(uid, e, retryCount + 1 >= ERASE_ATTEMPTS);
      throw e;
    }
  },
);

export const applyRetentionSchedule = onSchedule(
  { schedule: 'every day 03:00', timeZone: 'UTC', memory: '512MiB', timeoutSeconds: 540 },
  async () => {
    await applyRetention();
  },
);
