// Shared by scripts/dev.mjs and scripts/test.mjs: install what a fresh clone lacks, then build.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const PNPM_VERSION = '10.34.9';

export function step(title, cmd, args, opts = {}) {
  const started = Date.now();
  console.log(`\n▶ ${title}`);
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...opts.env } });
  const secs = ((Date.now() - started) / 1000).toFixed(1);
  if (r.status !== 0) {
    console.error(`✖ ${title} failed (exit ${r.status ?? r.signal}) after ${secs} s`);
    process.exit(r.status ?? 1);
  }
  console.log(`✔ ${title} (${secs} s)`);
}

/** pnpm from PATH, or a pinned one through npx (corepack's signature check fails on some machines). */
export function pnpm() {
  const probe = spawnSync('pnpm', ['--version'], { encoding: 'utf8' });
  if (probe.status === 0 && probe.stdout.trim().startsWith('10.')) return ['pnpm', []];
  return ['npx', ['-y', `pnpm@${PNPM_VERSION}`]];
}

export function install() {
  const [cmd, pre] = pnpm();
  step('Install dependencies (pnpm, from the lockfile)', cmd, [
    ...pre,
    'install',
    '--frozen-lockfile',
    '--prefer-offline',
  ]);
}

export function buildBackend() {
  const [cmd, pre] = pnpm();
  step('Build packages and functions', cmd, [
    ...pre,
    '-r',
    '--filter',
    './packages/**',
    '--filter',
    './functions',
    'run',
    'build',
  ]);
}

/**
 * The web app for the local stack the tests start (same offset and project): the launcher builds it
 * and marks the build with its configuration, so that `--web start` then uses it as it is.
 */
export function buildWeb() {
  step('Build the web app', process.execPath, [
    join(root, 'packages/devstack/dist/launcher.js'),
    '--web',
    'build',
  ]);
}

/**
 * Browser tests need Chromium. Playwright's own download does not work offline, so a missing browser
 * is installed from Debian when this runs as root with apt-get (a fresh container, as `.ci/run`
 * does); anyone else is told the one command to run.
 */
/**
 * What to do about Chromium: nothing when it is there; install it from Debian as root with apt-get
 * (unless CHROMIUM_PATH names a browser elsewhere, which we must not guess at); otherwise the words
 * that tell the person the one command to run.
 */
export function chromiumPlan({ path, present, customPath, isRoot, hasApt }) {
  if (present) return { action: 'none' };
  if (!customPath && isRoot && hasApt) return { action: 'install' };
  return {
    action: 'refuse',
    message:
      `✖ Browser tests need Chromium at ${path}: ` +
      (isRoot || !hasApt
        ? 'install it (Debian: apt-get install -y chromium) or set CHROMIUM_PATH.'
        : 'run `sudo apt-get install -y chromium` (or set CHROMIUM_PATH), then npm test again.'),
  };
}

export function requireChromium() {
  const path = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  const facts = {
    path,
    customPath: Boolean(process.env.CHROMIUM_PATH),
    isRoot: process.getuid?.() === 0,
    hasApt: spawnSync('apt-get', ['--version'], { stdio: 'ignore' }).status === 0,
  };
  let plan = chromiumPlan({ ...facts, present: existsSync(path) });
  if (plan.action === 'install') {
    const env = { DEBIAN_FRONTEND: 'noninteractive' };
    step('Install Chromium for the browser tests (Debian package)', 'apt-get', ['update', '-qq'], { env });
    step(
      'Install Chromium for the browser tests (Debian package)',
      'apt-get',
      ['install', '-y', '-qq', 'chromium'],
      { env },
    );
    // Installed yet not where the tests look: say so rather than install again next time.
    plan = chromiumPlan({ ...facts, present: existsSync(path), hasApt: false });
  }
  if (plan.action === 'none') return;
  console.error(plan.message);
  process.exit(1);
}
