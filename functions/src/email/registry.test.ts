import { describe, expect, it } from 'vitest';
import type { EmailContext } from './layout.js';
import { renderAccountDeleted } from './templates/account-deleted.js';
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
  it('says how many headshots are ready and links to the order', () => {
    const mail = renderEmail('order-delivered', ctx);
    expect(mail.subject).toBe('Your 40 headshots are ready');
    expect(mail.text).toContain('40 headshots in 2 styles (Corporate grey, Modern office)');
    expect(mail.text).toContain('http://localhost:3000/orders/o123');
    expect(mail.html).toContain('href="http://localhost:3000/orders/o123"');
    expect(mail.text).not.toContain('could not be generated');
  });

  it('mentions images that failed', () => {
    const mail = renderEmail('order-delivered', { ...ctx, images: { planned: 40, done: 36, failed: 4 } });
    expect(mail.subject).toBe('Your 36 headshots are ready');
    expect(mail.text).toContain('4 images could not be generated');
  });

  it('uses the singular for one headshot', () => {
    expect(
      renderEmail('order-delivered', {
        ...ctx,
        styleNames: ['Corporate grey'],
        images: { planned: 4, done: 1, failed: 3 },
      }).subject,
    ).toBe('Your 1 headshot is ready');
  });
});

describe('order-failed email', () => {
  it('gives the reason in words and escapes it in HTML', () => {
    const mail = renderEmail('order-failed', {
      ...ctx,
      errorMessage: 'The GPU job failed: <script>alert(1)</script> & more',
    });
    expect(mail.subject).toBe('We could not finish your headshots');
    expect(mail.text).toContain('What happened: The GPU job failed: <script>alert(1)</script> & more');
    expect(mail.html).not.toContain('<script>');
    expect(mail.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; more');
    expect(mail.html).toContain('href="http://localhost:3000/orders/o123"');
  });

  it('escapes a hostile order link and style names', () => {
    const mail = renderEmail('order-delivered', {
      ...ctx,
      orderUrl: 'http://x/orders/"><img src=x>',
      styleNames: ['<b>x</b>'],
    });
    expect(mail.html).not.toContain('"><img');
    expect(mail.html).not.toContain('<b>x</b>');
  });
});

describe('order-refunded email', () => {
  it('says how much was refunded and that the gallery is closed', () => {
    const mail = renderEmail('order-refunded', { ...ctx, refund: { amount: 2900, currency: 'usd' } });
    expect(mail.subject).toBe('Your Likeness order was refunded');
    expect(mail.text).toContain('$29.00 for your Starter order has been refunded');
    expect(mail.text).toContain('can no longer be opened or downloaded');
  });
});

describe('email registry', () => {
  it('owes each final status its email, once per order by its dedupe key', () => {
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

  it('knows its templates and nothing else', () => {
    expect(isEmailTemplate('order-delivered')).toBe(true);
    expect(isEmailTemplate('toString')).toBe(false);
    expect(isEmailTemplate('no-such-email')).toBe(false);
  });

  it('sends a delayed email only while the order is still where it was when owed', () => {
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
  it('links the privacy notice from every email, in HTML and in the plain-text part', () => {
    for (const id of Object.keys(EMAILS) as Array<keyof typeof EMAILS>) {
      const mail = renderEmail(id, ctx);
      expect(mail.text, id).toContain('http://localhost:3000/privacy');
      expect(mail.html, id).toContain('href="http://localhost:3000/privacy"');
    }
    const account = renderAccountDeleted({ orders: 2, webUrl: 'http://x', privacyUrl: 'http://x/privacy' });
    expect(account.text).toContain('http://x/privacy');
  });

  it('lists what an order deletion removed, and says Stripe keeps the payment records', () => {
    const mail = renderEmail('order-deleted', {
      ...ctx,
      erasure: { scope: 'everything', removed: { photos: 12, models: 1, images: 40, files: 93 } },
    });
    expect(mail.subject).toBe('Your Likeness order was deleted');
    expect(mail.text).toContain('12 selfies with their face crops and face measurements');
    expect(mail.text).toContain('your personal model, in our storage and at the GPU provider');
    expect(mail.text).toContain('40 headshots');
    expect(mail.text).toContain('Payment records stay with Stripe');
  });

  it('sends nothing about a deleted order but its receipt', () => {
    expect(stillOwed(EMAILS['order-delivered'], { status: 'deleted' })).toBe(false);
    expect(stillOwed(EMAILS['headshots-expiring'], { status: 'deleted' })).toBe(false);
    expect(stillOwed(EMAILS['order-deleted'], { status: 'deleted' })).toBe(true);
  });

  it('names the day the headshots will be deleted', () => {
    const mail = renderEmail('headshots-expiring', { ...ctx, headshotsDeleteAt: Date.UTC(2027, 11, 2) });
    expect(mail.text).toContain('will be deleted on December 2, 2027');
  });

  it('has receipts and reminders that no status sends by itself', () => {
    for (const status of ['deleted', 'delivered', 'ready'] as const) {
      const owed = emailsOwed('o1', status).map((t) => ('template' in t.payload ? t.payload.template : ''));
      expect(owed).not.toContain('order-deleted');
      expect(owed).not.toContain('headshots-expiring');
    }
  });
});
