/**
 * Every way the local stack ends must end every process it started and free every port: a busy
 * functions emulator runs one worker process per concurrent call, in the process group of the
 * firebase-tools CLI, and those workers ignore the SIGINT that makes the CLI leave. Each test starts
 * a real stack on its own offset (one at a time: these machines have two cores), makes it busy,
 * ends it one way, and looks with `ps` for anything left.
 */
import { portsWithOffset } from '@likeness/core';
import { afterEach, describe, expect, it } from 'vitest';
import {
  fireConcurrentCalls,
  Job,
  killEverything,
  repoRoot,
  StackWatch,
  unbindablePorts,
} from './stack-processes.js';

const PROJECT = 'demo-lifecycle';
/** Concurrent calls, hence functions workers: enough to be a crowd, few enough for two cores. */
const CALLS = 12;
/** About 25 s on an idle two-core machine; far longer while it also runs other stacks. */
const STARTS_WITHIN = 240_000;
const launcher = `${repoRoot}packages/devstack/dist/launcher.js`;
const functionsUrl = (offset: number) =>
  `http://127.0.0.1:${portsWithOffset(offset).functions}/${PROJECT}/us-central1`;

let job: Job | undefined;
let watch: StackWatch | undefined;
afterEach(() => {
  watch?.stop();
  killEverything(watch, job);
  job = watch = undefined;
});

function startStack(args: string[], offset: number, viaNpm = false): Job {
  job = viaNpm
    ? new Job('npm', ['run', 'dev', '--', '--skip-build', ...args])
    : new Job(process.execPath, [launcher, ...args]);
  watch = new StackWatch(job.pid, offset);
  return job;
}

async function expectNothingLeft(offset: number): Promise<void> {
  const left = await watch!.survivorsAfter(10_000);
  expect(left.map((p) => `${p.pid} ${p.args.slice(0, 120)}`)).toEqual([]);
  expect(await unbindablePorts(offset)).toEqual([]);
  // The stack was really busy: the emulator's JVM and a crowd of workers ran.
  const ran = watch!.summary();
  const upIn = /stack is up in ([\d.]+ s)/.exec(job!.output)?.[1];
  console.log(`offset ${offset}: up in ${upIn}, ran ${JSON.stringify(ran)}; none is left`);
  expect(ran.firestoreJvms).toBe(1);
  // The watch samples `ps`; on a loaded machine it can miss a worker started just before the stack
  // ends. The full count is checked where it is known (busy-functions' output, waitForWorkers).
  expect(ran.workers).toBeGreaterThan(CALLS / 2);
}

describe('the local stack ends everything it started', () => {
  it(
    'when its --exec command finishes while the functions are busy',
    async () => {
      const offset = 70;
      const stack = startStack(
        [
          ...['--offset', String(offset), '--project', PROJECT, '--no-web'],
          ...['--exec', `node tests/lifecycle/busy-functions.mjs ${CALLS}`],
        ],
        offset,
      );
      const { code } = await stack.exit(STARTS_WITHIN + 120_000);
      watch!.stop();
      const busy = /busy-functions: (\d+) functions workers busy/.exec(stack.output);
      expect(Number(busy?.[1])).toBeGreaterThanOrEqual(CALLS);
      expect(code).toBe(0);
      await expectNothingLeft(offset);
    },
    STARTS_WITHIN + 180_000,
  );

  it(
    'on Ctrl-C of `npm run dev`, and refuses a second stack on its ports until then',
    async () => {
      const offset = 80;
      const stack = startStack(['--offset', String(offset), '--project', PROJECT, '--no-web'], offset, true);
      await stack.waitForOutput(/stack is up/, STARTS_WITHIN);

      const second = new Job(process.execPath, [
        ...[launcher, '--offset', String(offset), '--project', 'demo-other', '--no-web'],
      ]);
      const refused = await second.exit(30_000).finally(() => killEverything(undefined, second));
      expect(refused.code).toBe(1);
      expect(second.output).toMatch(/in use/);
      expect(second.output).toMatch(/--offset \d+/);
      // It names a holder: the running stack's launcher or its emulators.
      const holders = [...second.output.matchAll(/pid (\d+) \(/g)].map((m) => Number(m[1]));
      expect(holders.length).toBeGreaterThan(0);
      for (const pid of holders) expect(watch!.seen.has(pid)).toBe(true);

      fireConcurrentCalls(functionsUrl(offset), CALLS);
      await watch!.waitForWorkers(CALLS, 60_000);
      // What a terminal does on Ctrl-C: SIGINT to the whole foreground job (npm, the script, the launcher).
      process.kill(-stack.pid, 'SIGINT');
      await stack.exit(60_000);
      watch!.stop();
      await expectNothingLeft(offset);
    },
    STARTS_WITHIN + 180_000,
  );

  it(
    'when the launcher itself is killed (out of memory, SIGKILL from a CI timeout)',
    async () => {
      const offset = 90;
      const stack = startStack(['--offset', String(offset), '--project', PROJECT, '--no-web'], offset);
      await stack.waitForOutput(/stack is up/, STARTS_WITHIN);
      fireConcurrentCalls(functionsUrl(offset), CALLS);
      await watch!.waitForWorkers(CALLS, 60_000);

      process.kill(stack.pid, 'SIGKILL');
      await stack.exit(10_000);
      watch!.stop();
      await expectNothingLeft(offset);
    },
    STARTS_WITHIN + 180_000,
  );
});
