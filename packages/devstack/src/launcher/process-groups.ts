import { descendantsOf, listProcesses, type ProcessInfo } from './process-table.js';

const POLL_MS = 100;

/** Sends `signal` to `pid` and every process below it, for a process that shares our own group. */
export function signalTree(pid: number, signal: NodeJS.Signals): void {
  for (const target of [pid, ...descendantsOf(listProcesses(), [pid]).map((p) => p.pid)]) {
    try {
      process.kill(target, signal);
    } catch {
      // Already gone.
    }
  }
}

/**
 * The process groups of one part of the stack. A child started detached leads a group that its own
 * children join (the functions emulator's workers, Next.js's workers); a grandchild started detached
 * (firebase-tools' Firestore JVM) leads one of its own and is adopted from the process tree while its
 * parent is alive. A group outlives its leader when members ignore the signal that made the leader
 * leave, so a part counts as stopped when its groups are empty, not when its child has exited.
 */
export class ProcessGroups {
  readonly #groups = new Set<number>();
  readonly #onAdd: (pgid: number) => void;
  readonly #ownGroup: number | undefined;

  /** `onAdd` hears of each new group (the orphan watchdog). */
  constructor(onAdd: (pgid: number) => void = () => undefined) {
    this.#onAdd = onAdd;
    this.#ownGroup = listProcesses().find((p) => p.pid === process.pid)?.pgid;
  }

  add(pgid: number): void {
    // Never our own group: it holds the launcher, and the terminal's shell or npm above it.
    if (pgid <= 1 || pgid === this.#ownGroup || this.#groups.has(pgid)) return;
    this.#groups.add(pgid);
    this.#onAdd(pgid);
  }

  /** Adds the group of every process below `pids` that leads or joined another group. */
  adoptDescendants(pids: Iterable<number>, table: readonly ProcessInfo[] = listProcesses()): void {
    for (const p of descendantsOf(table, pids)) this.add(p.pgid);
  }

  /**
   * The processes still running in these groups. An empty group is forgotten: it can never fill
   * again, and its number may later be reused by an unrelated process.
   */
  members(table: readonly ProcessInfo[] = listProcesses()): ProcessInfo[] {
    const live = table.filter((p) => this.#groups.has(p.pgid));
    const liveGroups = new Set(live.map((p) => p.pgid));
    for (const pgid of this.#groups) if (!liveGroups.has(pgid)) this.#groups.delete(pgid);
    return live;
  }

  /** Sends `signal` to every group that still has a member. */
  signal(signal: NodeJS.Signals): void {
    for (const pgid of new Set(this.members().map((p) => p.pgid))) {
      try {
        process.kill(-pgid, signal);
      } catch {
        // Emptied since we looked.
      }
    }
  }

  /**
   * Ends what still runs in the groups: SIGTERM, then SIGKILL for whatever is left after `graceMs`.
   * Resolves with the processes that were still running (none when everything had stopped).
   */
  async end(graceMs = 3000): Promise<ProcessInfo[]> {
    const found = this.members();
    if (!found.length) return [];
    this.signal('SIGTERM');
    if (!(await this.emptyWithin(graceMs))) {
      this.signal('SIGKILL');
      await this.emptyWithin(5000);
    }
    return found;
  }

  /** Resolves true once no group has a member, false if some still do after `ms`. */
  async emptyWithin(ms: number): Promise<boolean> {
    const deadline = Date.now() + ms;
    for (;;) {
      if (!this.members().length) return true;
      if (Date.now() >= deadline) return false;
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
  }
}
