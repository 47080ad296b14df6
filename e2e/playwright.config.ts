import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './support/chromium.js';
import { FAKE_CAMERA_VIDEO } from './support/fake-camera.js';

// Runs inside the launcher (`npm test`), which exports LIKENESS_WEB_URL and the emulator hosts.
export default defineConfig({
  testDir: './tests',
  timeout: 240_000,
  // The first call to each function starts it cold, which takes 20 s and more on a busy 2-core machine.
  expect: { timeout: 45_000 },
  workers: 1,
  reporter: [['list']],
  outputDir: './test-results',
  use: {
    baseURL: process.env.LIKENESS_WEB_URL ?? 'http://localhost:3000',
    viewport: { width: 1280, height: 900 },
    acceptDownloads: true,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: CHROMIUM_PATH,
      args: CHROMIUM_ARGS,
    },
  },
  projects: [
    { name: 'desktop', testIgnore: [/phone-.*\.spec\.ts/, /\.setup\.ts/] },
    // A phone (390 × 844, touch) whose front camera is a video of the test faces.
    { name: 'fake-camera', testMatch: /fake-camera\.setup\.ts/ },
    {
      name: 'phone',
      testMatch: /phone-.*\.spec\.ts/,
      dependencies: ['fake-camera'],
      use: {
        viewport: { width: 390, height: 844 },
        deviceScaleFactor: 2,
        isMobile: true,
        hasTouch: true,
        launchOptions: {
          executablePath: CHROMIUM_PATH,
          args: [
            ...CHROMIUM_ARGS,
            '--use-fake-device-for-media-stream',
            `--use-file-for-fake-video-capture=${FAKE_CAMERA_VIDEO}`,
          ],
        },
      },
    },
  ],
});
