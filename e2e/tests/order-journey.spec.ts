import { expect, test, type Page } from '@playwright/test';
import JSZip from 'jszip';
import { mkdirSync, readFileSync } from 'node:fs';
import { notAnImage, selfiesOfOnePerson } from '../support/selfies.js';
import { signInLinkFor, stack } from '../support/stack.js';

const shots = new URL('../screenshots/', import.meta.url).pathname;
mkdirSync(shots, { recursive: true });
const shot = (page: Page, name: string) => page.screenshot({ path: `${shots}${name}.png`, fullPage: true });

async function signInWithEmailLink(page: Page, email: string) {
  await page.goto('/login');
  await page.getByTestId('email-input').fill(email);
  await page.getByTestId('send-link').click();
  await expect(page.getByTestId('link-sent')).toBeVisible();
  await shot(page, '01-sign-in-link-sent');
  await page.goto(await signInLinkFor(email));
}

test('a customer orders headshots from sign-in to a delivered, downloadable gallery', async ({ page }) => {
  const started = Date.now();
  // Browser-side errors explain most journey failures; print them with the test output.
  page.on('console', (msg) => msg.type() === 'error' && console.log(`[browser] ${msg.text()}`));
  page.on('requestfailed', (req) =>
    console.log(`[browser] request failed: ${req.url()} ${req.failure()?.errorText}`),
  );
  const email = `journey-${Date.now()}@example.com`;

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

  // 3. Upload 12 selfies, a second copy of one of them and a file that is not an image; selfie QC
  // (face models in the photo trigger) judges each live, then the set: the copy does not count.
  const selfies = await selfiesOfOnePerson(12);
  const files = [...selfies, { ...selfies[0]!, name: 'selfie-01-copy.jpg' }, notAnImage()];
  await page.getByTestId('file-input').setInputFiles(files);
  const cards = page.getByTestId('photo-card');
  await expect(cards).toHaveCount(14, { timeout: 30_000 });
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
  await page.getByTestId('pay-button').dblclick();
  await page.waitForURL(new RegExp(`^${stack.standins.stripe}/pay/`));
  await shot(page, '04-checkout');
  await page.getByTestId('pay-now').click();
  await page.waitForURL(/checkout=success/);
  await expect(page.getByTestId('checkout-banner')).toBeVisible();

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

  const [all] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-all').click()]);
  const zip = await JSZip.loadAsync(readFileSync(await all.path()));
  expect(Object.values(zip.files).filter((f) => !f.dir)).toHaveLength(40);

  // The rating survived a reload (it is in Firestore, written under the security rules).
  await page.reload();
  await page.getByTestId('gallery-image').first().click();
  await expect(page.getByTestId('lightbox').getByTestId('rating-4')).toHaveAttribute('aria-pressed', 'true');

  // 7. The delivery email is in the local outbox.
  await page.goto(stack.standins.mail);
  await expect(page.locator('body')).toContainText(email);
  await shot(page, '08-outbox');

  console.log(`journey wall time: ${((Date.now() - started) / 1000).toFixed(1)} s`);
});
