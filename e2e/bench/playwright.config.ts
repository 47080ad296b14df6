import { defineConfig } from '@playwright/test';

// Benchmarks, not tests: run on demand inside the launcher (see order-page.bench.ts), never in CI.
export default defineConfig({
  testDir: '.',
  testMatch: /\.bench\.ts$/,
  timeout: 40 * 60_000,
  expect: { timeout: 120_000 },
  workers: 1,
  reporter: [['list']],
  outputDir: '../test-results/bench',
  use: { baseURL: process.env.LIKENESS_WEB_URL ?? 'http://localhost:3000' },
});
