import { composeEmail, plural, type RenderedEmail } from '../layout.js';

export interface WinbackEmail {
  orderId: string;
  step: number;
  planName: string;
  styleNames: readonly string[];
  /** Ready to pay, or still uploading with this many accepted selfies and this many still needed. */
  photos: { ready: boolean; accepted: number; needed: number };
  /** The discount of this step: null for the reminder without one. */
  discount: { percentOff: number; code: string; expiresAt: number } | null;
  /** The order page; with a discount, it carries the code (`?promo=`), which the page applies. */
  orderUrl: string;
  privacyUrl: string;
  unsubscribeUrl: string;
}

const dateOf = (ms: number) =>
  new Intl.DateTimeFormat('en-US', { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(ms));

/** The win-back drip's emails (functions/src/winback): marketing, so they carry the unsubscribe link. */
export function renderWinback(m: WinbackEmail): Promise<RenderedEmail> {
  const where = m.photos.ready
    ? `Your selfies passed our checks and your ${m.planName} order (${m.styleNames.join(', ')}) is ready for checkout.`
    : m.photos.needed > 0
      ? `Your ${m.planName} order has ${plural(m.photos.accepted, 'accepted selfie')}; add ${plural(m.photos.needed, 'more good photo')} and it is ready for checkout.`
      : `Your ${m.planName} order has ${plural(m.photos.accepted, 'accepted selfie')}; open it to see what is left before checkout.`;
  const offer = m.discount
    ? [
        `Here is ${m.discount.percentOff}% off to finish it: the code ${m.discount.code} is already applied when you open your order from this email.`,
        `It works once, for your account only, until ${dateOf(m.discount.expiresAt)} (UTC).`,
      ]
    : ['Everything you uploaded is saved: pick up where you left off.'];
  const subject = m.discount
    ? `${m.discount.percentOff}% off your headshots`
    : m.photos.ready
      ? 'Your headshots are one step away'
      : 'Finish your headshot order';
  return composeEmail({
    orderId: m.orderId,
    subject,
    title: m.discount ? `${m.discount.percentOff}% off your ${m.planName} order` : 'Your order is waiting',
    paragraphs: [where, ...offer],
    cta: {
      label: m.discount ? `Finish with ${m.discount.percentOff}% off` : 'Finish your order',
      url: m.orderUrl,
    },
    privacyUrl: m.privacyUrl,
    unsubscribeUrl: m.unsubscribeUrl,
  });
}
