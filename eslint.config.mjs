// One lint config for the whole workspace (typescript-eslint flat config). Types are checked by tsc;
// this catches what types do not: unused code, hook mistakes, Next.js pitfalls.
import js from '@eslint/js';
import nextPlugin from '@next/eslint-plugin-next';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const FUNCTIONS_LOG_MESSAGE =
  'Log through orderLogger(orderId, stage) from functions/src/shared/order-log.ts (orderId null for lines about no single order), so log-based metrics and alerts can filter on both jsonPayload.orderId and jsonPayload.stage.';

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/',
      '**/dist/',
      'functions/lib/',
      'functions/.deploy/',
      'apps/web/.next/',
      // Copied from node_modules by next.config.ts at build (the browser's face models and library).
      'apps/web/public/face-models/',
      '**/next-env.d.ts',
      'cog-model/',
      '.devstack/',
      'e2e/screenshots/',
      '**/test-results/',
      '**/playwright-report/',
    ],
  },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' },
      ],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
    },
  },
  {
    files: ['apps/web/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks, '@next/next': nextPlugin },
    settings: { next: { rootDir: 'apps/web/' } },
    rules: {
      ...reactHooks.configs.recommended.rules,
      ...nextPlugin.configs.recommended.rules,
      ...nextPlugin.configs['core-web-vitals'].rules,
      // Selfies and headshots load from short-lived signed URLs of the customer's own order: Next's
      // image optimizer would fetch and cache them on the server, past their lifetime and outside
      // the owner's access check. Style previews are sized at build (scripts/make-style-previews.mjs).
      '@next/next/no-img-element': 'off',
    },
  },
  {
    // Every log line of the functions carries its order id and pipeline stage as structured fields
    // (shared/order-log.ts), which the log-based metrics and alerts of ops/monitoring filter on.
    files: ['functions/src/**/*.ts'],
    ignores: ['functions/src/shared/order-log.ts', 'functions/src/**/*.test.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [
            ...['firebase-functions', 'firebase-functions/v1', 'firebase-functions/v2'].map((name) => ({
              name,
              importNames: ['logger'],
              message: FUNCTIONS_LOG_MESSAGE,
            })),
            // Its types (LogEntry) may be imported; its functions may not.
            { name: 'firebase-functions/logger', message: FUNCTIONS_LOG_MESSAGE, allowTypeImports: true },
          ],
        },
      ],
      'no-console': 'error',
    },
  },
  {
    // Command-line tools print to the terminal of whoever runs them; they are not deployed.
    files: ['functions/src/**/*-cli.ts'],
    rules: { 'no-console': 'off' },
  },
);
