import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { basename } from 'node:path';

/** One running process, as much as the launcher needs to know to stop what it started. */
export interface ProcessInfo {
  pid: number;
  ppid: number;
  /** Process group: a child started detached leads one, and its own children stay in it. */
  pgid: number;
  command: string;
}

/**
 * Every process on the machine. Linux has /proc, which costs no extra process and never truncates a
 * command line; elsewhere (macOS) `ps` gives the same fields. Empty where neither works.
 */
export function listProcesses(): ProcessInfo[] {
  return process.platform === 'linux' ? fromProc() : fromPs();
}

function fromProc(): ProcessInfo[] {
  const out: ProcessInfo[] = [];
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return fromPs();
  }
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // The command name in parentheses may itself hold spaces and parentheses: fields follow the last ')'.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      // A zombie has ended; it only waits for its parent to collect its exit status.
      if (fields[0] === 'Z') continue;
      const cmdline = readFileSync(`/proc/${entry}/cmdline`, 'utf8').replace(/\0+$/, '').replace(/\0/g, ' ');
      out.push({
        pid: Number(entry),
        ppid: Number(fields[1]),
        pgid: Number(fields[2]),
        command: cmdline || stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')')),
      });
    } catch {
      // It exited while we read.
    }
  }
  return out;
}

function fromPs(): ProcessInfo[] {
  const r = spawnSync('ps', ['-A', '-o', 'pid=,ppid=,pgid=,stat=,command='], { encoding: 'utf8' });
  if (r.status !== 0 || !r.stdout) return [];
  const out: ProcessInfo[] = [];
  for (const line of r.stdout.split('\n')) {
    const m = /^\s*(\d+)\s+(\d+)\s+(\d+)\s+(\S+)\s+(.*)$/.exec(line);
    if (m && !m[4]!.startsWith('Z'))
      out.push({ pid: Number(m[1]), ppid: Number(m[2]), pgid: Number(m[3]), command: m[5]! });
  }
  return out;
}

/** The processes below `roots` (children, grandchildren, …), not the roots themselves. */
export function descendantsOf(table: readonly ProcessInfo[], roots: Iterable<number>): ProcessInfo[] {
  const byParent = new Map<number, ProcessInfo[]>();
  for (const p of table) byParent.set(p.ppid, [...(byParent.get(p.ppid) ?? []), p]);
  const found: ProcessInfo[] = [];
  const queue = [...roots];
  const seen = new Set(queue);
  while (queue.length) {
    for (const child of byParent.get(queue.shift()!) ?? []) {
      if (seen.has(child.pid)) continue;
      seen.add(child.pid);
      found.push(child);
      queue.push(child.pid);
    }
  }
  return found;
}

/** Whether a process with this id exists (a zombie counts until its parent reaps it). */
export function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: it exists but belongs to someone else.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * "12 × functionsEmulatorRuntime, 1 × java": what a list of processes runs, by program (for a Node
 * process, its script).
 */
export function countByProgram(processes: readonly ProcessInfo[]): string {
  const counts = new Map<string, number>();
  for (const { command } of processes) {
    const [argv0 = '', argv1] = command.split(' ');
    const program = /(^|\/)node(js)?$/.test(argv0) && argv1 && !argv1.startsWith('-') ? argv1 : argv0;
    const name = basename(program) || 'process';
    counts.set(name, (counts.get(name) ?? 0) + 1);
  }
  return [...counts].map(([name, n]) => `${n} × ${name}`).join(', ');
}

/** Shortens a command line for a message. */
export function shortCommand(command: string, max = 120): string {
  return command.length > max ? `${command.slice(0, max - 1)}…` : command;
}
