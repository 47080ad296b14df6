import { expect, test, type Locator, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { signInLinkFor } from '../support/stack.js';

const shots = new URL('../screenshots/', import.meta.url).pathname;
mkdirSync(shots, { recursive: true });
/**
 * What the phone's screen shows, scrolled to `at`. Not a full-page capture: Chromium takes those by
 * resizing the emulated screen, which drops the touch emulation and redraws the page for a mouse.
 */
async function shot(page: Page, name: string, at: Locator): Promise<void> {
  await at.scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${shots}${name}.png` });
}

/** A new customer on a phone: signed in, a draft order, consent given, at the upload step. */
async function openUploadStep(page: Page, who: string): Promise<void> {
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
async function smallTapTargets(page: Page): Promise<string[]> {
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

test.describe('camera allowed', () => {
  test.use({ permissions: ['camera'] });

  test('guided selfies on a phone go through upload and server QC', async ({ page }) => {
    test.setTimeout(360_000);
    await openUploadStep(page, 'phone-capture');
    expect(await smallTapTargets(page)).toEqual([]);
    await shot(page, 'phone-01-upload-step', page.getByTestId('upload-prompt'));
    await expect(page.getByTestId('upload-prompt')).toHaveAttribute('data-touch', 'true');

    await page.getByTestId('take-selfies').tap();
    const panel = page.getByTestId('capture-panel');
    await expect(panel).toBeVisible();
    const guidance = page.getByTestId('capture-guidance');
    const shutter = page.getByTestId('capture-shutter');
    // The face models load when the camera opens (wasm on two shared cores: give it time).
    await expect(guidance).toHaveAttribute('data-code', /^(?!starting$)/, { timeout: 90_000 });
    await expect(guidance).toHaveAttribute('aria-live', 'polite');

    // What the guide said while waiting, to explain a shutter that never opened.
    const said = new Set<string>();
    const guideSays = async () => {
      const code = await guidance.getAttribute('data-code');
      said.add(`${code}: ${await guidance.innerText()}`);
      return code;
    };
    const taken = 3;
    for (let n = 1; n <= taken; n++) {
      await expect
        .poll(guideSays, { timeout: 60_000 })
        .toBe('ready')
        .catch((err: unknown) => {
          throw new Error(
            `The shutter never opened; the guide said: ${[...said].join(' | ')}\n${String(err)}`,
          );
        });
      await expect(shutter).toBeEnabled();
      if (n === 1) await shot(page, 'phone-02-camera-ready', page.getByTestId('capture-close'));
      await shutter.tap();
      await expect(page.getByTestId('capture-note')).toContainText(`Shot ${n} taken`, { timeout: 30_000 });
      // The next shot asks for something different.
      await expect(page.getByTestId('capture-prompt')).toContainText('Next shot:');
      // Wait for the fake camera to move to its next face, so the shots differ.
      await page.waitForTimeout(2_000);
    }
    await shot(page, 'phone-03-camera-after-shots', page.getByTestId('capture-close'));
    await page.getByTestId('capture-close').tap();
    await expect(panel).toBeHidden();

    // The shots arrive as photos like any upload, and the server's QC accepts them.
    const cards = page.getByTestId('photo-card');
    await expect(cards).toHaveCount(taken, { timeout: 90_000 });
    await expect(page.locator('[data-testid="photo-card"][data-status="accepted"]')).toHaveCount(taken, {
      timeout: 120_000,
    });
    for (const name of await cards.locator('p[title]').allInnerTexts()) expect(name).toMatch(/^camera-/);
    expect(await smallTapTargets(page)).toEqual([]);
    await shot(page, 'phone-04-shots-accepted', cards.last());
  });
});

test.describe('camera refused', () => {
  test.use({ permissions: [] });

  test('a refused camera falls back to the library picker with a clear line', async ({ page }) => {
    test.setTimeout(180_000);
    await openUploadStep(page, 'phone-no-camera');
    await page.getByTestId('take-selfies').tap();
    const why = page.getByTestId('camera-unavailable');
    await expect(why).toContainText('Camera access was not allowed');
    await expect(why).toContainText('library');
    await expect(page.getByTestId('capture-panel')).toHaveCount(0);
    // The picker is still right there, and works by tapping.
    await expect(page.getByTestId('file-input')).toBeEnabled();
    await expect(page.getByTestId('upload-prompt').getByText('Choose photos')).toBeVisible();
    await shot(page, 'phone-05-camera-refused', page.getByTestId('camera-unavailable'));
  });
});
