import type { LogEntry } from 'firebase-functions/logger';
import { beforeEach, describe, expect, it, vi } from 'vitest';

const { entries, refused } = vi.hoisted(() => ({
  entries: [] as LogEntry[],
  /** Task ids whose enqueue Cloud Tasks refuses. */
  refused: new Set<string>(),
}));

vi.mock('firebase-functions', () => ({ logger: { write: (e: LogEntry) => void entries.push(e) } }));
vi.mock('./firebase.js', () => ({ adminApp: () => ({}) }));
vi.mock('firebase-admin/functions', () => ({
  getFunctions: () => ({
    taskQueue: () => ({
      enqueue: async (_payload: unknown, { id }: { id: string }) => {
        if (refused.has(id)) throw new Error('UNAVAILABLE');
      },
    }),
  }),
}));

const { enqueueAll } = await import('./tasks.js');
const { followUps } = await import('./follow-ups.js');

describe('enqueueAll', () => {
  beforeEach(() => {
    entries.length = 0;
    refused.clear();
  });

  it('logs nothing when every task is enqueued', async () => {
    await enqueueAll([followUps.startTraining('o1'), followUps.eraseAccount('u1')]);
    expect(entries).toEqual([]);
  });

  it('logs a failure once per order and stage of the tasks that failed, then throws', async () => {
    const tasks = [
      followUps.runPrediction('o1', 'j1', 1),
      followUps.runPrediction('o1', 'j2', 1),
      followUps.scaleWarmPool('o1'),
      followUps.startTraining('o2'),
      followUps.eraseAccount('u1'),
      followUps.startTraining('o3'),
    ];
    for (const t of tasks.slice(0, 5)) refused.add(t.id);

    await expect(enqueueAll(tasks)).rejects.toThrow('5 of 6 follow-up tasks could not be enqueued');
    const lines = entries.map(({ severity, message, orderId, stage, failed, of, queues }) => ({
      severity,
      message,
      orderId,
      stage,
      failed,
      of,
      queues,
    }));
    const line = { severity: 'ERROR', message: 'Enqueue of follow-up tasks failed', of: 6 };
    expect(lines).toEqual([
      { ...line, orderId: 'o1', stage: 'generation', failed: 2, queues: ['runPrediction'] },
      { ...line, orderId: 'o1', stage: 'warm-pool', failed: 1, queues: ['scaleWarmPool'] },
      { ...line, orderId: 'o2', stage: 'training', failed: 1, queues: ['startTraining'] },
      // An account's erasure names no order.
      { ...line, orderId: null, stage: 'erasure', failed: 1, queues: ['eraseAccount'] },
    ]);
    expect(entries[0]!.error).toContain('UNAVAILABLE');
  });
});
