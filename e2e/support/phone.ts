/** What the phone journeys share: a new customer at the upload step, tap-target checks, screenshots. */
import { expect, type Locator, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { signInLinkFor } from './stack.js';

const shots = new URL('../screenshots/', import.meta.url).pathname;
mkdirSync(shots, { recursive: true });
/**
 * What the phone's screen shows, scrolled to `at`. Not a full-page capture: Chromium takes those by
 * resizing the emulated screen, which drops the touch emulation and redraws the page for a mouse.
 */
export async function shot(page: Page, name: string, at: Locator): Promise<void> {
  await at.scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${shots}${name}.png` });
}

/** A new customer on a phone: signed in, a draft order, consent given, at the upload step. */
export async function openUploadStep(page: Page, who: string): Promise<void> {
  page.on('console', (msg) => msg.type() === 'error' && console.log(`[browser] ${msg.text()}`));
  const email = `${who}-${Date.now()}@example.com`;
  await page.goto('/login');
  await page.getByTestId('email-input').fill(email);
  await page.getByTestId('send-link').tap();
  await expect(page.getByTestId('link-sent')).toBeVisible();
  await page.goto(await signInLinkFor(email));
  await page.waitForURL(/\/orders\/new/);
  const banner = page.getByTestId('consent-banner');
  if (await banner.isVisible()) await banner.getByTestId('consent-reject').tap();
  await page.getByTestId('subject-woman').tap();
  await page.getByTestId('style-corporate-grey').tap();
  await page.getByTestId('plan-starter').tap();
  await page.getByTestId('create-order').tap();
  await page.waitForURL(/\/orders\/[A-Za-z0-9]+$/);
  for (const statement of ['consent-adult', 'consent-subjectOrPermitted', 'consent-faceProcessing'])
    await page.getByTestId(statement).tap();
  await page.getByTestId('consent-continue').tap();
  await expect(page.getByTestId('upload-area')).toHaveAttribute('data-locked', 'false');
  // A touch screen has nothing to drag: the copy says what a finger can do.
  await expect(page.getByTestId('upload-prompt')).toHaveAttribute('data-touch', 'true');
  await expect(page.getByTestId('upload-area')).not.toContainText('Drag');
}

/** Every visible control on the page that is smaller than 44 × 44 CSS px (a finger's tap target). */
export async function smallTapTargets(page: Page): Promise<string[]> {
  return page
    .locator('header a, header button, main button, main a[href], main label[for]')
    .evaluateAll((els) =>
      els
        .map((el) => ({ el, box: el.getBoundingClientRect() }))
        // Links inside running text are exempt (WCAG 2.5.5): they sit in a sentence, not alone. A
        // label is the target only when it stands in for a hidden control (the file picker).
        .filter(({ el, box }) => box.width > 0 && !(el.tagName === 'A' && el.closest('p')))
        .filter(({ el }) => {
          if (el.tagName !== 'LABEL') return true;
          const control = document.getElementById(el.getAttribute('for') ?? '');
          return !control || control.getBoundingClientRect().width <= 1;
        })
        .filter(({ box }) => box.height < 44 || box.width < 44)
        .map(
          ({ el, box }) => `${el.textContent?.trim()} (${Math.round(box.width)} × ${Math.round(box.height)})`,
        ),
    );
}
