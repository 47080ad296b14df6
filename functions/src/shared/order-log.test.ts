import type { LogEntry } from 'firebase-functions/logger';
import { describe, expect, it } from 'vitest';
import { GPU_BILLED_MESSAGE, orderLogger } from './order-log.js';

function capture() {
  const entries: LogEntry[] = [];
  return { entries, write: (e: LogEntry) => void entries.push(e) };
}

describe('orderLogger', () => {
  it('puts the order id and stage on every line as structured fields, at each severity', () => {
    const { entries, write } = capture();
    const log = orderLogger('order1', 'training', write);
    log.debug('a');
    log.info('Training started', { trainingId: 't1' });
    log.warn('c');
    log.error('Replicate refused the training', { status: 422 });
    expect(entries).toEqual([
      { severity: 'DEBUG', message: 'a', orderId: 'order1', stage: 'training' },
      {
        severity: 'INFO',
        message: 'Training started',
        trainingId: 't1',
        orderId: 'order1',
        stage: 'training',
      },
      { severity: 'WARNING', message: 'c', orderId: 'order1', stage: 'training' },
      {
        severity: 'ERROR',
        message: 'Replicate refused the training',
        status: 422,
        orderId: 'order1',
        stage: 'training',
      },
    ]);
  });

  it('never lets a field replace the order id or stage', () => {
    const { entries, write } = capture();
    orderLogger('order1', 'email', write).info('Email sent', {
      orderId: 'other',
      stage: 'x',
      dedupeKey: 'k',
    });
    expect(entries[0]).toMatchObject({ orderId: 'order1', stage: 'email', dedupeKey: 'k' });
  });

  it('logs GPU seconds as a number the spend metric can sum, with the job that billed them', () => {
    const { entries, write } = capture();
    orderLogger('order1', 'generation', write).gpuBilled(
      { kind: 'prediction', replicateId: 'p1', gpuSec: 12.345678 },
      { jobId: 'corporate-grey-0' },
    );
    expect(entries).toEqual([
      {
        severity: 'INFO',
        message: GPU_BILLED_MESSAGE,
        jobId: 'corporate-grey-0',
        kind: 'prediction',
        replicateId: 'p1',
        gpuSec: 12.346,
        orderId: 'order1',
        stage: 'generation',
      },
    ]);
    expect(typeof entries[0]!.gpuSec).toBe('number');
  });

  it('keeps orderId null, not absent, on lines about no single order', () => {
    const { entries, write } = capture();
    orderLogger(null, 'sweep', write).info('Sweep done', { jobs: 3 });
    expect(entries[0]).toEqual({
      severity: 'INFO',
      message: 'Sweep done',
      jobs: 3,
      orderId: null,
      stage: 'sweep',
    });
  });
});
