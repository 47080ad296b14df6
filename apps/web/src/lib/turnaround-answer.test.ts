import { describe, expect, it } from 'vitest';
import { turnaroundSentence } from './turnaround-answer';

const stats = {
  orders: 12,
  delivery: { median: 95, p90: 140 },
  training: { median: 22, p90: 30 },
  fromMs: Date.UTC(2026, 10, 20),
  toMs: Date.UTC(2026, 11, 1),
};

describe('turnaroundSentence', () => {
  it('says nothing while no order has been measured', () => {
    expect(turnaroundSentence({ stats: null }, 'delivery')).toBeNull();
  });

  it('says nothing for an answer that does not parse', () => {
    expect(turnaroundSentence({ stats: { orders: 0 } }, 'delivery')).toBeNull();
    expect(turnaroundSentence('<html>', 'training')).toBeNull();
  });

  it('quotes the measured figures for each stage', () => {
    expect(turnaroundSentence({ stats }, 'delivery')).toBe(
      'Measured, not promised: across our last 12 delivered orders, the median time from payment to a full gallery was 1 hour 35 minutes, and 9 in 10 within 2 hours 20 minutes.',
    );
    expect(turnaroundSentence({ stats }, 'training')).toBe(
      'Training took 22 minutes (median) on our last 12 delivered orders.',
    );
  });
});
