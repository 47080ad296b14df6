/**
 * The win-back drip, one-click unsubscribe and the rating request against the local stack: the
 * send handler runs here with a clock moved on (an hour, a day, two days), the way Cloud Tasks
 * would run it then; codes are redeemed on the Stripe stand-in's hosted page, payments come back
 * through the real webhook, and every email is read from the SendGrid stand-in's outbox.
 */
import {
  COLLECTIONS,
  type CreateCheckoutResponse,
  DAY_MS,
  type MarketingEmailTask,
  PLANS,
  type SetMarketingEmailResponse,
  WINBACK_CODE_VALID_SECONDS,
} from '@likeness/core';
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { rateUrl, unsubscribeUrl } from '../src/email/links.js';
import { sendMarketingEmail } from '../src/winback/send-marketing.js';
import { payOnStandin, readOrderDoc, standinStripe } from './helpers/customer.js';
import {
  callError,
  callFunction,
  runTask,
  signUp,
  stack,
  testDb,
  waitFor,
  type TestUser,
} from './helpers/emulator.js';
import { Timestamp } from './helpers/pipeline.js';

const stripe = standinStripe();
const HOUR = 3600_000;

interface Mail {
  subject: string;
  text: string | null;
  html: string | null;
  headers: Record<string, string>;
  to: Array<{ email: string }>;
}

async function mailTo(email: string): Promise<Mail[]> {
  const res = await fetch(`${stack.LIKENESS_STANDIN_URLS.mail}/api/messages`);
  const all = (await res.json()) as Mail[];
  return all.filter((m) => m.to.some((t) => t.email.toLowerCase() === email.toLowerCase()));
}

/** A customer's order that passed the photo gate and was not paid, as set-level QC leaves it. */
async function seedOrder(
  user: Pick<TestUser, 'uid'>,
  status: 'ready' | 'uploading' | 'delivered' = 'ready',
): Promise<string> {
  const orderId = `wb${randomUUID().replace(/-/g, '').slice(0, 16)}`;
  const now = Timestamp.now();
  const accepted = status === 'uploading' ? 4 : 12;
  await testDb
    .collection(COLLECTIONS.orders)
    .doc(orderId)
    .set({
      uid: user.uid,
      status,
      subjectClass: 'woman',
      styleIds: ['corporate-grey', 'modern-office'],
      planId: 'starter',
      createdAt: now,
      updatedAt: now,
      statusAt: { draft: now, uploading: now, ...(status !== 'uploading' ? { ready: now } : {}) },
      photos: {
        uploaded: accepted,
        pending: 0,
        accepted,
        rejected: 0,
        distinct: accepted,
        counted: accepted,
      },
      qc: {
        gateMessage:
          status === 'uploading'
            ? '6 more good photos needed (at least 10).'
            : '12 good photos — ready for checkout.',
        needed: status === 'uploading' ? 6 : 0,
        tip: null,
        suggestedClass: null,
      },
      ...(status === 'delivered' ? { images: { planned: 40, done: 40, failed: 0 } } : {}),
    });
  return orderId;
}

const winback = (orderId: string, step: 1 | 2 | 3, start: number): MarketingEmailTask => ({
  kind: 'winback',
  orderId,
  step,
  dueAt: start + [0, HOUR, DAY_MS, 2 * DAY_MS][step]!,
});

/** Runs a step as Cloud Tasks would at its time. */
const runStep = (orderId: string, step: 1 | 2 | 3, start: number) =>
  sendMarketingEmail(winback(orderId, step, start), winback(orderId, step, start).dueAt);

const codeIn = (mail: Mail) => /BACK\d+-[A-Z0-9]{10}/.exec(mail.text ?? '')?.[0];

async function checkout(user: TestUser, orderId: string, discountCode?: string) {
  return callFunction<CreateCheckoutResponse>(
    'createCheckout',
    { orderId, ...(discountCode ? { discountCode } : {}) },
    user.idToken,
  );
}

async function pay(user: TestUser, orderId: string, sessionId: string) {
  expect((await payOnStandin(sessionId, user.email)).status).toBe(303);
  await waitFor(async () => (await readOrderDoc(orderId)).status === 'paid', {
    what: `order ${orderId} paid`,
  });
}

const onePost = (url: string) =>
  fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: 'List-Unsubscribe=One-Click',
  });

describe('win-back drip', () => {
  it('sends a reminder at one hour, then stops once the order is paid', async () => {
    const user = await signUp();
    const orderId = await seedOrder(user);
    const start = Date.now();

    // Before its time (the emulator dispatches delayed tasks at once): nothing happens.
    expect(await sendMarketingEmail(winback(orderId, 1, start), start)).toBe('not-due');
    expect((await testDb.collection(COLLECTIONS.mail).doc(`winback-${orderId}-1`).get()).exists).toBe(false);

    expect(await runStep(orderId, 1, start)).toBe('sent');
    const [first] = await mailTo(user.email);
    expect(first!.subject).toBe('Your headshots are one step away');
    expect(first!.text).toContain(`/orders/${orderId}`);
    expect(first!.text).not.toContain('?promo=');
    expect(first!.headers['List-Unsubscribe']).toBe(`<${unsubscribeUrl(user.uid)}>`);
    expect(first!.headers['List-Unsubscribe-Post']).toBe('List-Unsubscribe=One-Click');

    const session = await checkout(user, orderId);
    await pay(user, orderId, session.sessionId);

    expect(await runStep(orderId, 2, start)).toBe('skipped');
    expect(await runStep(orderId, 3, start)).toBe('skipped');
    const mails = await mailTo(user.email);
    expect(mails.map((m) => m.subject)).toEqual(['Your headshots are one step away']);
    expect(
      (await testDb.collection(COLLECTIONS.mail).doc(`winback-${orderId}-2`).get()).get('reason'),
      // Once paid, the pipeline moves the order on (training, and here it may fail): any status past
      // payment ends the drip.
    ).toMatch(/^The order is "(paid|training|generating|delivered|failed)": nothing to win back$/);
  });

  it('gives a single-use code for this customer only: it pays once, then is refused', async () => {
    const user = await signUp();
    const orderId = await seedOrder(user);
    const start = Date.now();
    expect(await runStep(orderId, 2, start)).toBe('sent');
    const [mail] = await mailTo(user.email);
    expect(mail!.subject).toBe('10% off your headshots');
    const code = codeIn(mail!)!;
    expect(code).toMatch(/^BACK10-/);
    expect(mail!.text).toContain(`/orders/${orderId}?promo=${code}`);
    expect(mail!.html).toContain(`/orders/${orderId}?promo=${code}"`);

    const promo = (await stripe.promotionCodes.list({ code, limit: 1 })).data[0]!;
    const customerId = (await testDb.collection(COLLECTIONS.users).doc(user.uid).get()).get(
      'billing.stripeCustomerId',
    );
    expect(customerId).toMatch(/^cus_/);
    expect(promo).toMatchObject({ customer: customerId, max_redemptions: 1, times_redeemed: 0 });
    const dueAt = winback(orderId, 2, start).dueAt;
    expect(promo.expires_at).toBe(Math.floor(dueAt / 1000) + WINBACK_CODE_VALID_SECONDS);

    // Someone else's order cannot use it (and it counts as a wrong code there).
    const other = await signUp();
    const otherOrder = await seedOrder(other);
    const stolen = await callError(
      'createCheckout',
      { orderId: otherOrder, discountCode: code },
      other.idToken,
    );
    expect(stolen.status).toBe('INVALID_ARGUMENT');

    const session = await checkout(user, orderId, code);
    const stripeSession = await stripe.checkout.sessions.retrieve(session.sessionId);
    expect(stripeSession).toMatchObject({
      customer: customerId,
      amount_total: PLANS.starter.priceCents - Math.round(PLANS.starter.priceCents * 0.1),
      discounts: [{ promotion_code: promo.id }],
    });
    await pay(user, orderId, session.sessionId);
    expect((await readOrderDoc(orderId)).payment?.discountCode).toBe(code);
    expect((await stripe.promotionCodes.retrieve(promo.id)).times_redeemed).toBe(1);

    // Used once: the same customer's next order is refused it, in words.
    const second = await seedOrder(user);
    const again = await callError('createCheckout', { orderId: second, discountCode: code }, user.idToken);
    expect(again.status).toBe('FAILED_PRECONDITION');
    expect(again.message).toContain('This discount code was already used.');
    // Stripe itself refuses it too (what a session made around our check would meet).
    await expect(
      stripe.checkout.sessions.create({
        mode: 'payment',
        customer: customerId,
        line_items: [{ price: await firstPrice(), quantity: 1 }],
        discounts: [{ promotion_code: promo.id }],
        success_url: 'http://localhost/s',
      }),
    ).rejects.toMatchObject({ statusCode: 400, param: 'discounts[0][promotion_code]' });

    // The 20 % step of the paid order is not sent; the other customer's order still gets its own.
    expect(await runStep(orderId, 3, start)).toBe('skipped');
    expect(await runStep(otherOrder, 3, start)).toBe('sent');
    const [otherMail] = await mailTo(other.email);
    expect(codeIn(otherMail!)).toMatch(/^BACK20-/);
    expect(codeIn(otherMail!)).not.toBe(code);
  });

  it('reminds an upload that stalled with accepted photos, and skips a deleted order', async () => {
    const user = await signUp();
    const orderId = await seedOrder(user, 'uploading');
    const start = Date.now();
    expect(await runStep(orderId, 1, start)).toBe('sent');
    const [mail] = await mailTo(user.email);
    expect(mail!.subject).toBe('Finish your headshot order');
    expect(mail!.text).toContain('has 4 accepted selfies; add 6 more good photos');

    await testDb.collection(COLLECTIONS.orders).doc(orderId).update({ status: 'deleted' });
    expect(await runStep(orderId, 2, start)).toBe('skipped');
    expect(await mailTo(user.email)).toHaveLength(1);
  });

  it('sends a replayed task once', async () => {
    const user = await signUp();
    const orderId = await seedOrder(user);
    const task = winback(orderId, 2, Date.now() - 2 * DAY_MS);
    // Cloud Tasks delivers at least once: the same task, run again after it succeeded, sends nothing.
    for (let i = 0; i < 3; i++) expect((await runTask('sendMarketingEmail', task)).ok).toBe(true);
    await waitFor(async () => (await mailTo(user.email)).length > 0, { what: 'the win-back email' });
    const mails = await mailTo(user.email);
    expect(mails.map((m) => m.subject)).toEqual(['10% off your headshots']);
    const record = await testDb.collection(COLLECTIONS.mail).doc(`winback-${orderId}-2`).get();
    expect(record.get('status')).toBe('sent');
    expect(record.get('attempts')).toBe(1);
    expect((await stripe.promotionCodes.list({ code: codeIn(mails[0]!)!, limit: 10 })).data).toHaveLength(1);
  });
});

describe('account deletion', () => {
  it('deletes the Stripe customer made for win-back codes', async () => {
    const user = await signUp();
    const orderId = await seedOrder(user);
    expect(await runStep(orderId, 2, Date.now())).toBe('sent');
    const customerId = (await testDb.collection(COLLECTIONS.users).doc(user.uid).get()).get(
      'billing.stripeCustomerId',
    ) as string;
    expect((await stripe.customers.retrieve(customerId)).id).toBe(customerId);
    await callFunction('deleteAccount', { confirm: 'DELETE' }, user.idToken);
    await waitFor(
      async () =>
        (await testDb.collection(COLLECTIONS.accountDeletions).doc(user.uid).get()).get('state') ===
        'deleted',
      { timeoutMs: 60_000, what: 'the account deletion' },
    );
    await expect(stripe.customers.retrieve(customerId)).rejects.toMatchObject({ statusCode: 404 });
  });
});

describe('one-click unsubscribe', () => {
  it('unsubscribes on the RFC 8058 POST; then no marketing email, but transactional email still goes', async () => {
    const user = await signUp();
    const orderId = await seedOrder(user);
    const url = unsubscribeUrl(user.uid);

    // Showing the page (or a mail scanner fetching the link) changes nothing.
    const page = await fetch(url);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<form method="post"');
    expect((await testDb.collection(COLLECTIONS.users).doc(user.uid).get()).get('email')).toBeUndefined();

    const forged = new URL(url);
    forged.searchParams.set('u', 'someone-else');
    expect((await onePost(forged.toString())).status).toBe(400);

    const res = await onePost(url);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('You are unsubscribed');
    const pref = (await testDb.collection(COLLECTIONS.users).doc(user.uid).get()).get('email');
    expect(pref).toMatchObject({ marketing: false, via: 'one-click' });
    expect((await onePost(url)).status).toBe(200);

    const start = Date.now();
    for (const step of [1, 2, 3] as const) expect(await runStep(orderId, step, start)).toBe('skipped');
    expect(await mailTo(user.email)).toEqual([]);

    // A transactional email (the order failed) is still sent.
    await testDb
      .collection(COLLECTIONS.orders)
      .doc(orderId)
      .update({
        status: 'failed',
        error: { code: 'test', message: 'The GPU job failed.' },
      });
    const failed = await waitFor(
      async () => (await mailTo(user.email)).find((m) => m.subject === 'We could not finish your headshots'),
      { timeoutMs: 30_000, what: 'the order-failed email' },
    );
    expect(failed.headers['List-Unsubscribe']).toBeUndefined();
  });

  it('unsubscribes with the button of the page', async () => {
    const user = await signUp();
    const res = await fetch(unsubscribeUrl(user.uid), {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'confirm=yes',
    });
    expect(res.status).toBe(200);
    expect((await testDb.collection(COLLECTIONS.users).doc(user.uid).get()).get('email')).toMatchObject({
      marketing: false,
      via: 'link',
    });
  });
});

describe('marketing email from the account page (setMarketingEmail)', () => {
  const setMarketing = (user: TestUser, marketing: boolean) =>
    callFunction<SetMarketingEmailResponse>('setMarketingEmail', { marketing }, user.idToken);
  const choiceOf = async (uid: string) =>
    (await testDb.collection(COLLECTIONS.users).doc(uid).get()).get('email');

  it('turns offers and reminders back on after the one-click unsubscribe: the next one is sent', async () => {
    const user = await signUp();
    const orderId = await seedOrder(user);
    const start = Date.now();
    expect((await onePost(unsubscribeUrl(user.uid))).status).toBe(200);
    expect(await runStep(orderId, 1, start)).toBe('skipped');

    expect(await setMarketing(user, true)).toEqual({ marketing: true, changed: true });
    const on = await choiceOf(user.uid);
    expect(on).toMatchObject({ marketing: true, via: 'account' });
    expect(on.at.toMillis()).toBeGreaterThan(start - 60_000);

    // What was skipped while it was off stays skipped; the next step goes out.
    expect(await runStep(orderId, 1, start)).toBe('already-sent');
    expect(await runStep(orderId, 2, start)).toBe('sent');
    expect((await mailTo(user.email)).map((m) => m.subject)).toEqual(['10% off your headshots']);

    // The rating request of a delivered order too.
    const delivered = await seedOrder(user, 'delivered');
    expect(
      await sendMarketingEmail({ kind: 'rating-request', orderId: delivered, dueAt: start - 1000 }),
    ).toBe('sent');
    expect((await mailTo(user.email)).map((m) => m.subject)).toContain('How did your headshots turn out?');
  });

  it('turns them off, and is idempotent both ways: the first time is kept', async () => {
    const user = await signUp();
    const orderId = await seedOrder(user);
    // Never chosen counts as on: asking for on writes nothing (no record is made).
    expect(await setMarketing(user, true)).toEqual({ marketing: true, changed: false });
    expect((await testDb.collection(COLLECTIONS.users).doc(user.uid).get()).exists).toBe(false);

    expect(await setMarketing(user, false)).toEqual({ marketing: false, changed: true });
    const off = await choiceOf(user.uid);
    expect(off).toMatchObject({ marketing: false, via: 'account' });
    expect(await setMarketing(user, false)).toEqual({ marketing: false, changed: false });
    // The email's link, later, keeps the first choice as well.
    expect((await onePost(unsubscribeUrl(user.uid))).status).toBe(200);
    const still = await choiceOf(user.uid);
    expect(still.via).toBe('account');
    expect(still.at.toMillis()).toBe(off.at.toMillis());
    expect(await runStep(orderId, 1, Date.now())).toBe('skipped');
    expect(await mailTo(user.email)).toEqual([]);

    // Two clicks at once: both answer, one write.
    const both = await Promise.all([setMarketing(user, true), setMarketing(user, true)]);
    expect(both.map((r) => r.marketing)).toEqual([true, true]);
    expect(both.filter((r) => r.changed)).toHaveLength(1);
    const on = await choiceOf(user.uid);
    expect(await setMarketing(user, true)).toEqual({ marketing: true, changed: false });
    expect((await choiceOf(user.uid)).at.toMillis()).toBe(on.at.toMillis());
  });

  it('refuses a signed-out caller and a request that is not a yes or no', async () => {
    const signedOut = await callError('setMarketingEmail', { marketing: true });
    expect(signedOut.status).toBe('UNAUTHENTICATED');

    const user = await signUp();
    for (const data of [{}, { marketing: 'yes' }, { marketing: null }, { marketing: 1 }, null]) {
      const bad = await callError('setMarketingEmail', data, user.idToken);
      expect(bad.status, JSON.stringify(data)).toBe('INVALID_ARGUMENT');
    }
    expect((await testDb.collection(COLLECTIONS.users).doc(user.uid).get()).exists).toBe(false);
  });

  it('refuses an account that is being deleted and writes nothing for it', async () => {
    const user = await signUp();
    await testDb
      .collection(COLLECTIONS.users)
      .doc(user.uid)
      .set({ email: { marketing: false, via: 'link' } });
    // The record deleteAccount makes (written here, so no erasure runs under the test).
    await testDb.collection(COLLECTIONS.accountDeletions).doc(user.uid).set({
      state: 'deleting',
      email: null,
      orderIds: [],
      done: [],
      attempts: 0,
      lastError: null,
    });
    const refused = await callError('setMarketingEmail', { marketing: true }, user.idToken);
    expect(refused.status).toBe('FAILED_PRECONDITION');
    expect(refused.message).toContain('This account is being deleted, so its emails cannot be changed.');
    expect(await choiceOf(user.uid)).toEqual({ marketing: false, via: 'link' });
  });
});

describe('rating request', () => {
  it('asks a day after delivery and records one rating per order, which can be changed', async () => {
    const user = await signUp();
    const orderId = await seedOrder(user, 'delivered');
    const task: MarketingEmailTask = { kind: 'rating-request', orderId, dueAt: Date.now() - 1000 };
    expect(await sendMarketingEmail(task)).toBe('sent');
    expect(await sendMarketingEmail(task)).toBe('already-sent');
    const [mail] = await mailTo(user.email);
    expect(mail!.subject).toBe('How did your headshots turn out?');
    expect(mail!.headers['List-Unsubscribe-Post']).toBe('List-Unsubscribe=One-Click');
    for (const n of [1, 2, 3, 4, 5]) expect(mail!.text).toContain(rateUrl(orderId, n));

    const four = rateUrl(orderId, 4);
    expect((await fetch(four)).status).toBe(200);
    expect((await readOrderDoc(orderId)).rating).toBeUndefined();
    expect((await fetch(four, { method: 'POST' })).status).toBe(200);
    expect((await readOrderDoc(orderId)).rating?.stars).toBe(4);
    const at = (await readOrderDoc(orderId)).rating?.at?.toMillis();
    expect((await fetch(four, { method: 'POST' })).status).toBe(200);
    expect((await readOrderDoc(orderId)).rating?.at?.toMillis()).toBe(at);
    expect((await fetch(rateUrl(orderId, 2), { method: 'POST' })).status).toBe(200);
    expect((await readOrderDoc(orderId)).rating?.stars).toBe(2);

    const tampered = new URL(four);
    tampered.searchParams.set('o', await seedOrder(user, 'delivered'));
    expect((await fetch(tampered, { method: 'POST' })).status).toBe(400);
    const six = new URL(four);
    six.searchParams.set('r', '6');
    expect((await fetch(six, { method: 'POST' })).status).toBe(400);

    // Rated already: a second request (another delivery of the same order) would not be sent.
    await testDb.collection(COLLECTIONS.mail).doc(`rating-request-${orderId}`).delete();
    expect(await sendMarketingEmail(task)).toBe('skipped');
  });
});

async function firstPrice(): Promise<string> {
  return (await stripe.prices.list({ limit: 1 })).data[0]!.id;
}
