import { execFile } from 'node:child_process';
import { join } from 'node:path';

/**
 * Creates the plans' Stripe products and prices in the Stripe stand-in, whose catalog starts empty at
 * every start. It runs `scripts/stripe-sync-prices.mjs`, the same sync an operator runs against a
 * real account (the official SDK pointed at the stand-in through STRIPE_API_BASE), so checkout finds
 * its prices by lookup key locally exactly as in production.
 */
export function syncStandinPrices(opts: {
  repoRoot: string;
  stripeUrl: string;
  secretKey: string;
  verbose: boolean;
}): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [join(opts.repoRoot, 'scripts', 'stripe-sync-prices.mjs')],
      {
        cwd: opts.repoRoot,
        env: { ...process.env, STRIPE_SECRET_KEY: opts.secretKey, STRIPE_API_BASE: opts.stripeUrl },
        timeout: 60_000,
      },
      (err, stdout, stderr) => {
        if (err) {
          reject(new Error(`Syncing plan prices into the Stripe stand-in failed:\n${stdout}${stderr}`));
          return;
        }
        if (opts.verbose) process.stdout.write(stdout);
        resolve();
      },
    );
  });
}
