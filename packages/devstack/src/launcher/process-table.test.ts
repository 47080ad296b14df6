import { describe, expect, it } from 'vitest';
import { countByProgram, descendantsOf, listProcesses, type ProcessInfo } from './process-table.js';

const proc = (pid: number, ppid: number, command: string, pgid = pid): ProcessInfo => ({
  pid,
  ppid,
  pgid,
  command,
});

describe('process table', () => {
  it('lists this process with its parent and group', () => {
    const me = listProcesses().find((p) => p.pid === process.pid);
    expect(me).toMatchObject({ pid: process.pid, ppid: process.ppid });
    expect(me!.pgid).toBeGreaterThan(0);
    expect(me!.command).toContain('node');
  });

  it('finds children and grandchildren, also those that lead groups of their own', () => {
    const table = [
      proc(10, 1, 'node firebase.js'),
      proc(11, 10, 'node functionsEmulatorRuntime', 10),
      proc(12, 10, 'java -jar firestore.jar'),
      proc(13, 12, 'java helper', 12),
      proc(20, 1, 'someone else'),
    ];
    expect(descendantsOf(table, [10]).map((p) => p.pid)).toEqual([11, 12, 13]);
    expect(descendantsOf(table, [20])).toEqual([]);
  });

  it('counts processes by program, naming a Node process by its script', () => {
    const runtime = '/usr/bin/node /x/firebase-tools/lib/emulator/functionsEmulatorRuntime';
    expect(
      countByProgram([
        proc(1, 0, runtime),
        proc(2, 0, runtime),
        proc(3, 0, 'java -Dx=y -jar /x/firestore-emulator.jar --port 8150'),
        proc(4, 0, 'node --inspect server.js'),
      ]),
    ).toBe('2 × functionsEmulatorRuntime, 1 × java, 1 × node');
  });
});
