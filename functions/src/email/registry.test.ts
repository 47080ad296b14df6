import { describe, expect, it } from 'vitest';
import type { EmailContext } from './layout.js';
import { renderAccountDeleted } from './templates/account-deleted.js';
import { renderRatingRequest } from './templates/rating-request.js';
import { renderWinback, type WinbackEmail } from './templates/winback.js';
import { EMAILS, emailsOwed, isEmailTemplate, stillOwed, type EmailDefinition } from './registry.js';

const renderEmail = (id: keyof typeof EMAILS, ctx: EmailContext) => EMAILS[id].render(ctx);

const ctx: EmailContext = {
  orderId: 'o123',
  orderUrl: 'http://localhost:3000/orders/o123',
  planName: 'Starter',
  styleNames: ['Corporate grey', 'Modern office'],
  images: { planned: 40, done: 40, failed: 0 },
  privacyUrl: 'http://localhost:3000/privacy',
  accountUrl: 'http://localhost:3000/account',
};

describe('order-delivered email', () => {
  it('says how many headshots are ready and links to the order', async () => {
    const mail = await renderEmail('order-delivered', ctx);
    expect(mail.subject).toBe('Your 40 headshots are ready');
    expect(mail.text).toContain('40 headshots in 2 styles (Corporate grey, Modern office)');
    expect(mail.text).toContain('http://localhost:3000/orders/o123');
    expect(mail.html).toContain('href="http://localhost:3000/orders/o123"');
    expect(mail.text).not.toContain('could not be generated');
  });

  it('mentions images that failed', async () => {
    const mail = await renderEmail('order-delivered', {
      ...ctx,
      images: { planned: 40, done: 36, failed: 4 },
    });
    expect(mail.subject).toBe('Your 36 headshots are ready');
    expect(mail.text).toContain('4 images could not be generated');
  });

  it('uses the singular for one headshot', async () => {
    expect(
      (
        await renderEmail('order-delivered', {
          ...ctx,
          styleNames: ['Corporate grey'],
          images: { planned: 4, done: 1, failed: 3 },
        })
      ).subject,
    ).toBe('Your 1 headshot is ready');
  });
});

describe('order-failed email', () => {
  it('gives the reason in words and escapes it in HTML', async () => {
    const mail = await renderEmail('order-failed', {
      ...ctx,
      errorMessage: 'The GPU job failed: <script>alert(1)</script> & more',
    });
    expect(mail.subject).toBe('We could not finish your headshots');
    expect(mail.text).toContain('What happened: The GPU job failed: <script>alert(1)</script> & more');
    expect(mail.html).not.toContain('<script>');
    expect(mail.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; more');
    expect(mail.html).toContain('href="http://localhost:3000/orders/o123"');
  });

  it('escapes a hostile order link and style names', async () => {
    const mail = await renderEmail('order-delivered', {
      ...ctx,
      orderUrl: 'http://x/orders/"><img src=x>',
      styleNames: ['<b>x</b>'],
    });
    expect(mail.html).not.toContain('"><img');
    expect(mail.html).not.toContain('<b>x</b>');
  });
});

describe('order-refunded email', () => {
  it("states the refund in the order's own currency", async () => {
    const mail = await renderEmail('order-refunded', { ...ctx, refund: { amount: 2500, currency: 'gbp' } });
    expect(mail.text).toContain('£25.00 for your Starter order has been refunded');
    expect(mail.text).not.toContain('$');
  });
  it('says how much was refunded and that the gallery is closed', async () => {
    const mail = await renderEmail('order-refunded', { ...ctx, refund: { amount: 2900, currency: 'usd' } });
    expect(mail.subject).toBe('Your Likeness order was refunded');
    expect(mail.text).toContain('$29.00 for your Starter order has been refunded');
    expect(mail.text).toContain('can no longer be opened or downloaded');
  });
});

describe('email registry', () => {
  it('owes each final status its email, once per order by its dedupe key', async () => {
    expect(emailsOwed('o1', 'delivered')).toEqual([
      {
        queue: 'sendEmail',
        id: 'email-delivered-o1',
        payload: { template: 'order-delivered', orderId: 'o1', dedupeKey: 'delivered-o1' },
      },
    ]);
    expect(emailsOwed('o1', 'failed').map((t) => t.payload)).toEqual([
      { template: 'order-failed', orderId: 'o1', dedupeKey: 'failed-o1' },
    ]);
    expect(emailsOwed('o1', 'generating')).toEqual([]);
  });

  it('knows its templates and nothing else', async () => {
    expect(isEmailTemplate('order-delivered')).toBe(true);
    expect(isEmailTemplate('toString')).toBe(false);
    expect(isEmailTemplate('no-such-email')).toBe(false);
  });

  it('sends a delayed email only while the order is still where it was when owed', async () => {
    const reminder: EmailDefinition = {
      trigger: { status: 'ready', delaySeconds: 3600 },
      dedupeKey: (orderId) => `reminder-${orderId}`,
      render: EMAILS['order-failed'].render,
    };
    expect(stillOwed(reminder, { status: 'ready' })).toBe(true);
    expect(stillOwed(reminder, { status: 'paid' })).toBe(false);
    // An immediate email is owed whatever happened since (e.g. delivered, then refunded).
    expect(stillOwed(EMAILS['order-delivered'], { status: 'refunded' })).toBe(true);
  });
});

describe('privacy and deletion emails', () => {
  it('links the privacy notice from every email, in HTML and in the plain-text part', async () => {
    for (const id of Object.keys(EMAILS) as Array<keyof typeof EMAILS>) {
      const mail = await renderEmail(id, ctx);
      expect(mail.text, id).toContain('http://localhost:3000/privacy');
      expect(mail.html, id).toContain('href="http://localhost:3000/privacy"');
    }
    const account = await renderAccountDeleted({
      orders: 2,
      webUrl: 'http://x',
      privacyUrl: 'http://x/privacy',
    });
    expect(account.text).toContain('http://x/privacy');
  });

  it('lists what an order deletion removed, and says Stripe keeps the payment records', async () => {
    const mail = await renderEmail('order-deleted', {
      ...ctx,
      erasure: { scope: 'everything', removed: { photos: 12, models: 1, images: 40, files: 93 } },
    });
    expect(mail.subject).toBe('Your Likeness order was deleted');
    expect(mail.text).toContain('12 selfies with their face crops and face measurements');
    expect(mail.text).toContain('your personal model, in our storage and at the GPU provider');
    expect(mail.text).toContain('40 headshots');
    expect(mail.text).toContain('Payment records stay with Stripe');
  });

  it('sends nothing about a deleted order but its receipt', async () => {
    expect(stillOwed(EMAILS['order-delivered'], { status: 'deleted' })).toBe(false);
    expect(stillOwed(EMAILS['headshots-expiring'], { status: 'deleted' })).toBe(false);
    expect(stillOwed(EMAILS['order-deleted'], { status: 'deleted' })).toBe(true);
  });

  it('names the day the headshots will be deleted', async () => {
    const mail = await renderEmail('headshots-expiring', {
      ...ctx,
      headshotsDeleteAt: Date.UTC(2027, 11, 2),
    });
    expect(mail.text).toContain('will be deleted on December 2, 2027');
  });

  it('has receipts and reminders that no status sends by itself', async () => {
    for (const status of ['deleted', 'delivered', 'ready'] as const) {
      const owed = emailsOwed('o1', status).map((t) => ('template' in t.payload ? t.payload.template : ''));
      expect(owed).not.toContain('order-deleted');
      expect(owed).not.toContain('headshots-expiring');
    }
  });
});

describe('one react-email layout', () => {
  it('renders every email as a full HTML document with a plain-text part', async () => {
    for (const id of Object.keys(EMAILS) as Array<keyof typeof EMAILS>) {
      const mail = await renderEmail(id, ctx);
      expect(mail.html, id).toMatch(/^<!DOCTYPE html/i);
      expect(mail.html, id).toContain(`order o123`);
      expect(mail.text, id).toMatch(/^\S/);
      // Transactional: no unsubscribe headers, no unsubscribe link.
      expect(mail.headers, id).toBeUndefined();
      expect(mail.text, id).not.toContain('Unsubscribe');
    }
  });
});

describe('marketing emails', () => {
  const unsubscribeUrl = 'http://127.0.0.1:5001/p/r/emailUnsubscribe?u=uid1&s=sig';
  const winback: WinbackEmail = {
    orderId: 'o123',
    step: 1,
    planName: 'Starter',
    styleNames: ['Corporate grey'],
    photos: { ready: true, accepted: 12, needed: 0 },
    discount: null,
    orderUrl: 'http://localhost:3000/orders/o123',
    privacyUrl: 'http://localhost:3000/privacy',
    unsubscribeUrl,
  };

  it('carry RFC 8058 one-click headers and the unsubscribe link in both parts', async () => {
    const mail = await renderWinback(winback);
    expect(mail.headers).toEqual({
      'List-Unsubscribe': `<${unsubscribeUrl}>`,
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
    });
    expect(mail.text).toContain(`Unsubscribe from offers and reminders: ${unsubscribeUrl}`);
    expect(mail.html).toContain('href="http://127.0.0.1:5001/p/r/emailUnsubscribe?u=uid1&amp;s=sig"');
  });

  it('reminds without a discount first, then quotes the code, its terms and the link that applies it', async () => {
    const first = await renderWinback(winback);
    expect(first.subject).toBe('Your headshots are one step away');
    expect(first.text).not.toMatch(/% off|code/);
    const expiresAt = Date.UTC(2027, 0, 4, 12);
    const second = await renderWinback({
      ...winback,
      step: 2,
      discount: { percentOff: 10, code: 'BACK10-ABC', expiresAt },
      orderUrl: 'http://localhost:3000/orders/o123?promo=BACK10-ABC',
    });
    expect(second.subject).toBe('10% off your headshots');
    expect(second.text).toContain('the code BACK10-ABC is already applied');
    expect(second.text).toContain('It works once, for your account only, until January 4, 2027 (UTC).');
    expect(second.text).toContain('Finish with 10% off: http://localhost:3000/orders/o123?promo=BACK10-ABC');
    expect(second.html).toContain('href="http://localhost:3000/orders/o123?promo=BACK10-ABC"');
  });

  it('tells an order still in upload how many photos it needs', async () => {
    const mail = await renderWinback({ ...winback, photos: { ready: false, accepted: 4, needed: 6 } });
    expect(mail.subject).toBe('Finish your headshot order');
    expect(mail.text).toContain(
      'has 4 accepted selfies; add 6 more good photos and it is ready for checkout',
    );
  });

  it('does not count photos that are still being checked as missing', async () => {
    const mail = await renderWinback({ ...winback, photos: { ready: false, accepted: 10, needed: 0 } });
    expect(mail.text).toContain('has 10 accepted selfies; open it to see what is left before checkout');
  });

  it('asks for a rating with one link per star count', async () => {
    const urls = [1, 2, 3, 4, 5].map((n) => `http://f/rateOrder?o=o123&r=${n}&s=x`);
    const mail = await renderRatingRequest({
      orderId: 'o123',
      planName: 'Starter',
      done: 40,
      ratingUrls: urls,
      orderUrl: 'http://localhost:3000/orders/o123',
      privacyUrl: 'http://localhost:3000/privacy',
      unsubscribeUrl,
    });
    expect(mail.subject).toBe('How did your headshots turn out?');
    expect(mail.text).toContain('40 headshots from your Starter order are in your gallery');
    expect(mail.text).toContain('★★★☆☆: http://f/rateOrder?o=o123&r=3&s=x');
    for (const n of [1, 2, 3, 4, 5])
      expect(mail.html).toContain(`href="http://f/rateOrder?o=o123&amp;r=${n}&amp;s=x"`);
    expect(mail.headers?.['List-Unsubscribe-Post']).toBe('List-Unsubscribe=One-Click');
  });
});
