import { composeEmail, type EmailContext, type RenderedEmail } from '../layout.js';
import { removedInWords } from './erasure-words.js';

/** The receipt of a customer's order deletion (scope everything). */
export function renderOrderDeleted(ctx: EmailContext): Promise<RenderedEmail> {
  const removed = removedInWords(ctx.erasure?.removed ?? {});
  return composeEmail({
    orderId: ctx.orderId,
    subject: 'Your Likeness order was deleted',
    title: 'Your order was deleted',
    paragraphs: [
      `As you asked, we deleted your ${ctx.planName} order and everything made for it${removed.length ? `: ${removed.join('; ')}.` : '.'}`,
      'Nothing of it is left in our storage, our database or at the GPU provider. Payment records stay with Stripe, our payment processor, as tax law requires.',
    ],
    cta: { label: 'Your account', url: ctx.accountUrl },
    privacyUrl: ctx.privacyUrl,
  });
}

/** The notice that the retention schedule deleted an order's selfies and model (scope training-data). */
export function renderTrainingDataDeleted(ctx: EmailContext): Promise<RenderedEmail> {
  const removed = removedInWords(ctx.erasure?.removed ?? {});
  return composeEmail({
    orderId: ctx.orderId,
    subject: 'We deleted your selfies and personal model',
    title: 'Your selfies and model are deleted',
    paragraphs: [
      `As our privacy notice promises, we deleted what we made from your selfies for your ${ctx.planName} order${removed.length ? `: ${removed.join('; ')}.` : '.'}`,
      'Your headshots are still in your gallery until the date the privacy notice gives.',
    ],
    cta: { label: 'Open your gallery', url: ctx.orderUrl },
    privacyUrl: ctx.privacyUrl,
  });
}
