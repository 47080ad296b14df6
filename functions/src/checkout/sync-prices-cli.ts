/**
 * Command-line entry of the price sync, run through `scripts/stripe-sync-prices.mjs` (which loads it
 * with tsx). Not part of the deployed bundle.
 *
 *   STRIPE_SECRET_KEY=sk_live_… node scripts/stripe-sync-prices.mjs [--dry-run]
 *
 * STRIPE_API_BASE points it at another API host (the local launcher uses it for the stand-in).
 */
import { priceSyncChanges } from '@likeness/core';
import { parseArgs } from 'node:util';
import { stripeWith } from '../shared/clients.js';
import { syncPlanPrices } from './sync-plan-prices.js';

const USAGE = 'Usage: STRIPE_SECRET_KEY=sk_… node scripts/stripe-sync-prices.mjs [--dry-run]';

function fail(message: string, code: number): never {
  console.error(message);
  process.exit(code);
}

async function main(): Promise<void> {
  let values: { 'dry-run'?: boolean; help?: boolean };
  try {
    ({ values } = parseArgs({
      options: {
        'dry-run': { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    }));
  } catch (e) {
    fail(`${(e as Error).message}\n${USAGE}`, 2);
  }
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const key = process.env.STRIPE_SECRET_KEY ?? '';
  const mode = /^(?:sk|rk)_(test|live)_/.exec(key)?.[1];
  if (!mode) fail(`STRIPE_SECRET_KEY must be a Stripe secret key (sk_… or rk_…).\n${USAGE}`, 2);
  const base = process.env.STRIPE_API_BASE || undefined;
  const dryRun = values['dry-run'] === true;

  console.log(
    `Stripe prices of the Likeness plans, ${mode} mode${base ? ` at ${base}` : ''}` +
      (dryRun ? ' (dry run: nothing is changed)' : ''),
  );
  const steps = await syncPlanPrices(stripeWith(key, base), {
    dryRun,
    log: (line) => console.log(`  ${line}`),
  });
  console.log(
    priceSyncChanges(steps)
      ? dryRun
        ? 'Changes needed: run again without --dry-run.'
        : 'Done.'
      : 'Already in sync: nothing to do.',
  );
}

main().catch((e: unknown) => fail(`Price sync failed: ${e instanceof Error ? e.message : String(e)}`, 1));
