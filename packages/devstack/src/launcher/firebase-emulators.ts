import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startChild, type Child } from './children.js';
import type { Ports } from './ports.js';

/** Writes a firebase.json whose emulator ports follow the offset; offset 0 uses firebase.json itself. */
function configFor(repoRoot: string, ports: Ports, offset: number): string {
  if (offset === 0) return join(repoRoot, 'firebase.json');
  const base = JSON.parse(readFileSync(join(repoRoot, 'firebase.json'), 'utf8'));
  for (const name of ['auth', 'firestore', 'functions', 'tasks', 'hub', 'logging'] as const) {
    base.emulators[name].port = ports[name];
  }
  const file = join(repoRoot, `firebase.local.${offset}.json`);
  writeFileSync(file, JSON.stringify(base, null, 2));
  return file;
}

export function startEmulators(opts: {
  repoRoot: string;
  projectId: string;
  ports: Ports;
  offset: number;
  firestoreJar: string | undefined;
  verbose: boolean;
}): Child {
  const config = configFor(opts.repoRoot, opts.ports, opts.offset);
  const env: NodeJS.ProcessEnv = { ...process.env, FIREBASE_CLI_DISABLE_UPDATE_CHECK: 'true' };
  if (opts.firestoreJar) env.FIRESTORE_EMULATOR_BINARY_PATH = opts.firestoreJar;
  const bin = join(opts.repoRoot, 'node_modules', '.bin', 'firebase');
  return startChild(
    'emulators',
    bin,
    [
      'emulators:start',
      '--project',
      opts.projectId,
      '--only',
      'auth,firestore,functions,tasks',
      '--config',
      config,
    ],
    { cwd: opts.repoRoot, env, ready: /All emulators ready/, timeoutMs: 180_000, quiet: !opts.verbose },
  );
}
