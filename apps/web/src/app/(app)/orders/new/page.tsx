import type { Metadata } from 'next';
import { Suspense } from 'react';
import { PageLoading } from '@/components/ui';
import { NewOrderForm } from './new-order-form';

export const metadata: Metadata = { title: 'New order' };

export default function NewOrderPage() {
  return (
    <Suspense fallback={<PageLoading />}>
      <NewOrderForm />
    </Suspense>
  );
}
