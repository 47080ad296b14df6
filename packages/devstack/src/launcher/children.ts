import { spawn, type ChildProcess } from 'node:child_process';

export interface Child {
  name: string;
  proc: ChildProcess;
  /** Resolves when a line matching `ready` appears; rejects on exit or timeout. */
  ready: Promise<void>;
}

/**
 * Starts a long-running process in its own process group (so stopping it stops its children too),
 * prefixing its output, and waits for a readiness line.
 */
export function startChild(
  name: string,
  cmd: string,
  args: string[],
  opts: { cwd: string; env: NodeJS.ProcessEnv; ready: RegExp; timeoutMs: number; quiet?: boolean },
): Child {
  const proc = spawn(cmd, args, {
    cwd: opts.cwd,
    env: opts.env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let tail = '';
  const ready = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () =>
        reject(new Error(`${name} was not ready after ${opts.timeoutMs / 1000} s. Last output:\n${tail}`)),
      opts.timeoutMs,
    );
    const onData = (buf: Buffer) => {
      const text = buf.toString();
      tail = (tail + text).slice(-4000);
      if (!opts.quiet)
        for (const line of text.split('\n')) if (line.trim()) process.stdout.write(`[${name}] ${line}\n`);
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
  return { name, proc, ready };
}

export async function stopChild(child: Child, graceMs = 15000): Promise<void> {
  const { proc } = child;
  if (proc.exitCode !== null || proc.pid === undefined) return;
  const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
  try {
    process.kill(-proc.pid, 'SIGINT');
  } catch {
    return;
  }
  const timer = setTimeout(() => {
    try {
      process.kill(-proc.pid!, 'SIGKILL');
    } catch {
      /* already gone */
    }
  }, graceMs);
  await exited;
  clearTimeout(timer);
}
