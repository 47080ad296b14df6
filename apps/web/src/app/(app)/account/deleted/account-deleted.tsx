'use client';

import Link from 'next/link';
import { useSearchParams } from 'next/navigation';
import { plural } from '@/lib/erasure-view';

/** Where "Delete my account" ends, signed out: what happens next. Needs no sign-in to show. */
export function AccountDeletedMessage({ orders }: { orders: number | null }) {
  return (
    <div className="mx-auto max-w-xl py-16 text-center" data-testid="account-deleted" role="status">
      <h1 className="text-3xl font-semibold tracking-tight">Your account is being deleted</h1>
      <p className="mt-4 text-slate-600">
        You are signed out. We are deleting {orders ? `your ${plural(orders, 'order')}` : 'your orders'}, with
        the selfies, face data, personal models and headshots in them, then your consent record and your
        sign-in.
      </p>
      <p className="mt-3 text-slate-600">
        A receipt email follows to the address you signed in with once everything is gone. Stripe keeps the
        records of your payments, as the law requires.
      </p>
      <Link
        prefetch={false}
        href="/"
        className="mt-8 inline-block font-semibold text-brand-700 underline underline-offset-2"
      >
        Back to the home page
      </Link>
    </div>
  );
}

/** The message with the number of orders deleteAccount reported (passed in the URL). */
export function AccountDeleted() {
  const count = Number(useSearchParams().get('orders'));
  return <AccountDeletedMessage orders={Number.isInteger(count) && count > 0 ? count : null} />;
}
