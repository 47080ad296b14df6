import { OUTPUTS_PER_PREDICTION } from '@likeness/core';
import { describe, expect, it } from 'vitest';
import { planJobs, settlement } from './plan.js';

describe('planJobs', () => {
  it('plans the starter plan (40 headshots, 2 styles) as 10 jobs of 4 outputs', () => {
    const jobs = planJobs(
      'o1',
      { planId: 'starter', styleIds: ['corporate-grey', 'modern-office'], subjectClass: 'man' },
      3,
    );
    expect(jobs).toHaveLength(10);
    expect(jobs.reduce((n, j) => n + j.numOutputs, 0)).toBe(40);
    expect(jobs.every((j) => j.numOutputs <= OUTPUTS_PER_PREDICTION)).toBe(true);
    expect(jobs[0]).toMatchObject({
      jobId: 'corporate-grey-0',
      styleId: 'corporate-grey',
      batch: 0,
      status: 'queued',
      attempt: 1,
      maxAttempts: 3,
      predictionId: null,
      ingested: false,
    });
    expect(jobs[0]!.prompt).toContain('ohwx man');
    expect(new Set(jobs.map((j) => j.jobId)).size).toBe(10);
    expect(new Set(jobs.map((j) => j.seed)).size).toBe(10);
  });

  it('is deterministic, so planning twice writes the same documents', () => {
    const order = {
      planId: 'professional' as const,
      styleIds: ['black-tie', 'warm-studio', 'tech-founder'],
      subjectClass: 'woman' as const,
    };
    expect(planJobs('o2', order, 3)).toEqual(planJobs('o2', order, 3));
    expect(planJobs('o2', order, 3).reduce((n, j) => n + j.numOutputs, 0)).toBe(100);
  });
});

describe('settlement', () => {
  it('waits until every planned image is done or failed', () => {
    expect(settlement({ planned: 40, done: 36, failed: 0 })).toBeNull();
    expect(settlement({ planned: 40, done: 36, failed: 4 })).toBe('delivered');
    expect(settlement({ planned: 40, done: 40, failed: 0 })).toBe('delivered');
    expect(settlement({ planned: 40, done: 0, failed: 40 })).toBe('failed');
  });

  it('waits for automatic redos still running, then settles once they are in', () => {
    expect(settlement({ planned: 40, done: 40, failed: 0, redoing: 2 })).toBeNull();
    expect(settlement({ planned: 40, done: 38, failed: 2, redoing: 1 })).toBeNull();
    expect(settlement({ planned: 40, done: 38, failed: 2, redoing: 0, blocked: 2 })).toBe('delivered');
  });
});
