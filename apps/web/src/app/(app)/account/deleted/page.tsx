import type { Metadata } from 'next';
import { Suspense } from 'react';
import { AccountDeleted, AccountDeletedMessage } from './account-deleted';

export const metadata: Metadata = { title: 'Account deleted' };

export default function Page() {
  // The page is static: its HTML carries the message without the count, which the browser fills in.
  return (
    <Suspense fallback={<AccountDeletedMessage orders={null} />}>
      <AccountDeleted />
    </Suspense>
  );
}
