import { PRIVACY_NOTICE_VERSION, RETENTION_SCHEDULE, describeRefundGuarantee } from '@likeness/core';
import { expect, test, type Browser, type Page } from '@playwright/test';
import JSZip from 'jszip';
import { mkdirSync, readFileSync } from 'node:fs';
import { notAnImage, selfiesOfOnePerson } from '../support/selfies.js';
import {
  analyticsEvents,
  failNextAtReplicate,
  outboxSubjects,
  signInLinkFor,
  stack,
} from '../support/stack.js';

const shots = new URL('../screenshots/', import.meta.url).pathname;
mkdirSync(shots, { recursive: true });
/**
 * The whole page as a visitor sees it once scrolled through. A full-page capture does not scroll, so
 * lazy images below the first screen would show as empty cards: load them first (10 s at most).
 */
async function shot(page: Page, name: string) {
  await page.evaluate(async () => {
    const images = Array.from(document.images);
    for (const img of images) if (img.loading === 'lazy') img.loading = 'eager';
    const loaded = images.map((img) =>
      img.complete
        ? undefined
        : new Promise((settle) => {
            img.addEventListener('load', settle, { once: true });
            img.addEventListener('error', settle, { once: true });
          }),
    );
    await Promise.race([Promise.all(loaded), new Promise((settle) => setTimeout(settle, 10_000))]);
  });
  await page.screenshot({ path: `${shots}${name}.png`, fullPage: true });
}

async function signInWithEmailLink(page: Page, email: string, base = '') {
  await page.goto(`${base}/login`);
  await page.getByTestId('email-input').fill(email);
  await page.getByTestId('send-link').click();
  await expect(page.getByTestId('link-sent')).toBeVisible();
  if (!base) await shot(page, '01-sign-in-link-sent');
  await page.goto(await signInLinkFor(email));
}

/** The operator, in a browser of their own, on the console. */
async function operatorConsole(browser: Browser, base: string): Promise<Page> {
  const page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
  await signInWithEmailLink(page, stack.operator.email, base);
  await page.waitForURL(/\/orders/);
  await page.goto(`${base}/operator`);
  await expect(page.getByTestId('attention-queue')).toBeVisible();
  // A fresh browser is asked about analytics cookies; the operator refuses, and nothing is set.
  await page.getByTestId('consent-reject').click();
  await expect(page.getByTestId('consent-banner')).toBeHidden();
  expect((await page.context().cookies()).some((c) => c.name.startsWith('_ga'))).toBe(false);
  return page;
}

/** Opens an operator action on the order's queue row, gives the reason and confirms it. */
async function actOnOrder(page: Page, orderId: string, action: string, reason: string, shotName: string) {
  const row = page.locator(`[data-testid="attention-row"][data-order-id="${orderId}"]`);
  await expect(row).toBeVisible({ timeout: 30_000 });
  const panel = row.getByTestId(action);
  await panel.getByRole('button').first().click();
  await panel.getByPlaceholder('Kept in the audit log').fill(reason);
  await shot(page, shotName);
  await panel.getByRole('button', { name: 'Confirm' }).click();
  // Done, the order needs the operator no more: it leaves the queue (an error would keep it there).
  await expect(row).toHaveCount(0, { timeout: 30_000 });
}

test('a customer orders headshots from sign-in to a delivered, downloadable gallery', async ({
  page,
  browser,
}) => {
  // The journey includes a failed training the operator retries, a refund request they grant, and
  // the deletion of the order and then of the account.
  test.setTimeout(600_000);
  const started = Date.now();
  // Browser-side errors explain most journey failures; print them with the test output.
  page.on('console', (msg) => msg.type() === 'error' && console.log(`[browser] ${msg.text()}`));
  page.on('requestfailed', (req) =>
    console.log(`[browser] request failed: ${req.url()} ${req.failure()?.errorText}`),
  );
  const email = `journey-${Date.now()}@example.com`;
  const campaign = `journey-${Date.now()}`;

  // Landing from a campaign link: GA4 loads with Consent Mode denied by default, so before the
  // visitor answers the banner no analytics cookie exists and hits carry no storage consent.
  await page.goto(`/?utm_source=e2e-journey&utm_medium=test&utm_campaign=${campaign}&gclid=E2EGCLID`);
  const banner = page.getByTestId('consent-banner');
  await expect(banner).toBeVisible();
  const ofCampaign = async () => (await analyticsEvents()).filter((e) => e.params.utm_campaign === campaign);
  await expect.poll(async () => (await ofCampaign()).length).toBe(1);
  const [landing] = await ofCampaign();
  expect(landing).toMatchObject({
    name: 'landing_view',
    channel: 'gtag',
    consent: { analyticsStorage: false },
    params: { landing_path: '/', utm_source: 'e2e-journey', utm_medium: 'test', gclid: 'E2EGCLID' },
  });
  // Every hit of this visitor before the choice is cookieless.
  const beforeChoice = (await analyticsEvents()).filter((e) => e.clientId === landing!.clientId);
  expect(
    beforeChoice.every((e) => e.consent.analyticsStorage === false && e.consent.adStorage === false),
  ).toBe(true);
  const gaCookie = async () => (await page.context().cookies()).find((c) => c.name === '_ga');
  expect(await gaCookie()).toBeUndefined();
  await shot(page, '00-consent-banner');
  await page.setViewportSize({ width: 390, height: 844 });
  await shot(page, '00-consent-banner-mobile');
  await page.setViewportSize({ width: 1280, height: 900 });
  await banner.getByTestId('consent-accept').click();
  await expect(banner).toBeHidden();
  await expect.poll(gaCookie).toBeTruthy();
  const clientId = (await gaCookie())!.value.replace(/^GA1\.\d\./, '');
  // The choice is remembered, and the footer opens it again.
  await page.reload();
  await expect(banner).toBeHidden();
  expect((await gaCookie())?.value).toContain(clientId);
  await page.getByTestId('consent-settings').click();
  await expect(banner).toBeVisible();
  await expect(banner.getByTestId('consent-analytics')).toBeChecked();
  await shot(page, '00-consent-settings');
  await banner.getByTestId('consent-save').click();
  await expect(banner).toBeHidden();

  // 0. The site's promises: the footer leads to the privacy notice (its version and the retention
  // schedule, from core) and to the terms (the refund guarantee the code enforces).
  await page.goto('/');
  await page.getByRole('contentinfo').getByRole('link', { name: 'Privacy notice' }).click();
  await page.waitForURL(/\/privacy$/);
  await expect(page.getByTestId('privacy-notice-version')).toHaveText(PRIVACY_NOTICE_VERSION);
  await expect(page.getByTestId('retention-schedule').locator('tbody tr')).toHaveCount(
    RETENTION_SCHEDULE.length,
  );
  await shot(page, '00a-privacy');
  await page.getByRole('contentinfo').getByRole('link', { name: 'Terms of service' }).click();
  await page.waitForURL(/\/terms$/);
  await expect(page.locator('main')).toContainText(describeRefundGuarantee());
  await shot(page, '00b-terms');
  // A city page from the footer: its own heading, and the structured data search engines read.
  await page.getByRole('contentinfo').getByRole('link', { name: 'London', exact: true }).click();
  await page.waitForURL(/\/headshots\/london$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Professional headshots in London');
  await expect(page.locator('script[type="application/ld+json"]')).not.toHaveCount(0);
  await shot(page, '00c-city-london');

  // 1. Sign in with an email link read from the Auth emulator.
  await signInWithEmailLink(page, email);
  await page.waitForURL(/\/orders\/new/);

  // 2. Start an order: who the photos show, two styles, the starter plan (40 headshots).
  await page.getByTestId('subject-woman').click();
  await page.getByTestId('style-corporate-grey').click();
  await page.getByTestId('style-city-outdoors').click();
  await page.getByTestId('plan-starter').click();
  await shot(page, '02-new-order');
  await page.getByTestId('create-order').click();
  await page.waitForURL(/\/orders\/[A-Za-z0-9]+$/);
  await expect(page.getByTestId('order-status')).toHaveAttribute('data-status', 'draft');

  // 3. Nothing uploads before consent: the upload area is locked until the three statements are
  // ticked and recorded (once per account, for the current privacy notice).
  const consent = page.getByTestId('consent-panel');
  await expect(consent).toBeVisible();
  await expect(page.getByTestId('upload-area')).toHaveAttribute('data-locked', 'true');
  await expect(page.getByTestId('file-input')).toBeDisabled();
  await expect(consent.getByRole('link', { name: /privacy notice/ })).toHaveAttribute('href', '/privacy');
  await page.getByTestId('consent-adult').check();
  await page.getByTestId('consent-subjectOrPermitted').check();
  await expect(page.getByTestId('consent-continue')).toBeDisabled();
  await page.getByTestId('consent-faceProcessing').check();
  await shot(page, '03a-consent');
  await page.getByTestId('consent-continue').click();
  await expect(consent).toBeHidden();
  await expect(page.getByTestId('upload-area')).toHaveAttribute('data-locked', 'false');
  await expect(page.getByTestId('file-input')).toBeEnabled();

  // Upload 12 selfies, a second copy of one of them and a file that is not an image; selfie QC
  // (face models in the photo trigger) judges each live, then the set: the copy does not count.
  const selfies = await selfiesOfOnePerson(12);
  const files = [...selfies, { ...selfies[0]!, name: 'selfie-01-copy.jpg' }, notAnImage()];
  await page.getByTestId('file-input').setInputFiles(files);
  const cards = page.getByTestId('photo-card');
  // Two cold functions in a row (upload URLs, then confirming) take 20 s each on a busy 2-core machine.
  await expect(cards).toHaveCount(14, { timeout: 60_000 });
  const qcStarted = Date.now();
  await expect(page.locator('[data-testid="photo-card"][data-status="pending"]')).toHaveCount(0, {
    timeout: 120_000,
  });
  console.log(`[journey] last verdict ${Date.now() - qcStarted} ms after all 14 photos were confirmed`);
  await expect(page.locator('[data-testid="photo-card"][data-counted="true"]')).toHaveCount(12, {
    timeout: 30_000,
  });
  const copy = page.locator('[data-testid="photo-card"][data-counted="false"][data-status="accepted"]');
  await expect(copy).toHaveCount(1);
  // Uploaded in one batch, either of the two may be the one kept.
  await expect(copy).toContainText(/near-copy of “selfie-01(-copy)?\.jpg”/);
  const rejected = page.locator('[data-testid="photo-card"][data-status="rejected"]');
  await expect(rejected).toHaveCount(1);
  await expect(rejected).toContainText(/not a photo we can read/);
  await expect(page.getByTestId('gate-message')).toContainText('12 good photos');
  await expect(page.getByTestId('order-status')).toHaveAttribute('data-status', 'ready');
  await shot(page, '03-photos-checked');

  // Before paying, one photo can go: the unreadable file. It asks once, the tile leaves with its
  // data, a receipt names it, and the set still passes.
  await rejected.getByTestId('delete-photo').click();
  await expect(rejected.getByTestId('delete-photo-confirm')).toBeVisible();
  await shot(page, '03b-delete-photo');
  await rejected.getByTestId('delete-photo-confirm').click();
  // deletePhoto's first call starts a cold function.
  await expect(page.getByTestId('photo-deleted-receipt')).toContainText('notes.jpg', { timeout: 60_000 });
  await expect(cards).toHaveCount(13);
  await expect(rejected).toHaveCount(0);
  await expect(page.getByTestId('gate-message')).toContainText('12 good photos');
  await expect(page.getByTestId('order-status')).toHaveAttribute('data-status', 'ready');
  await shot(page, '03c-photo-deleted');

  // 4. Pay on the local checkout page. Coming back from it unpaid leaves the order locked (what is
  // paid for is what the order is) until the customer cancels that checkout.
  await page.getByTestId('pay-button').click();
  await page.waitForURL(new RegExp(`^${stack.standins.stripe}/pay/`));
  await page.getByTestId('cancel-checkout').click();
  await page.waitForURL(/checkout=cancel/);
  await expect(page.getByTestId('photos-locked')).toBeVisible();
  await expect(page.getByTestId('file-input')).toBeDisabled();
  await page.getByTestId('cancel-open-checkout').click();
  await expect(page.getByTestId('photos-locked')).toBeHidden();
  await expect(page.getByTestId('file-input')).toBeEnabled();
  // A double click makes one session.
  const orderUrl = page.url().split('?')[0]!;
  const base = new URL(orderUrl).origin;
  const orderId = new URL(orderUrl).pathname.split('/').pop()!;
  await page.getByTestId('pay-button').dblclick();
  await page.waitForURL(new RegExp(`^${stack.standins.stripe}/pay/`));
  await shot(page, '04-checkout');
  // The first training fails on the GPU (injected at the Replicate stand-in).
  await failNextAtReplicate('training', 1);
  await page.getByTestId('pay-now').click();
  await page.waitForURL(/checkout=success/);
  await expect(page.getByTestId('checkout-banner')).toBeVisible();

  // The funnel as GA4 got it: the browser's steps under the visitor's cookie id, in order, then the
  // server's purchase (Measurement Protocol, transaction_id = order id) joined to the same visitor.
  const purchases = async () =>
    (await analyticsEvents()).filter((e) => e.name === 'purchase' && e.params.transaction_id === orderId);
  await expect.poll(async () => (await purchases()).length, { timeout: 30_000 }).toBe(1);
  expect((await purchases())[0]).toMatchObject({
    channel: 'measurement-protocol',
    clientId,
    params: { currency: 'USD', plan_id: 'starter' },
  });
  const mine = (await analyticsEvents()).filter((e) => e.clientId === clientId);
  const steps = [
    'sign_up',
    'style_view',
    'style_select',
    'first_photo_upload',
    'photos_ready',
    'begin_checkout',
    'purchase',
  ];
  const firstAt = steps.map((name) => mine.findIndex((e) => e.name === name));
  expect(Object.fromEntries(steps.map((name, i) => [name, firstAt[i]! >= 0]))).toEqual(
    Object.fromEntries(steps.map((name) => [name, true])),
  );
  expect([...firstAt].sort((a, b) => a - b)).toEqual(firstAt);
  // After the choice every step went with storage granted.
  const browserSteps = mine.filter((e) => e.channel === 'gtag' && steps.includes(e.name));
  expect(browserSteps.every((e) => e.consent.analyticsStorage === true)).toBe(true);
  expect(mine.find((e) => e.name === 'begin_checkout')?.params).toMatchObject({
    currency: 'USD',
    plan_id: 'starter',
  });

  // The order fails in words; the operator finds it in the console's queue and retries the training.
  await expect(page.getByTestId('order-status')).toHaveAttribute('data-status', 'failed', {
    timeout: 120_000,
  });
  await expect(page.getByTestId('order-problem')).toBeVisible();
  await shot(page, '05a-training-failed');
  const operator = await operatorConsole(browser, base);
  // The console's own funnel counts the order under the campaign's source, from Firestore, and the
  // landing that started it, which the site counts itself (no cookie) whatever the banner's answer.
  await expect(operator.getByTestId('funnel-7d')).toContainText('e2e-journey');
  const journeyRow = operator.getByTestId('funnel-7d-row').filter({ hasText: 'e2e-journey' });
  await expect(journeyRow.locator('td').nth(1)).toHaveText(/^[1-9]/);
  await expect(operator.getByTestId('funnel-7d-pages')).toContainText(/home [1-9]/);
  await operator.getByTestId('funnel').scrollIntoViewIfNeeded();
  await shot(operator, '05c-operator-funnel');
  await actOnOrder(
    operator,
    orderId,
    'action-retry-training',
    'GPU job failed; training again',
    '05b-operator-retry',
  );

  // 5. Training and generation through the Replicate stand-in; the gallery fills live.
  await expect(page.getByTestId('order-status')).toHaveAttribute(
    'data-status',
    /paid|training|generating|delivered/,
  );
  await expect(page.getByTestId('gallery-image').first()).toBeVisible({ timeout: 120_000 });
  await shot(page, '05-generating');
  await expect(page.getByTestId('order-status')).toHaveAttribute('data-status', 'delivered', {
    timeout: 180_000,
  });
  await expect(page.getByTestId('progress')).toContainText('40 of 40');
  await expect(page.getByTestId('gallery-image')).toHaveCount(40);
  await expect(page.getByTestId('gallery-image').first().locator('img')).toHaveJSProperty('complete', true);
  await shot(page, '06-delivered-gallery');
  // The city pages quote the turnaround measured on delivered orders, which now include this one.
  const cityPage = await page.context().newPage();
  await cityPage.goto('/headshots/houston');
  await expect(cityPage.getByTestId('turnaround-delivery')).toContainText(
    /^Measured, not promised: .*from payment to a full gallery/,
  );
  await shot(cityPage, '06a-city-turnaround');
  await cityPage.close();

  // 6. Open one, rate it, download it, download all as a zip.
  await page.getByTestId('gallery-image').first().click();
  const lightbox = page.getByTestId('lightbox');
  await expect(lightbox).toBeVisible();
  await lightbox.getByTestId('rating-4').click();
  await expect(lightbox.getByTestId('rating-4')).toHaveAttribute('aria-pressed', 'true');
  await shot(page, '07-lightbox');
  const [one] = await Promise.all([
    page.waitForEvent('download'),
    lightbox.getByTestId('download-one').click(),
  ]);
  expect(one.suggestedFilename()).toMatch(/^likeness-.+\.(webp|jpg|png)$/);
  await page.getByTestId('close-lightbox').click();

  // The stand-in draws some headshots of a stranger or of no face: the face check folds them away
  // under "less like you" and leaves them out of "download all" unless the customer asks.
  const lessLikeYou = page.getByTestId('less-like-you');
  const weak = await lessLikeYou.getByTestId('gallery-image').count();
  expect(weak).toBeGreaterThan(0);
  const zipFiles = async () => {
    const [all] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('download-all').click(),
    ]);
    const zip = await JSZip.loadAsync(readFileSync(await all.path()));
    return Object.values(zip.files).filter((f) => !f.dir).length;
  };
  expect(await zipFiles()).toBe(40 - weak);
  await page.getByTestId('include-weak').check();
  expect(await zipFiles()).toBe(40);
  await lessLikeYou.locator('summary').click();
  await lessLikeYou.getByTestId('gallery-image').first().click();
  await expect(page.getByTestId('lightbox').getByTestId('likeness')).toHaveAttribute('data-band', 'weak');
  await shot(page, '07b-less-like-you');
  await page.getByTestId('close-lightbox').click();

  // The rating survived a reload (it is in Firestore, written under the security rules).
  await page.reload();
  await page.getByTestId('gallery-image').first().click();
  await expect(page.getByTestId('lightbox').getByTestId('rating-4')).toHaveAttribute('aria-pressed', 'true');
  await page.getByTestId('close-lightbox').click();

  // Redo one of the weak ones: a new take with the customer's own model, same style, which replaces
  // it in the gallery with its own likeness score and takes one of the plan's redos.
  await expect(page.getByTestId('gallery-redos-left')).toContainText('5 redos left');
  await lessLikeYou.locator('summary').click();
  const weakTile = lessLikeYou.getByTestId('gallery-image').first();
  const redoneId = (await weakTile.getAttribute('data-image-id'))!;
  await weakTile.click();
  const redoLightbox = page.getByTestId('lightbox');
  await redoLightbox.getByTestId('redo').click();
  await shot(page, '07c-redo-pending');
  await expect(page.locator(`[data-image-id="${redoneId}"]`)).toHaveCount(0, { timeout: 90_000 });
  // The new image's id names the slot's first output and the order's first redo.
  await expect(page.locator('[data-image-id$="-r1"]')).toHaveCount(1);
  await expect(page.getByTestId('gallery-image')).toHaveCount(40);
  // The lightbox stays on the slot and shows the new image's own score.
  await expect(redoLightbox.getByTestId('likeness')).toHaveAttribute('data-score', /^(0|1)(\.\d+)?$/);
  await expect(redoLightbox.getByTestId('redos-left')).toContainText('4 redos left');
  await expect(redoLightbox.getByRole('img')).toHaveJSProperty('complete', true);
  await shot(page, '07d-redone');

  // 7. The delivery email is in the local outbox.
  await page.goto(stack.standins.mail);
  await expect(page.locator('body')).toContainText(email);
  await shot(page, '08-outbox');

  // 8. Not happy after downloading: the guarantee does not refund at once, so the request goes to the
  // operator, who refunds it in full from the queue; the order ends refunded and its gallery closes.
  await page.goto(orderUrl);
  await page.getByTestId('refund-open').click();
  await page.getByRole('textbox', { name: 'What went wrong?' }).fill('They do not look like me.');
  await page.getByTestId('refund-confirm').click();
  await expect(page.getByTestId('refund-outcome')).toContainText('passed your request to our team');
  await shot(page, '09-refund-requested');
  await operator.reload();
  await actOnOrder(operator, orderId, 'action-refund', 'Customer asked: likeness', '10-operator-refund');
  await expect(page.getByTestId('order-status')).toHaveAttribute('data-status', 'refunded', {
    timeout: 60_000,
  });
  await expect(page.getByTestId('gallery-image')).toHaveCount(0);
  await shot(page, '11-refunded');

  // 9. Delete the order: the page says what goes (selfies, model, headshots) and what stays (the
  // payment, with Stripe), asks once, and follows the deletion to its end; a receipt is emailed.
  await page.getByTestId('delete-order-open').click();
  const goes = page.getByTestId('delete-order-goes');
  await expect(goes).toContainText('13 selfies');
  await expect(goes).toContainText('personal model');
  await expect(goes).toContainText('40 headshots');
  await expect(page.getByTestId('delete-order-confirmation')).toContainText('stays with Stripe');
  await shot(page, '12-delete-order');
  await page.getByTestId('delete-order-confirm').click();
  await expect(page.getByTestId('order-status')).toHaveAttribute('data-status', 'deleted', {
    timeout: 60_000,
  });
  const erasure = page.getByTestId('erasure-state');
  await expect(erasure).toHaveAttribute('data-state', 'deleted', { timeout: 90_000 });
  await expect(erasure).toContainText('13 selfies');
  await expect(erasure).toContainText('40 headshots');
  await shot(page, '13-order-deleted');
  await expect
    .poll(() => outboxSubjects(email), { timeout: 60_000 })
    .toContain('Your Likeness order was deleted');
  // Gone from the customer's list of orders.
  await page.goto('/orders');
  await expect(page.locator(`a[href="/orders/${orderId}"]`)).toHaveCount(0);

  // 10. Delete the account: its page lists what it holds; typing DELETE is the one confirmation;
  // the customer ends signed out, told a receipt follows, and the receipt arrives.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Account' }).click();
  await expect(page.getByTestId('account-holdings')).toContainText(email);
  await expect(page.getByTestId('account-holdings')).toContainText(PRIVACY_NOTICE_VERSION);
  // Offers and reminders: off and back on from the account page, the state read back from the record.
  const marketing = page.getByTestId('marketing-email-state');
  await expect(marketing).toHaveText(/^On\b/);
  await page.getByTestId('marketing-email-toggle').click();
  await expect(marketing).toHaveText(/^Off\b/);
  await expect(page.getByTestId('marketing-email-toggle')).toHaveText('Turn offers and reminders back on');
  await shot(page, '14a-account-emails-off');
  await page.getByTestId('marketing-email-toggle').click();
  await expect(marketing).toHaveText(/^On\b/);
  await expect(page.getByTestId('delete-account-goes')).toContainText('personal models');
  await expect(page.getByTestId('delete-account-confirm')).toBeDisabled();
  await page.getByTestId('delete-account-input').fill('delete');
  await expect(page.getByTestId('delete-account-confirm')).toBeDisabled();
  await page.getByTestId('delete-account-input').fill('DELETE');
  await shot(page, '14-delete-account');
  await page.getByTestId('delete-account-confirm').click();
  await page.waitForURL(/\/account\/deleted/);
  await expect(page.getByTestId('account-deleted')).toContainText('receipt email follows');
  await expect(page.getByRole('link', { name: 'Sign in' })).toBeVisible();
  await shot(page, '15-account-deleted');
  await expect
    .poll(() => outboxSubjects(email), { timeout: 90_000 })
    .toContain('Your Likeness account was deleted');

  console.log(`journey wall time: ${((Date.now() - started) / 1000).toFixed(1)} s`);
});
