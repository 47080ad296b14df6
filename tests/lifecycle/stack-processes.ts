/**
 * Watching a local stack from outside, as a founder would with `ps`: which processes it ran, which
 * are still running after it stopped, and whether its ports can be bound again. Independent of the
 * launcher's own process bookkeeping, which is what these tests check.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { portsWithOffset } from '@likeness/core';

export const repoRoot = new URL('../../', import.meta.url).pathname;

export interface Proc {
  pid: number;
  ppid: number;
  pgid: number;
  args: string;
}

/** Every running process (zombies have ended: they only wait for their parent to collect them). */
export function processTable(): Proc[] {
  const r = spawnSync('ps', ['-A', '-o', 'pid=,ppid=,pgid=,stat=,args='], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  // An empty table would pass for "nothing left".
  if (r.status !== 0 || !r.stdout) throw new Error(`ps failed: ${r.error?.message ?? r.stderr}`);
  const out: Proc[] = [];
  for (const line of r.stdout.split('\n')) {
    const m = /^\s*(\d+)\s+(\d+)\s+(\d+)\s+(\S+)\s+(.*)$/.exec(line);
    if (m && !m[4]!.startsWith('Z'))
      out.push({ pid: Number(m[1]), ppid: Number(m[2]), pgid: Number(m[3]), args: m[5]! });
  }
  return out;
}

/** `root` and every process below it. */
export function subtree(table: readonly Proc[], root: number): Proc[] {
  const below = new Set([root]);
  for (let grew = true; grew;) {
    grew = false;
    for (const p of table)
      if (!below.has(p.pid) && below.has(p.ppid)) {
        below.add(p.pid);
        grew = true;
      }
  }
  return table.filter((p) => below.has(p.pid));
}

const isWorker = (p: Proc) => p.args.includes('functionsEmulatorRuntime');
const isFirestoreJvm = (p: Proc) => p.args.startsWith('java') && /firestore/i.test(p.args);

/** A command started as a terminal starts a job: in a process group of its own, output collected. */
export class Job {
  readonly proc: ChildProcess;
  output = '';
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;

  constructor(cmd: string, args: string[]) {
    this.proc = spawn(cmd, args, { cwd: repoRoot, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    const collect = (b: Buffer) => (this.output += b.toString());
    this.proc.stdout!.on('data', collect);
    this.proc.stderr!.on('data', collect);
    this.exited = new Promise((resolve) => this.proc.on('exit', (code, signal) => resolve({ code, signal })));
  }

  get pid(): number {
    return this.proc.pid!;
  }

  async waitForOutput(pattern: RegExp, timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!pattern.test(this.output)) {
      if (this.proc.exitCode !== null || Date.now() > deadline) {
        throw new Error(`No ${pattern} in the output of pid ${this.pid}:\n${this.output.slice(-3000)}`);
      }
      await sleep(250);
    }
  }

  /** Resolves with how it exited, or rejects after `timeoutMs`. */
  async exit(timeoutMs: number): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () =>
          reject(
            new Error(`pid ${this.pid} still running after ${timeoutMs} ms:\n${this.output.slice(-3000)}`),
          ),
        timeoutMs,
      );
    });
    try {
      return await Promise.race([this.exited, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }
}

/**
 * Records every process that ever ran below a job while it runs, so that what outlives the job can
 * be found after it is gone and its processes were handed to init.
 */
export class StackWatch {
  readonly seen = new Map<number, Proc>();
  readonly #timer: NodeJS.Timeout;

  constructor(
    readonly root: number,
    readonly offset: number,
  ) {
    this.#timer = setInterval(() => this.look(), 250);
    this.look();
  }

  look(): Proc[] {
    const now = subtree(processTable(), this.root);
    // The latest command line: a forked child shows its parent's until it execs its own.
    for (const p of now) this.seen.set(p.pid, p);
    return now;
  }

  stop(): void {
    clearInterval(this.#timer);
  }

  /** Functions workers running below the job now. */
  workersNow(): number {
    return this.look().filter(isWorker).length;
  }

  async waitForWorkers(n: number, timeoutMs: number): Promise<number> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const count = this.workersNow();
      if (count >= n) return count;
      if (Date.now() > deadline)
        throw new Error(`Only ${count} of ${n} functions workers after ${timeoutMs} ms`);
      await sleep(200);
    }
  }

  /** What the stack ran, by kind, over its whole life. */
  summary(): { processes: number; workers: number; firestoreJvms: number } {
    const all = [...this.seen.values()];
    return {
      processes: all.length,
      workers: all.filter(isWorker).length,
      firestoreJvms: all.filter(isFirestoreJvm).length,
    };
  }

  /**
   * Processes of the stack still running: one seen below the job (same pid and command line; a
   * reused pid is someone else), a member of a process group one of them led, or one serving this
   * offset's emulators (its config file, its Firestore port).
   */
  survivors(): Proc[] {
    const groups = new Set([...this.seen.values()].filter((p) => p.pid === p.pgid).map((p) => p.pgid));
    const ports = portsWithOffset(this.offset);
    return processTable().filter(
      (p) =>
        p.pid !== process.pid &&
        (this.seen.get(p.pid)?.args === p.args ||
          groups.has(p.pgid) ||
          p.args.includes(`firebase.local.${this.offset}.json`) ||
          (isFirestoreJvm(p) && p.args.includes(`--port ${ports.firestore} `))),
    );
  }

  /** Waits up to `timeoutMs` for every process of the stack to be gone; returns those left. */
  async survivorsAfter(timeoutMs: number): Promise<Proc[]> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const left = this.survivors();
      if (!left.length || Date.now() > deadline) return left;
      await sleep(250);
    }
  }
}

/**
 * The ports of the stack at `offset` that still cannot be bound after `timeoutMs`. The kernel lets go
 * of a killed process's sockets a moment after the process is gone from the process table, longer
 * on a loaded machine; a port held by a live process stays held.
 */
export async function unbindablePorts(offset: number, timeoutMs = 5000): Promise<string[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const held = await unbindableNow(offset);
    if (!held.length || Date.now() > deadline) return held;
    await sleep(250);
  }
}

async function unbindableNow(offset: number): Promise<string[]> {
  const held: string[] = [];
  for (const [name, port] of Object.entries(portsWithOffset(offset))) {
    const free = await new Promise<boolean>((resolve) => {
      const server = createServer();
      server.once('error', () => resolve(false));
      server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
    });
    if (!free) held.push(`${port} (${name}) ${holderOf(port)}`);
  }
  return held;
}

/** Who listens on `port`, for a failure message (Linux's `ss`; empty where it is missing). */
function holderOf(port: number): string {
  const r = spawnSync('ss', ['-Hltnp', `sport = :${port}`], { encoding: 'utf8' });
  return (r.stdout ?? '').trim().replace(/\s+/g, ' ');
}

/** Fires `n` concurrent calls at an HTTP function and lets them run; their outcome does not matter. */
export function fireConcurrentCalls(functionsUrl: string, n: number): void {
  for (let i = 0; i < n; i++) {
    fetch(`${functionsUrl}/stripeWebhook`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    }).catch(() => undefined);
  }
}

/** Leaves nothing behind if a test fails halfway: the job's group and every group it led. */
export function killEverything(watch: StackWatch | undefined, job: Job | undefined): void {
  const groups = new Set<number>();
  if (job?.pid) groups.add(job.pid);
  for (const p of watch?.survivors() ?? []) groups.add(p.pgid);
  for (const pgid of groups) {
    try {
      process.kill(-pgid, 'SIGKILL');
    } catch {
      // Gone.
    }
  }
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
