import { defineConfig } from 'vitest/config';

/**
 * Three projects: `unit` needs nothing running; `emulator` runs against the local stack that the
 * launcher starts (`npm run test:stack`), serially, since the tests share the emulators; `lifecycle`
 * starts and ends stacks of its own, one at a time, and needs no other stack running.
 */
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          environment: 'node',
          include: [
            'packages/*/src/**/*.test.ts',
            'functions/src/**/*.test.ts',
            'apps/web/src/**/*.test.ts',
            'tests/unit/**/*.test.ts',
          ],
          testTimeout: 20_000,
        },
      },
      {
        test: {
          name: 'emulator',
          environment: 'node',
          include: ['tests/rules/**/*.test.ts', 'functions/test/**/*.test.ts'],
          testTimeout: 90_000,
          hookTimeout: 90_000,
          fileParallelism: false,
        },
      },
      {
        test: {
          name: 'lifecycle',
          environment: 'node',
          include: ['tests/lifecycle/**/*.test.ts'],
          testTimeout: 420_000,
          hookTimeout: 30_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
