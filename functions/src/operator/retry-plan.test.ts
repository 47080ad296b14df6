import { describe, expect, it } from 'vitest';
import { decideRetry, planPredictionRetry } from './retry-plan.js';

const order = (over: Partial<Parameters<typeof decideRetry>[1]> = {}) => ({
  status: 'failed' as const,
  disputeOpen: false,
  trained: false,
  failedJobs: 0,
  ...over,
});

describe('decideRetry', () => {
  it('puts a failed, untrained order back in the training queue', () => {
    expect(decideRetry('training', order())).toEqual({ kind: 'start', to: 'paid' });
  });

  it('regenerates failed predictions of a trained order, delivered or failed', () => {
    for (const status of ['delivered', 'failed'] as const) {
      expect(decideRetry('failed-predictions', order({ status, trained: true, failedJobs: 2 }))).toEqual({
        kind: 'start',
        to: 'generating',
      });
    }
  });

  it('does nothing while the order is being worked on (a second click)', () => {
    for (const status of ['paid', 'training', 'generating'] as const) {
      for (const scope of ['training', 'failed-predictions'] as const) {
        expect(
          decideRetry(scope, order({ status, trained: true, failedJobs: 1 })),
          `${scope} ${status}`,
        ).toEqual({ kind: 'in-flight' });
      }
    }
  });

  it('refuses, in words, what the scope cannot fix', () => {
    const why = (scope: 'training' | 'failed-predictions', over: Parameters<typeof order>[0]) => {
      const d = decideRetry(scope, order(over));
      return d.kind === 'refused' ? d.why : d.kind;
    };
    expect(why('training', { status: 'delivered' })).toBe(
      'Only a failed order\'s training can be retried; this order is "delivered".',
    );
    expect(why('training', { trained: true })).toMatch(/retry its failed predictions instead/);
    expect(why('failed-predictions', { status: 'refunded', trained: true, failedJobs: 1 })).toMatch(
      /delivered or failed order; this order is "refunded"/,
    );
    expect(why('failed-predictions', { failedJobs: 1 })).toMatch(/retry its training instead/);
    expect(why('failed-predictions', { status: 'delivered', trained: true })).toMatch(/nothing to retry/);
    expect(why('training', { disputeOpen: true })).toMatch(/dispute is open/);
  });
});

describe('planPredictionRetry', () => {
  it('gives each failed job a fresh round of attempts numbered after its last', () => {
    const plan = planPredictionRetry(
      [
        { id: 'a-0', attempt: 3, numOutputs: 4, status: 'failed' },
        { id: 'b-1', attempt: 1, numOutputs: 2, status: 'failed' },
      ],
      { planned: 40, done: 34, failed: 6 },
      3,
    );
    expect(plan.jobs).toEqual([
      { jobId: 'a-0', attempt: 4, maxAttempts: 6 },
      { jobId: 'b-1', attempt: 2, maxAttempts: 4 },
    ]);
    expect(plan.images).toEqual({ planned: 40, done: 34, failed: 0 });
  });

  it('leaves jobs that did not fail alone and never counts below zero', () => {
    const plan = planPredictionRetry(
      [
        { id: 'a-0', attempt: 3, numOutputs: 4, status: 'failed' },
        { id: 'b-1', attempt: 1, numOutputs: 4, status: 'succeeded' },
      ],
      // A job stopped with its order was never counted as failed.
      { planned: 8, done: 4, failed: 0 },
      3,
    );
    expect(plan.jobs.map((j) => j.jobId)).toEqual(['a-0']);
    expect(plan.images.failed).toBe(0);
  });
});
