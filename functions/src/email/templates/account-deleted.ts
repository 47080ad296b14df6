import { plural, composeEmail, type RenderedEmail } from '../layout.js';

/** The receipt of an account deletion: sent to the address captured when it was asked for. */
export function renderAccountDeleted(m: {
  orders: number;
  webUrl: string;
  privacyUrl: string;
}): Promise<RenderedEmail> {
  return composeEmail({
    orderId: null,
    subject: 'Your Likeness account was deleted',
    title: 'Your account was deleted',
    paragraphs: [
      `As you asked, we deleted your Likeness account: your sign-in, ${plural(m.orders, 'order')} with every selfie, face measurement, personal model and headshot in them, in our storage, our database and at the GPU provider.`,
      'Payment records stay with Stripe, our payment processor, as tax law requires. This email is the last we send you.',
    ],
    cta: { label: 'Likeness', url: m.webUrl },
    privacyUrl: m.privacyUrl,
  });
}
