import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Writable } from 'node:stream';

/**
 * Starts the orphan watchdog (orphan-watchdog.ts) and returns how to tell it about a process group.
 * If it cannot start, the stack still runs: only a launcher that dies without cleaning up leaks.
 */
export function startOrphanWatchdog(): (pgid: number) => void {
  const script = fileURLToPath(new URL('./orphan-watchdog.js', import.meta.url));
  let stdin: Writable | null = null;
  try {
    const proc = spawn(process.execPath, [script], {
      detached: true,
      stdio: ['pipe', 'ignore', 'inherit'],
    });
    proc.on('error', () => (stdin = null));
    // Neither the process nor its pipe may keep the launcher's event loop alive.
    proc.unref();
    stdin = proc.stdin;
    (stdin as Writable & { unref?: () => void }).unref?.();
    stdin.on('error', () => (stdin = null));
  } catch {
    stdin = null;
  }
  return (pgid) => {
    stdin?.write(`${pgid}\n`);
  };
}
