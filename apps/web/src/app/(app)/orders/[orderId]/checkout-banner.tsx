'use client';

import type { OrderStatus } from '@likeness/core';
import clsx from 'clsx';
import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { Alert, TAP_TARGET } from '@/components/ui';
import { UNPAID_DELETION_PROMISE } from '@/lib/privacy-copy';

/** The message after returning from Stripe Checkout (`?checkout=success|cancel`). */
export function CheckoutBanner({ status }: { status: OrderStatus }) {
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const outcome = params.get('checkout');
  if (outcome !== 'success' && outcome !== 'cancel') return null;

  const dismiss = () => router.replace(pathname, { scroll: false });
  const confirming = outcome === 'success' && (status === 'ready' || status === 'uploading');
  return (
    <Alert tone={outcome === 'success' ? 'success' : 'warning'} data-testid="checkout-banner">
      <div className="flex items-start gap-4">
        <p className="flex-1">
          {outcome === 'cancel'
            ? `Checkout was cancelled and you have not been charged. You can pay when you are ready. ${UNPAID_DELETION_PROMISE}`
            : confirming
              ? 'Thank you! We are confirming your payment; this page updates by itself.'
              : 'Payment received — thank you! Your headshots are on their way; this page updates by itself.'}
        </p>
        <button
          type="button"
          onClick={dismiss}
          className={clsx('rounded text-sm font-medium underline', TAP_TARGET)}
        >
          Dismiss
        </button>
      </div>
    </Alert>
  );
}
