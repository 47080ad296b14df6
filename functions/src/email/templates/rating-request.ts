import { composeEmail, plural, type RenderedEmail } from '../layout.js';

export interface RatingRequestEmail {
  orderId: string;
  planName: string;
  done: number;
  /** One signed link per star count, 1 to 5 (email/links.ts rateUrl). */
  ratingUrls: readonly string[];
  orderUrl: string;
  privacyUrl: string;
  unsubscribeUrl: string;
}

/** The post-delivery rating request: marketing, so it carries the unsubscribe link. */
export function renderRatingRequest(m: RatingRequestEmail): Promise<RenderedEmail> {
  return composeEmail({
    orderId: m.orderId,
    subject: 'How did your headshots turn out?',
    title: 'How did your headshots turn out?',
    paragraphs: [
      `Your ${plural(m.done, 'headshot')} from your ${m.planName} order ${m.done === 1 ? 'is' : 'are'} in your gallery. How would you rate them, from 1 to 5 stars?`,
      'Pick the stars below; you can change your answer later from the same email.',
    ],
    choices: m.ratingUrls.map((url, i) => ({ label: `${'★'.repeat(i + 1)}${'☆'.repeat(4 - i)}`, url })),
    cta: { label: 'Open your gallery', url: m.orderUrl },
    privacyUrl: m.privacyUrl,
    unsubscribeUrl: m.unsubscribeUrl,
  });
}
