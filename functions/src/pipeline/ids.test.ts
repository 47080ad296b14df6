import { describe, expect, it } from 'vitest';
import { imageIdOf, jobIdOf, seedFor, taskIds } from './ids.js';

describe('pipeline ids', () => {
  it('derives job and image ids from style, batch and output index', () => {
    expect(jobIdOf('corporate-grey', 3)).toBe('corporate-grey-3');
    expect(imageIdOf('corporate-grey-3', 1)).toBe('corporate-grey-3-1');
  });

  it('gives each job a stable uint32 seed that differs between jobs and orders', () => {
    const a = seedFor('order1', 'corporate-grey-0');
    expect(seedFor('order1', 'corporate-grey-0')).toBe(a);
    expect(Number.isInteger(a) && a >= 0 && a < 2 ** 32).toBe(true);
    expect(seedFor('order1', 'corporate-grey-1')).not.toBe(a);
    expect(seedFor('order2', 'corporate-grey-0')).not.toBe(a);
  });

  it('names tasks after the work they do, with an optional sweep suffix', () => {
    expect(taskIds.runPrediction('o1', 'modern-office-0', 2)).toBe('pred-o1-modern-office-0-2');
    expect(taskIds.ingestPrediction('p9', 'sweep-123')).toBe('ingest-p9-sweep-123');
    expect(taskIds.startTraining('o1')).toBe('train-o1');
  });
});
