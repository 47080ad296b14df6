/**
 * Operator actions: callables that only an account with the `operator` custom claim may call
 * (operator-callable.ts). Each records itself in the hash-chained audit log (audit.ts) in the
 * transaction that makes its change. The console reads orders and the log directly (firestore.rules).
 */
import { operatorCallable } from './operator-callable.js';
import { refundOrderFor } from './refund-order.js';
import { resendEmailFor } from './resend-email.js';
import { retryOrderFor } from './retry-order.js';
import { setGalleryFor } from './set-gallery.js';
import { verifyAuditFor } from './verify-audit.js';

export const operatorResendEmail = operatorCallable('operatorResendEmail', {}, resendEmailFor);

export const operatorSetGallery = operatorCallable('operatorSetGallery', {}, setGalleryFor);

// Reads the whole log: room for a long history.
export const operatorVerifyAudit = operatorCallable(
  'operatorVerifyAudit',
  { memory: '512MiB', timeoutSeconds: 300 },
  verifyAuditFor,
);

export const operatorRefund = operatorCallable('operatorRefund', {}, refundOrderFor);

export const operatorRetryOrder = operatorCallable('operatorRetryOrder', {}, retryOrderFor);
