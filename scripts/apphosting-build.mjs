#!/usr/bin/env node
// Runs Firebase App Hosting's Next.js build (@apphosting/adapter-nextjs) on the web app locally, the
// way App Hosting runs it for an app in a monorepo subdirectory: from the repository root, building
// apps/web, with the BUILD variables of apps/web/apphosting.yaml merged with
// apphosting.<environment>.yaml. Checks the output bundle App Hosting would serve.
//
//   node scripts/apphosting-build.mjs --environment production
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { readAppHostingYamls } from './deploy/context.mjs';
import { root } from './steps.mjs';

const ADAPTER = '@apphosting/adapter-nextjs@14.0.21';
const { values } = parseArgs({ options: { environment: { type: 'string', default: 'production' } } });

const env = {};
for (const doc of readAppHostingYamls(root, values.environment)) {
  for (const e of doc?.env ?? []) {
    if (e.value !== undefined && (!e.availability || e.availability.includes('BUILD')))
      env[e.variable] = String(e.value);
  }
}
const placeholders = Object.entries(env).filter(([, v]) => v.startsWith('REPLACE'));
if (placeholders.length) {
  console.error(
    `✖ Fill these in apps/web/apphosting.${values.environment}.yaml first: ${placeholders.map(([k]) => k).join(', ')}`,
  );
  process.exit(2);
}

const r = spawnSync('npx', ['-y', '-p', ADAPTER, 'apphosting-adapter-nextjs-build'], {
  cwd: root,
  stdio: 'inherit',
  env: {
    ...process.env,
    ...env,
    // The adapter's monorepo mode: `npm run build --prefix apps/web`, standalone output under apps/web.
    MONOREPO_COMMAND: 'npm',
    MONOREPO_BUILD_ARGS: '--prefix,apps/web',
    GOOGLE_BUILDABLE: 'apps/web',
    MONOREPO_PROJECT: 'web',
  },
});
if (r.status !== 0) process.exit(r.status ?? 1);

const bundle = join(root, '.apphosting', 'bundle.yaml');
const run = existsSync(bundle)
  ? /runCommand:\s*node\s+(\S+)/.exec(readFileSync(bundle, 'utf8'))?.[1]
  : undefined;
if (!run || !existsSync(join(root, run))) {
  console.error(
    `✖ The adapter finished but ${bundle} does not name a server that exists (${run ?? 'none'}).`,
  );
  process.exit(1);
}
console.log(`✔ App Hosting bundle: ${bundle}, server ${run}`);
