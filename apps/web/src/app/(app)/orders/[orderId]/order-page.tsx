'use client';

import { PLANS, formatPrice, getStyle, orderCurrency, planPrice } from '@likeness/core';
import clsx from 'clsx';
import Link from 'next/link';
import { StatusBadge } from '@/components/status-badge';
import { Alert, PageLoading, TAP_TARGET, formatDateTime } from '@/components/ui';
import { useConsent } from '@/lib/consent';
import { useRequireUser } from '@/lib/firebase/auth-provider';
import { useOrderFunnel } from '@/lib/analytics/use-order-funnel';
import { useLiveOrder } from '@/lib/live-order';
import { refundNotice, sectionsFor } from '@/lib/order-view';
import { CheckoutBanner } from './checkout-banner';
import { CheckoutSection } from './checkout-section';
import { DeleteOrderSection } from './delete-order-section';
import { ErasureProgress } from './erasure-progress';
import { GallerySection } from './gallery-section';
import { ProgressSection } from './progress-section';
import { RefundSection } from './refund-section';
import { UploadSection } from './upload-section';

const SUBJECT_WORDS = { man: 'a man', woman: 'a woman', person: 'a person' } as const;

export function OrderPage({ orderId }: { orderId: string }) {
  const user = useRequireUser();
  const { order, photos, images, error } = useLiveOrder(orderId, Boolean(user));
  const consent = useConsent(user?.uid ?? null);
  useOrderFunnel(order);

  // The consent on record decides what the upload area offers: waiting for it (it loads beside the
  // order) keeps that area from changing size under the customer's eyes.
  const consentLoading = consent.current === undefined && !consent.error;
  if (!user || order === undefined || consentLoading) {
    return error ? <Alert tone="error">{error}</Alert> : <PageLoading label="Loading your order…" />;
  }
  if (order === null) {
    return (
      <div className="py-16 text-center">
        <h1 className="text-2xl font-semibold">Order not found</h1>
        <p className="mt-2 text-slate-600">It does not exist, or it belongs to another account.</p>
        <Link
          href="/orders"
          prefetch={false}
          className="mt-6 inline-block font-semibold text-brand-700 underline"
        >
          Back to my orders
        </Link>
      </div>
    );
  }

  const plan = PLANS[order.planId];
  const sections = sectionsFor(order.status, images.length);
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div>
          <Link
            href="/orders"
            prefetch={false}
            className={clsx('text-sm font-medium text-slate-500 hover:text-slate-900', TAP_TARGET)}
          >
            ← My orders
          </Link>
          <h1 className="mt-2 text-3xl font-semibold tracking-tight">{plan.name} headshots</h1>
          <p className="mt-1 text-sm text-slate-600">
            {plan.headshots} headshots of {SUBJECT_WORDS[order.subjectClass]} in{' '}
            {order.styleIds.map((id) => getStyle(id).name).join(', ')} · started{' '}
            {formatDateTime(order.createdAt)} ·{' '}
            <span data-testid="order-price">
              {order.payment?.amountTotal != null && order.payment.currency
                ? `paid ${formatPrice(order.payment.amountTotal, order.payment.currency)}`
                : formatPrice(planPrice(plan, orderCurrency(order)), orderCurrency(order))}{' '}
              {(order.payment?.currency ?? orderCurrency(order)).toUpperCase()}
            </span>
          </p>
        </div>
        <StatusBadge status={order.status} testId="order-status" />
      </div>

      <CheckoutBanner status={order.status} />
      {error && <Alert tone="error">{error}</Alert>}

      {sections.includes('problem') && (
        <Alert tone={order.status === 'refunded' ? 'warning' : 'error'} data-testid="order-problem">
          <p className="font-semibold">
            {order.status === 'refunded' ? 'This order was refunded.' : 'This order could not be completed.'}
          </p>
          <p className="mt-1">
            {(order.status === 'refunded' ? refundNotice(order.refund) : null) ??
              order.error?.message ??
              'We are looking into it and will email you.'}
          </p>
        </Alert>
      )}
      {/* A deletion of the whole order, or the retention schedule's deletion of its selfies. */}
      {(sections.includes('deleted') || order.erasure) && <ErasureProgress order={order} />}
      {sections.includes('progress') && <ProgressSection order={order} />}
      {sections.includes('upload') && (
        <UploadSection order={order} photos={photos} uid={user.uid} consent={consent} />
      )}
      {sections.includes('checkout') && <CheckoutSection order={order} />}
      {sections.includes('gallery') && <GallerySection order={order} images={images} />}
      {sections.includes('refund') && <RefundSection order={order} />}
      {sections.includes('delete') && (
        <DeleteOrderSection order={order} photoCount={photos.length} headshotCount={images.length} />
      )}
    </div>
  );
}
