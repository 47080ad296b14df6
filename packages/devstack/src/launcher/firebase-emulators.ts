import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startChild, type Child } from './children.js';
import type { Ports } from '@likeness/core';

/** Writes a firebase.json whose emulator ports follow the offset; offset 0 uses firebase.json itself. */
function configFor(repoRoot: string, ports: Ports, offset: number): string {
  if (offset === 0) return join(repoRoot, 'firebase.json');
  const base = JSON.parse(readFileSync(join(repoRoot, 'firebase.json'), 'utf8'));
  for (const name of ['auth', 'firestore', 'functions', 'tasks', 'eventarc', 'hub', 'logging'] as const) {
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
  /** Hears of each process group the emulators start (the orphan watchdog). */
  watch?: (pgid: number) => void;
}): Child {
  const config = configFor(opts.repoRoot, opts.ports, opts.offset);
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    FIREBASE_CLI_DISABLE_UPDATE_CHECK: 'true',
    // On a busy 2-core machine a functions worker can take longer than the default 30 s to load.
    FUNCTIONS_DISCOVERY_TIMEOUT: process.env.FUNCTIONS_DISCOVERY_TIMEOUT ?? '120',
  };
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
    {
      cwd: opts.repoRoot,
      env,
      ready: /All emulators ready/,
      timeoutMs: 180_000,
      quiet: !opts.verbose,
      // The functions' error logs, shown when a run fails: CI keeps only the end of its output.
      keep: /"severity":"ERROR"|Unhandled error/,
      ...(opts.watch ? { watch: opts.watch } : {}),
    },
  );
}

/**
 * firebase-tools starts the Firestore emulator's JVM outside its own process group; if the CLI is
 * killed before it shuts the JVM down, the JVM keeps the port. Stop any JVM still serving our port.
 */
export function stopStrayFirestore(port: number): void {
  const r = spawnSync(
    'pgrep',
    ['-f', `cloud.firestore.*--port ${port}( |$)|firestore-emulator.jar.*--port ${port}( |$)`],
    {
      encoding: 'utf8',
    },
  );
  for (const pid of r.stdout.split('\n').filter(Boolean)) {
    try {
      process.kill(Number(pid), 'SIGKILL');
    } catch {
      /* already gone */
    }
  }
}
