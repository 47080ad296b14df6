import { describe, expect, it } from 'vitest';
import { followUps } from './follow-ups.js';

describe('follow-up tasks', () => {
  it('names tasks after the work they do, with an optional sweep suffix', () => {
    expect(followUps.runPrediction('o1', 'modern-office-0', 2).id).toBe('pred-o1-modern-office-0-2');
    expect(followUps.ingestPrediction('o1', 'j1', 'p9', 'sweep-123').id).toBe('ingest-p9-sweep-123');
    expect(followUps.startTraining('o1')).toEqual({
      queue: 'startTraining',
      id: 'train-o1',
      payload: { orderId: 'o1' },
    });
  });

  it('delays an email only when asked to', () => {
    expect(followUps.sendEmail('order-failed', 'o1', 'failed-o1')).not.toHaveProperty('delaySeconds');
    expect(followUps.sendEmail('win-back', 'o1', 'wb-o1', 3600)).toMatchObject({
      id: 'email-wb-o1',
      delaySeconds: 3600,
    });
  });
});
