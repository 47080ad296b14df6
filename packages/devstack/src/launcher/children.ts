import { spawn, type ChildProcess } from 'node:child_process';
import { ProcessGroups } from './process-groups.js';
import type { ProcessInfo } from './process-table.js';

export interface Child {
  name: string;
  proc: ChildProcess;
  /** Resolves when a line matching `ready` appears; rejects on exit or timeout. */
  ready: Promise<void>;
  /** The process groups of this child and of what it started. */
  groups: ProcessGroups;
  /** The last lines of its output that matched `keep`, printed or not. */
  kept: string[];
}

const KEPT_LINES = 20;

/**
 * Starts a long-running process in its own process group (so stopping it stops its children too),
 * prefixing its output, and waits for a readiness line. `watch` hears of each of its process groups
 * (the orphan watchdog).
 */
export function startChild(
  name: string,
  cmd: string,
  args: string[],
  opts: {
    cwd: string;
    env: NodeJS.ProcessEnv;
    ready: RegExp;
    timeoutMs: number;
    quiet?: boolean;
    /** Lines worth showing after the fact even when quiet (a failed run's errors). */
    keep?: RegExp;
    watch?: (pgid: number) => void;
  },
): Child {
  const proc = spawn(cmd, args, {
    cwd: opts.cwd,
    env: opts.env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const groups = new ProcessGroups(opts.watch);
  if (proc.pid !== undefined) groups.add(proc.pid);
  let tail = '';
  const kept: string[] = [];
  const ready = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () =>
        reject(new Error(`${name} was not ready after ${opts.timeoutMs / 1000} s. Last output:\n${tail}`)),
      opts.timeoutMs,
    );
    const onData = (buf: Buffer) => {
      const text = buf.toString();
      tail = (tail + text).slice(-4000);
      for (const line of text.split('\n')) {
        if (!line.trim()) continue;
        if (!opts.quiet) process.stdout.write(`[${name}] ${line}\n`);
        if (opts.keep?.test(line) && kept.push(line) > KEPT_LINES) kept.shift();
      }
      if (opts.ready.test(tail)) {
        clearTimeout(timer);
        resolve();
      }
    };
    proc.stdout!.on('data', onData);
    proc.stderr!.on('data', onData);
    proc.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${name} exited with code ${code} before it was ready. Last output:\n${tail}`));
    });
  });
  ready.catch(() => undefined);
  // Whatever it started in groups of its own by now (the Firestore JVM) must be ended with it, even
  // if it dies first and leaves them to init.
  void ready.then(() => adoptDescendants(proc, groups));
  return { name, proc, ready, groups, kept };
}

/**
 * Stops a child and everything it started. The child is asked first (SIGINT to its group, as Ctrl-C
 * would) and given `graceMs` to shut down cleanly; whatever still runs in its groups after it left,
 * or after the grace, is ended (SIGTERM, then SIGKILL after `termGraceMs`). Resolves with the
 * processes that had to be ended that way.
 */
export async function stopChild(child: Child, graceMs = 15000, termGraceMs = 3000): Promise<ProcessInfo[]> {
  const { proc, groups } = child;
  adoptDescendants(proc, groups);
  if (proc.exitCode === null && proc.signalCode === null && proc.pid !== undefined) {
    const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
    try {
      process.kill(-proc.pid, 'SIGINT');
    } catch {
      // Its group is already gone.
    }
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([exited, new Promise((resolve) => (timer = setTimeout(resolve, graceMs)))]);
    clearTimeout(timer);
  }
  // The leader leaving is not the group leaving: firebase-tools' workers ignore the first SIGINT, and
  // those it no longer tracks outlive it.
  return groups.end(termGraceMs);
}

function adoptDescendants(proc: ChildProcess, groups: ProcessGroups): void {
  if (proc.pid !== undefined && proc.exitCode === null && proc.signalCode === null) {
    groups.adoptDescendants([proc.pid]);
  }
}
