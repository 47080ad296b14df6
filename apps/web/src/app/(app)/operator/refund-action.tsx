'use client';

import { formatPrice } from '@likeness/core';
import { useId, useState } from 'react';
import { callFunction } from '@/lib/firebase/callables';
import { refundableCents } from '@/lib/order-view';
import type { OrderView } from '@/lib/views';
import { describeRefund, RefundAmountInput } from './operator-actions';
import { ReasonAction } from './reason-action';

/** A request id for operatorRefund: one per refund the operator means to make. */
const newRequestId = () => crypto.randomUUID();

/**
 * Refund (all that is left, or the amount typed) through operatorRefund. The request id stays the
 * same until a refund succeeds, so a double click or a retry after an error refunds once; the next
 * refund gets a new one.
 */
export function RefundAction({ order, label }: { order: OrderView; label: string }) {
  const amountId = useId();
  const [amount, setAmount] = useState('');
  const [requestId, setRequestId] = useState(newRequestId);
  const left = formatPrice(refundableCents(order), order.payment?.currency ?? 'usd');

  return (
    <ReasonAction
      testId="action-refund"
      label={label}
      hint={`Refunds the card through Stripe. Leave the amount empty to refund everything left (${left}).`}
      fields={
        <>
          <label htmlFor={amountId} className="text-xs font-semibold text-slate-700">
            Amount in {(order.payment?.currency ?? 'usd').toUpperCase()} (empty: {left})
          </label>
          <input
            id={amountId}
            value={amount}
            onChange={(e) => setAmount(e.target.value)}
            inputMode="decimal"
            placeholder="e.g. 9.00"
            data-testid="refund-amount"
            className="rounded-lg border border-slate-300 px-3 py-1.5 text-sm"
          />
        </>
      }
      run={async (reason) => {
        const cents = RefundAmountInput.parse(amount);
        const answer = await callFunction('operatorRefund', {
          orderId: order.id,
          reason,
          requestId,
          ...(cents !== undefined ? { amount: cents } : {}),
        });
        setRequestId(newRequestId());
        setAmount('');
        return describeRefund(answer);
      }}
    />
  );
}
