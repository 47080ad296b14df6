import { createServer } from 'node:net';
import { portToPid } from 'pid-port';
import {
  MAX_PORT_OFFSET,
  PORT_OFFSET_STEP,
  portsWithOffset,
  type PortName,
  type Ports,
} from '@likeness/core';
import { listProcesses, shortCommand } from './process-table.js';

/** Every service of the stack listens on the loopback interface. */
const HOST = '127.0.0.1';

/** Whether something already listens on `port` (bound to this address or to all of them). */
export function isPortTaken(port: number, host = HOST): Promise<boolean> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', (err: NodeJS.ErrnoException) =>
      err.code === 'EADDRINUSE' || err.code === 'EACCES' ? resolve(true) : reject(err),
    );
    probe.listen({ port, host, exclusive: true }, () => probe.close(() => resolve(false)));
  });
}

export interface TakenPort {
  name: PortName;
  port: number;
}

/** The stack's ports that something already listens on. */
export async function takenPorts(ports: Partial<Ports>): Promise<TakenPort[]> {
  const entries = Object.entries(ports) as Array<[PortName, number]>;
  const taken = await Promise.all(entries.map(([, port]) => isPortTaken(port)));
  return entries.filter((_, i) => taken[i]).map(([name, port]) => ({ name, port }));
}

/**
 * "pid 123 (node firebase.js …)": who listens on `port`, as far as this user can tell (another user's
 * process, or a machine without `ss`/`netstat`/`lsof`, leaves it unnamed).
 */
export async function describeHolder(port: number): Promise<string> {
  let pid: number | undefined;
  try {
    pid = await portToPid({ port, host: '*' });
  } catch {
    pid = undefined;
  }
  if (pid === undefined) return 'a process that could not be identified';
  const command = listProcesses().find((p) => p.pid === pid)?.command;
  return command ? `pid ${pid} (${shortCommand(command)})` : `pid ${pid}`;
}

/**
 * After a stop: the ports still held once `waitMs` has passed, each as "Port N (name) is held by …".
 * A process that has exited has let go of its ports, so this is empty unless something survived.
 */
export async function portsStillHeld(ports: Partial<Ports>, waitMs = 5000): Promise<string[]> {
  const deadline = Date.now() + waitMs;
  for (;;) {
    const held = await takenPorts(ports);
    if (!held.length) return [];
    if (Date.now() >= deadline) {
      return Promise.all(
        held.map(async ({ name, port }) => `Port ${port} (${name}) is held by ${await describeHolder(port)}`),
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** The first port offset other than `current` whose ports are all free, if any. */
export async function freeOffset(current: number, names: readonly PortName[]): Promise<number | undefined> {
  for (let offset = 0; offset <= MAX_PORT_OFFSET; offset += PORT_OFFSET_STEP) {
    if (offset === current) continue;
    let ports: Ports;
    try {
      ports = portsWithOffset(offset);
    } catch {
      continue; // An offset that lands a service on a port browsers refuse.
    }
    const wanted = Object.fromEntries(names.map((n) => [n, ports[n]]));
    if (!(await takenPorts(wanted)).length) return offset;
  }
  return undefined;
}

export class PortsInUseError extends Error {
  constructor(
    readonly taken: Array<TakenPort & { holder: string }>,
    offset: number,
    suggestion: number | undefined,
  ) {
    // One line per holder: a whole stack left behind holds a dozen ports through two processes.
    const byHolder = new Map<string, string[]>();
    for (const { name, port, holder } of taken) {
      byHolder.set(holder, [...(byHolder.get(holder) ?? []), `${port} (${name})`]);
    }
    const lines = [...byHolder].map(([holder, held]) => `  ${holder} holds ${held.join(', ')}`);
    const instead =
      suggestion === undefined
        ? 'with another --offset (a multiple of 10 up to 90)'
        : `with --offset ${suggestion} (npm run dev -- --offset ${suggestion})`;
    super(
      [
        `Ports of the local stack at offset ${offset} are already in use:`,
        ...lines,
        `Stop ${byHolder.size === 1 ? 'that process' : 'those processes'} (another stack, or one left behind), or start this stack on other ports ${instead}.`,
      ].join('\n'),
    );
    this.name = 'PortsInUseError';
  }
}

/**
 * Refuses to start a stack on ports that something holds, naming each holder and the --offset flag:
 * otherwise a service fails halfway through start-up with a message that names neither, or a stand-in
 * of another stack quietly answers this one's calls.
 */
export async function assertPortsFree(ports: Partial<Ports>, offset: number): Promise<void> {
  let taken = await takenPorts(ports);
  if (!taken.length) return;
  // A stack killed a moment ago is gone from the process table a little before the kernel lets go
  // of its sockets: look again before refusing a restart.
  await new Promise((resolve) => setTimeout(resolve, 1000));
  taken = await takenPorts(ports);
  if (!taken.length) return;
  const described = await Promise.all(
    taken.map(async (t) => ({ ...t, holder: await describeHolder(t.port) })),
  );
  const suggestion = await freeOffset(offset, Object.keys(ports) as PortName[]);
  throw new PortsInUseError(described, offset, suggestion);
}
