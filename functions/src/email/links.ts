import { createHmac, timingSafeEqual } from 'node:crypto';
import { config, functionUrl } from '../shared/config.js';

/**
 * Links in emails that act without a sign-in (unsubscribe, rate an order) carry an HMAC of what
 * they act on, keyed with EMAIL_LINK_SECRET: nobody can forge one for another account or order.
 * The purpose is part of the signed text, so an unsubscribe signature never works as a rating one.
 */
type Purpose = 'unsubscribe' | 'rate';

export function linkSignature(
  purpose: Purpose,
  subject: string,
  secret = config().EMAIL_LINK_SECRET,
): string {
  return createHmac('sha256', secret).update(`${purpose}:${subject}`).digest('base64url');
}

export function validLinkSignature(
  purpose: Purpose,
  subject: string,
  signature: string,
  secret = config().EMAIL_LINK_SECRET,
): boolean {
  const want = Buffer.from(linkSignature(purpose, subject, secret));
  const got = Buffer.from(signature);
  return got.length === want.length && timingSafeEqual(got, want);
}

/** The one-click unsubscribe URL of an account (the email footer and `List-Unsubscribe`). */
export const unsubscribeUrl = (uid: string) =>
  functionUrl('emailUnsubscribe', { u: uid, s: linkSignature('unsubscribe', uid) });

/** The link of one star count in the rating request. */
export const rateUrl = (orderId: string, stars: number) =>
  functionUrl('rateOrder', { o: orderId, r: String(stars), s: linkSignature('rate', orderId) });
