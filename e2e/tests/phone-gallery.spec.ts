import { expect, test, type Locator, type Page } from '@playwright/test';
import JSZip from 'jszip';
import { readFileSync } from 'node:fs';
import sharp from 'sharp';
import { openUploadStep, shot, smallTapTargets } from '../support/phone.js';
import { selfiesOfOnePerson } from '../support/selfies.js';
import { stack } from '../support/stack.js';

/** A finger drawn sideways across `target` through Chromium's touch input (real touch events). */
async function swipe(page: Page, target: Locator, dx: number): Promise<void> {
  const box = (await target.boundingBox())!;
  const y = box.y + box.height / 2;
  const from = box.x + box.width / 2 - dx / 2;
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [{ x: from, y }] });
  for (let step = 1; step <= 5; step++)
    await cdp.send('Input.dispatchTouchEvent', {
      type: 'touchMove',
      touchPoints: [{ x: from + (dx * step) / 5, y }],
    });
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
  await cdp.detach();
}

/**
 * The file a control downloads. Clicked rather than tapped: in one CI run a tap on the lightbox's
 * first download button, right after the swipes' touch sequences, reached no handler.
 */
async function downloadBy(page: Page, control: Locator): Promise<Buffer> {
  const [download] = await Promise.all([page.waitForEvent('download', { timeout: 90_000 }), control.click()]);
  return readFileSync(await download.path());
}

test('a phone order: pay, swipe through the gallery, download the formats people post', async ({ page }) => {
  test.setTimeout(480_000);
  await openUploadStep(page, 'phone-gallery');
  await page.getByTestId('file-input').setInputFiles(await selfiesOfOnePerson(12));
  await expect(page.getByTestId('order-status')).toHaveAttribute('data-status', 'ready', {
    timeout: 180_000,
  });
  await page.getByTestId('pay-button').tap();
  await page.waitForURL(new RegExp(`^${stack.standins.stripe}/pay/`));
  await page.getByTestId('pay-now').tap();
  await page.waitForURL(/checkout=success/);
  await expect(page.getByTestId('order-status')).toHaveAttribute('data-status', 'delivered', {
    timeout: 300_000,
  });
  const gallery = page.getByTestId('gallery-image');
  await expect(gallery).toHaveCount(40);
  expect(await smallTapTargets(page)).toEqual([]);
  await shot(page, 'phone-06-gallery', gallery.first());

  // The lightbox: a finger browses it, and every control in it is big enough for one.
  await gallery.first().tap();
  const lightbox = page.getByTestId('lightbox');
  await expect(lightbox).toHaveAttribute('aria-label', / 1 of \d+$/);
  const picture = lightbox.getByTestId('lightbox-swipe-area');
  await swipe(page, picture, -160);
  await expect(lightbox).toHaveAttribute('aria-label', / 2 of \d+$/);
  await swipe(page, picture, 160);
  await expect(lightbox).toHaveAttribute('aria-label', / 1 of \d+$/);
  // The hint speaks to a finger, not to a keyboard.
  await expect(lightbox.getByText('Swipe the picture to browse.')).toBeVisible();
  await expect(lightbox.getByText(/Use ← and →/)).toBeHidden();
  await shot(page, 'phone-07-lightbox', picture);
  expect(
    await lightbox
      .locator('button')
      .evaluateAll(
        (els) =>
          els
            .map((el) => el.getBoundingClientRect())
            .filter((b) => b.width > 0 && (b.width < 44 || b.height < 44)).length,
      ),
  ).toBe(0);

  // The formats people post, cropped around the face: exact shapes, the banner at LinkedIn's size.
  await lightbox.getByTestId('download-square').scrollIntoViewIfNeeded();
  await shot(page, 'phone-08-download-formats', lightbox.getByTestId('download-banner'));
  const size = async (bytes: Buffer) => {
    const { width, height } = await sharp(bytes).metadata();
    return { width: width!, height: height! };
  };
  const square = await size(await downloadBy(page, lightbox.getByTestId('download-square')));
  expect(square.width).toBe(square.height);
  const portrait = await size(await downloadBy(page, lightbox.getByTestId('download-portrait')));
  expect(Math.abs(portrait.width / portrait.height - 4 / 5)).toBeLessThan(0.01);
  expect(await size(await downloadBy(page, lightbox.getByTestId('download-banner')))).toEqual({
    width: 1584,
    height: 396,
  });
  await lightbox.getByTestId('close-lightbox').tap();

  // "Download all" with the crops: each headshot in the zip comes with its three formats.
  const allCount = Number((await page.getByTestId('download-all').innerText()).match(/\((\d+)\)/)![1]);
  await page.getByTestId('include-crops').tap();
  const zip = await JSZip.loadAsync(await downloadBy(page, page.getByTestId('download-all')));
  const names = Object.values(zip.files)
    .filter((f) => !f.dir)
    .map((f) => f.name);
  expect(names).toHaveLength(allCount * 4);
  for (const format of ['square', 'portrait', 'banner'])
    expect(names.filter((n) => n.includes(`/${format}/`))).toHaveLength(allCount);
});
