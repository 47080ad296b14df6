import type { Metadata } from 'next';
import { Suspense } from 'react';
import { PageLoading } from '@/components/ui';
import { OrderPage } from './order-page';

export const metadata: Metadata = { title: 'Your order' };

export default async function Page({ params }: { params: Promise<{ orderId: string }> }) {
  const { orderId } = await params;
  return (
    <Suspense fallback={<PageLoading />}>
      <OrderPage orderId={orderId} />
    </Suspense>
  );
}
