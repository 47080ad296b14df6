import { formatPrice } from '@likeness/core';
import { composeEmail, type EmailContext, type RenderedEmail } from '../layout.js';

export function renderOrderRefunded(ctx: EmailContext): Promise<RenderedEmail> {
  const amount = ctx.refund ? formatPrice(ctx.refund.amount, ctx.refund.currency) : 'Your payment';
  return composeEmail({
    orderId: ctx.orderId,
    subject: 'Your Likeness order was refunded',
    title: 'Your order was refunded',
    paragraphs: [
      `${amount} for your ${ctx.planName} order has been refunded to your original payment method. Banks usually show it within 5–10 business days.`,
      'The order is closed: its headshots can no longer be opened or downloaded.',
    ],
    cta: { label: 'See your order', url: ctx.orderUrl },
    privacyUrl: ctx.privacyUrl,
  });
}
