import { afterEach, describe, expect, it } from 'vitest';
import { startChild, stopChild, type Child } from './children.js';
import { listProcesses } from './process-table.js';

/**
 * A stand-in for the firebase-tools CLI: it starts workers that, like functionsEmulatorRuntime,
 * ignore the first SIGINT (one of them SIGTERM too), and a detached grandchild like the Firestore
 * JVM; on SIGINT it leaves at once and forgets them all.
 */
const FAKE_CLI = `
const { spawn } = require('node:child_process');
const worker = (ignore) =>
  "for (const s of " + JSON.stringify(ignore) + ") process.on(s, () => {});" +
  "process.send('up'); setInterval(() => {}, 1000);";
const started = [['SIGINT'], ['SIGINT'], ['SIGINT', 'SIGTERM']].map((ignore) =>
  new Promise((up) =>
    spawn(process.execPath, ['-e', worker(ignore)], { stdio: ['ignore', 'ignore', 'ignore', 'ipc'] })
      .once('message', up)));
const jvm = spawn('sleep', ['300'], { detached: true, stdio: 'ignore' });
process.on('SIGINT', () => process.exit(0));
Promise.all(started).then(() => console.log('ready jvm=' + jvm.pid));
setInterval(() => {}, 1000);
`;

let child: Child | undefined;
afterEach(async () => {
  // Never leave the fake behind, whatever the test did.
  child?.groups.signal('SIGKILL');
  child = undefined;
});

async function startFakeCli(script = FAKE_CLI): Promise<{ child: Child; jvm: number }> {
  let out = '';
  const c = startChild('fake-cli', process.execPath, ['-e', script], {
    cwd: process.cwd(),
    env: process.env,
    ready: /ready jvm=\d+/,
    timeoutMs: 15_000,
    quiet: true,
  });
  c.proc.stdout!.on('data', (b: Buffer) => (out += b.toString()));
  await c.ready;
  const jvm = Number(/ready jvm=(\d+)/.exec(out)![1]);
  return { child: c, jvm };
}

const running = (pids: number[]) => {
  const live = new Set(listProcesses().map((p) => p.pid));
  return pids.filter((pid) => live.has(pid));
};

describe('stopChild', () => {
  it('ends the workers that outlive their leader, and the grandchild that leads a group of its own', async () => {
    const fake = await startFakeCli();
    child = fake.child;
    const leader = child.proc.pid!;
    const workers = listProcesses()
      .filter((p) => p.pgid === leader && p.pid !== leader)
      .map((p) => p.pid);
    expect(workers).toHaveLength(3);
    expect(running([fake.jvm])).toEqual([fake.jvm]);

    const ended = await stopChild(child, 2000, 500);

    expect(child.proc.exitCode).toBe(0); // The leader left on SIGINT, as firebase-tools does…
    expect(running([...workers, fake.jvm])).toEqual([]); // …and nothing it started is left.
    expect(ended.map((p) => p.pid).sort()).toEqual([...workers, fake.jvm].sort());
  }, 20_000);

  it('ends the whole group when the leader does not leave within the grace period', async () => {
    const fake = await startFakeCli(
      FAKE_CLI.replace("process.on('SIGINT', () => process.exit(0));", "process.on('SIGINT', () => {});"),
    );
    child = fake.child;
    const leader = child.proc.pid!;

    const started = Date.now();
    await stopChild(child, 1000, 500);

    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
    expect(listProcesses().filter((p) => p.pgid === leader || p.pid === fake.jvm)).toEqual([]);
  }, 20_000);
});

describe('startChild', () => {
  it('keeps the last 20 lines that match `keep`, quiet or not', async () => {
    const script = `
for (let i = 0; i < 45; i++) console.log(JSON.stringify({ severity: i % 2 ? 'INFO' : 'ERROR', i }));
console.error('Unhandled error: boom');
console.log('ready');
setInterval(() => {}, 1000);`;
    child = startChild('noisy', process.execPath, ['-e', script], {
      cwd: process.cwd(),
      env: process.env,
      ready: /ready/,
      timeoutMs: 15_000,
      quiet: true,
      keep: /"severity":"ERROR"|Unhandled error/,
    });
    await child.ready;
    // 23 ERROR lines and one unhandled error; stdout and stderr come on separate pipes, so which
    // of the two arrives last is not fixed.
    await expect.poll(() => child!.kept.length).toBe(20);
    expect(child.kept).toContain(JSON.stringify({ severity: 'ERROR', i: 44 }));
    expect(child.kept).not.toContain(JSON.stringify({ severity: 'ERROR', i: 0 }));
    expect(child.kept.some((l) => l.includes('"INFO"'))).toBe(false);
  });
});
