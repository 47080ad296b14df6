import type { Metadata } from 'next';
import { Suspense } from 'react';
import { PageLoading } from '@/components/ui';
import { FinishSignIn } from './finish-sign-in';

export const metadata: Metadata = { title: 'Signing in' };

export default function FinishPage() {
  return (
    <Suspense fallback={<PageLoading label="Signing you in…" />}>
      <FinishSignIn />
    </Suspense>
  );
}
