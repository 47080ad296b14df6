#!/usr/bin/env node
// Creates (or brings back in line) the Stripe Product and Price of every plan in
// packages/core/src/plans.ts, each price carrying the plan's lookup key that checkout looks up.
// Idempotent; prints what it did. Needs the packages built (`pnpm build`).
//
//   STRIPE_SECRET_KEY=sk_live_… node scripts/stripe-sync-prices.mjs [--dry-run]
//
// The code is functions/src/checkout/sync-prices-cli.ts, loaded with tsx from the functions package
// (which holds the Stripe SDK), so there is one implementation for this script and the launcher.
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const functionsDir = join(dirname(fileURLToPath(import.meta.url)), '..', 'functions');
const run = spawnSync(
  process.execPath,
  ['--import', 'tsx', join(functionsDir, 'src', 'checkout', 'sync-prices-cli.ts'), ...process.argv.slice(2)],
  // tsx resolves from the functions package, where it is installed.
  { cwd: functionsDir, stdio: 'inherit' },
);
process.exit(run.status ?? 1);
