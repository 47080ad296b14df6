#!/usr/bin/env node
/**
 * One command for the whole product on one machine: Firebase emulators (auth, firestore, functions,
 * tasks), the stand-ins for Cloud Storage, Stripe, Replicate and SendGrid, and the web app, with demo
 * data. `--exec "<cmd>"` runs a command against the running stack and exits with its code (tests).
 * `--web build` only builds the web app for the stack and exits.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { startChild, stopChild, type Child } from './launcher/children.js';
import { startEmulators, stopStrayFirestore } from './launcher/firebase-emulators.js';
import { startOrphanWatchdog } from './launcher/orphan-watchdog-client.js';
import { assertPortsFree, portsStillHeld } from './launcher/port-check.js';
import { signalTree } from './launcher/process-groups.js';
import { countByProgram } from './launcher/process-table.js';
import { onStopRequests } from './launcher/stop-requests.js';
import { firestoreEmulatorJar } from './launcher/firestore-jar.js';
import {
  functionsEnv,
  LOCAL_GA_MEASUREMENT_ID,
  LOCAL_REPLICATE,
  localPredictorDeployment,
  writeFunctionsEnv,
} from './launcher/functions-env.js';
import { portsWithOffset, type Ports } from '@likeness/core';
import { DEMO_OPERATOR, seedDemoData } from './launcher/seed.js';
import { syncStandinPrices } from './launcher/stripe-prices.js';
import { ensureWebBuild, localWebEnv } from './launcher/web-build.js';
import { generateLocalSecrets, startStandins } from './standins.js';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

const { values } = parseArgs({
  options: {
    offset: { type: 'string', default: process.env.LIKENESS_PORT_OFFSET ?? '0' },
    project: { type: 'string', default: 'demo-likeness' },
    exec: { type: 'string' },
    web: { type: 'string', default: 'auto' },
    'no-web': { type: 'boolean', default: false },
    verbose: { type: 'boolean', default: false },
    /** Extra functions configuration, KEY=VALUE, repeatable (e.g. a QC threshold for the tests). */
    'fn-env': { type: 'string', multiple: true, default: [] },
  },
});

const offset = Number(values.offset);
const projectId = values.project!;
if (!projectId.startsWith('demo-'))
  throw new Error('The local stack only runs demo- projects (no real resources).');
const ports = portsWithOffset(offset);
const webMode = values['no-web']
  ? 'none'
  : values.web === 'auto'
    ? values.exec
      ? 'start'
      : 'dev'
    : values.web!;
if (!['dev', 'start', 'build', 'none'].includes(webMode))
  throw new Error(`--web must be dev, start, build or none`);

const webDir = join(repoRoot, 'apps', 'web');
const webEnv: NodeJS.ProcessEnv = {
  ...process.env,
  NEXT_TELEMETRY_DISABLED: '1',
  ...localWebEnv(projectId, offset),
};
/** Stops a web build under way when the launcher is stopped. */
const webBuild = new AbortController();

const started = Date.now();
const children: Child[] = [];
let standins: Awaited<ReturnType<typeof startStandins>> | undefined;
let execProc: ChildProcess | undefined;
/** Set once the ports were found free: from then on they are this stack's to free again. */
let portsOwned = false;
/** The ports this stack binds (a build-only run binds none, and never looks). */
const stackPorts: Partial<Ports> =
  webMode === 'none' ? Object.fromEntries(Object.entries(ports).filter(([name]) => name !== 'web')) : ports;
/** Ends the stack's process groups if the launcher dies without doing it (SIGKILL, out of memory). */
const watch = webMode === 'build' ? undefined : startOrphanWatchdog();

const requestStop = onStopRequests({
  stop: (code, why) => void stopAll(code, why),
  force: () => {
    console.log('\nStopping everything now.');
    for (const child of children) child.groups.signal('SIGKILL');
  },
});

async function stopAll(code: number, why: string): Promise<never> {
  if (why.startsWith('SIG')) console.log(`\n${why}: stopping the local stack (again to stop at once)…`);
  try {
    webBuild.abort();
    // A command from --exec still running (the launcher was stopped under it) ends with the stack.
    if (execProc?.exitCode === null && execProc.signalCode === null) signalTree(execProc.pid!, 'SIGTERM');
    const ended = (await Promise.all(children.map((c) => stopChild(c)))).flat();
    if (ended.length) {
      console.log(`Ended ${ended.length} process(es) still running after the stop: ${countByProgram(ended)}`);
    }
    // Only once the ports were found free is a JVM on the Firestore port this stack's: a build-only
    // run or one refused for taken ports must not kill another stack's emulator.
    if (portsOwned) stopStrayFirestore(ports.firestore);
    await standins?.stop();
    if (portsOwned) {
      for (const held of await portsStillHeld(stackPorts)) console.error(`${held} after the stop.`);
    }
  } catch (err) {
    console.error('Stopping the stack failed:', err);
    code = code || 1;
  }
  process.exit(code);
}

async function main(): Promise<number> {
  if (webMode === 'build') {
    await ensureWebBuild({ webDir, env: webEnv, force: true, signal: webBuild.signal });
    return 0;
  }
  // Before anything starts: a stack that finds its ports taken fails halfway, naming neither the
  // holder nor the way out, and must not wipe the work folder of a stack still running on them.
  await assertPortsFree(stackPorts, offset);
  portsOwned = true;
  // Before anything else starts: a build takes both cores of a small machine for a minute or two.
  if (webMode === 'start') {
    await ensureWebBuild({ webDir, env: webEnv, signal: webBuild.signal, log: console.log });
  }

  const workDir = join(repoRoot, '.devstack', `${projectId}-${offset}`);
  rmSync(workDir, { recursive: true, force: true });
  mkdirSync(workDir, { recursive: true });

  const secrets = generateLocalSecrets();
  const fnEnv = { ...functionsEnv(projectId, ports, secrets), ...parseFnEnv(values['fn-env']!) };
  writeFunctionsEnv(repoRoot, projectId, fnEnv);

  standins = await startStandins({
    dataDir: join(workDir, 'standins'),
    ports: {
      blob: ports.blob,
      stripe: ports.stripe,
      replicate: ports.replicate,
      mail: ports.mail,
      analytics: ports.analytics,
    },
    gaMeasurementId: LOCAL_GA_MEASUREMENT_ID,
    secrets,
    stripeWebhookUrl: `${fnEnv.FUNCTIONS_BASE_URL}/stripeWebhook`,
    replicate: {
      existingModels: [LOCAL_REPLICATE.destination, LOCAL_REPLICATE.trainer],
      predictorVersion: LOCAL_REPLICATE.predictorVersion,
      trainerVersionRef: `${LOCAL_REPLICATE.trainer}:${LOCAL_REPLICATE.trainerVersion}`,
      deployments: [localPredictorDeployment()],
    },
    // The stack's sender is verified, as the deploy preflight requires of production's.
    mail: { senders: [{ email: fnEnv.MAIL_FROM!, verified: true }] },
  });

  // The plans' Stripe prices, while the emulators start; awaited before the stack is reported up.
  const prices = syncStandinPrices({
    repoRoot,
    stripeUrl: standins.urls.stripe,
    secretKey: secrets.stripeSecretKey,
    verbose: values.verbose!,
  });
  // A failure surfaces at that await; until then it must not count as an unhandled rejection.
  prices.catch(() => undefined);

  const emulators = startEmulators({
    repoRoot,
    projectId,
    ports,
    offset,
    firestoreJar: firestoreEmulatorJar(join(repoRoot, '.devstack')),
    verbose: values.verbose!,
    watch,
  });
  children.push(emulators);

  const emulatorEnv = {
    GCLOUD_PROJECT: projectId,
    FIREBASE_PROJECT_ID: projectId,
    FIRESTORE_EMULATOR_HOST: `127.0.0.1:${ports.firestore}`,
    FIREBASE_AUTH_EMULATOR_HOST: `127.0.0.1:${ports.auth}`,
    CLOUD_TASKS_EMULATOR_HOST: `127.0.0.1:${ports.tasks}`,
  };
  Object.assign(process.env, emulatorEnv);

  let web: Child | undefined;
  if (webMode !== 'none') {
    const next = join(webDir, 'node_modules', '.bin', 'next');
    web = startChild('web', next, [webMode, '-p', String(ports.web), '-H', '127.0.0.1'], {
      cwd: webDir,
      env: { ...webEnv, ...emulatorEnv },
      ready: /Ready in|started server|Local:/,
      timeoutMs: 120_000,
      quiet: !values.verbose,
      watch,
    });
    children.push(web);
  }

  await emulators.ready;
  await seedDemoData(projectId);
  await prices;
  await web?.ready;

  const urls = {
    web: `http://localhost:${ports.web}`,
    outbox: standins.urls.mail,
    analytics: standins.urls.analytics,
    stripe: standins.urls.stripe,
    replicate: standins.urls.replicate,
    blob: standins.urls.blob,
    functions: fnEnv.FUNCTIONS_BASE_URL,
    auth: `http://127.0.0.1:${ports.auth}`,
    firestore: `http://127.0.0.1:${ports.firestore}`,
  };
  const secs = ((Date.now() - started) / 1000).toFixed(1);
  console.log(`\nLikeness local stack is up in ${secs} s (project ${projectId}, port offset ${offset})`);
  if (webMode !== 'none') console.log(`  Web app            ${urls.web}`);
  console.log(
    `  Operator sign-in   ${DEMO_OPERATOR.email} / ${DEMO_OPERATOR.password} (${urls.web}/operator)`,
  );
  console.log(`  Mail outbox        ${urls.outbox}`);
  console.log(`  Analytics events   ${urls.analytics}`);
  console.log(`  Stripe stand-in    ${urls.stripe}`);
  console.log(`  Replicate stand-in ${urls.replicate}`);
  console.log(`  Functions          ${urls.functions}`);
  console.log(`  Auth emulator      ${urls.auth}   Firestore emulator ${urls.firestore}`);

  if (!values.exec) {
    console.log('\nPress Ctrl-C to stop everything.');
    await new Promise(() => undefined);
  }

  const execEnv: NodeJS.ProcessEnv = {
    ...process.env,
    ...fnEnv,
    ...emulatorEnv,
    LIKENESS_PORT_OFFSET: String(offset),
    LIKENESS_FUNCTIONS_URL: fnEnv.FUNCTIONS_BASE_URL,
    LIKENESS_WEB_URL: urls.web,
    LIKENESS_STANDIN_URLS: JSON.stringify(standins.urls),
    LIKENESS_OPERATOR: JSON.stringify(DEMO_OPERATOR),
  };
  console.log(`\n$ ${values.exec}`);
  // In the launcher's own process group, so that a terminal's Ctrl-C reaches it as it would any command.
  const proc = spawn(values.exec!, { cwd: repoRoot, env: execEnv, shell: true, stdio: 'inherit' });
  execProc = proc;
  const code = await new Promise<number>((res) =>
    proc.on('exit', (code, signal) => res(code ?? (signal ? 1 : 0))),
  );
  if (code !== 0 && !values.verbose && emulators.kept.length > 0) {
    console.error(`\nThe last ${emulators.kept.length} errors the functions logged during the run:`);
    for (const line of emulators.kept) console.error(`  ${line.slice(0, 2000)}`);
  }
  return code;
}

main().then(
  (code) => requestStop(code, 'exec'),
  (err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    requestStop(1, 'failure');
  },
);

function parseFnEnv(pairs: readonly string[]): Record<string, string> {
  return Object.fromEntries(
    pairs.map((pair) => {
      const m = /^([A-Z][A-Z0-9_]*)=(.*)$/.exec(pair);
      if (!m) throw new Error(`--fn-env takes KEY=VALUE with an upper-case key; got "${pair}"`);
      return [m[1]!, m[2]!];
    }),
  );
}
