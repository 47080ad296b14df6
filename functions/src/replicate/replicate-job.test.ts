import { describe, expect, it } from 'vitest';
import { describeReplicateFailure, gpuSecondsOf, isTerminal, ReplicateJob } from './replicate-job.js';

describe('Replicate job objects', () => {
  it('parses a webhook body and keeps unknown output as is', () => {
    const job = ReplicateJob.parse({ id: 'p1', status: 'succeeded', output: ['http://x/1.webp'], extra: 1 });
    expect(job.output).toEqual(['http://x/1.webp']);
    expect(isTerminal(job.status)).toBe(true);
    expect(isTerminal('processing')).toBe(false);
  });

  it('refuses a body without an id or with an unknown status', () => {
    expect(ReplicateJob.safeParse({ status: 'succeeded' }).success).toBe(false);
    expect(ReplicateJob.safeParse({ id: 'p1', status: 'done' }).success).toBe(false);
  });

  it('puts the failure in words', () => {
    expect(describeReplicateFailure({ status: 'failed', error: 'CUDA out of memory\n  at step 3' })).toBe(
      'The GPU job failed: CUDA out of memory at step 3',
    );
    expect(describeReplicateFailure({ status: 'canceled', error: null })).toBe('The GPU job was canceled.');
    expect(describeReplicateFailure({ status: 'failed', error: { detail: 'bad input' } })).toBe(
      'The GPU job failed: bad input',
    );
    expect(describeReplicateFailure({ status: 'failed', error: 'x'.repeat(2000) }).length).toBe(500);
  });
});

describe('gpuSecondsOf', () => {
  it("reads Replicate's predict_time, and 0 where a job never ran or reports nonsense", () => {
    expect(gpuSecondsOf({ metrics: { predict_time: 12.5, total_time: 14 } })).toBe(12.5);
    expect(gpuSecondsOf({})).toBe(0);
    expect(gpuSecondsOf({ metrics: null })).toBe(0);
    expect(gpuSecondsOf({ metrics: { predict_time: '3' } })).toBe(0);
    expect(gpuSecondsOf({ metrics: { predict_time: -1 } })).toBe(0);
  });
});
