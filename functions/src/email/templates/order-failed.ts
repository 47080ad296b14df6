import { composeEmail, type EmailContext, type RenderedEmail } from '../layout.js';

export function renderOrderFailed(ctx: EmailContext): Promise<RenderedEmail> {
  const title = 'We could not finish your headshots';
  return composeEmail({
    orderId: ctx.orderId,
    subject: title,
    title,
    paragraphs: [
      `Something went wrong while we were making your ${ctx.planName} headshots.`,
      ...(ctx.errorMessage ? [`What happened: ${ctx.errorMessage}`] : []),
      'Reply to this email and we will refund your payment in full.',
    ],
    cta: { label: 'See your order', url: ctx.orderUrl },
    privacyUrl: ctx.privacyUrl,
  });
}
