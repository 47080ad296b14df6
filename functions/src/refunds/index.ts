/**
 * Refunds the customer asks for: the refund guarantee (core/refund-guarantee.ts) refunds at once
 * where its rule holds, and records the request for the operator's queue where it does not. The
 * Stripe call and its audit entry are shared with the operator's refunds (operator/refund-order.ts).
 */
import { callable } from '../shared/callable.js';
import { requestRefundFor } from './request-refund.js';

export const requestRefund = callable('requestRefund', {}, requestRefundFor);
