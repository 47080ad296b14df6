import { ordersCol } from '../shared/db.js';

/**
 * The order a PaymentIntent paid for. Refunds and disputes name the charge's PaymentIntent, which the
 * order records when it is paid; a PaymentIntent of a refunded second payment belongs to no order.
 */
export async function orderIdPaidBy(paymentIntent: string | null): Promise<string | null> {
  if (!paymentIntent) return null;
  const found = await ordersCol().where('payment.paymentIntent', '==', paymentIntent).limit(1).get();
  return found.docs[0]?.id ?? null;
}

/** Stripe sends ids or expanded objects; the id either way. */
export const idOf = (value: string | { id: string } | null | undefined): string | null =>
  typeof value === 'string' ? value : (value?.id ?? null);
