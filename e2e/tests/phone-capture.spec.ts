import { expect, test } from '@playwright/test';
import { openUploadStep, shot, smallTapTargets } from '../support/phone.js';

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
