import { describe, expect, it } from 'vitest';
import {
  deliverySentence,
  durationInWords,
  trainingSentence,
  TURNAROUND_WINDOW,
  turnaroundOf,
  type DeliveredOrderTimes,
} from './turnaround.js';

const NOW = Date.UTC(2026, 11, 2, 12);
const MIN = 60_000;

/** An order delivered `agoMin` minutes before NOW that took `totalMin`, `trainMin` of it training. */
const order = (agoMin: number, totalMin: number, trainMin = totalMin / 2): DeliveredOrderTimes => {
  const deliveredMs = NOW - agoMin * MIN;
  const paidMs = deliveredMs - totalMin * MIN;
  return { paidMs, trainingMs: paidMs + MIN, generatingMs: paidMs + MIN + trainMin * MIN, deliveredMs };
};

describe('turnaroundOf', () => {
  it('is null without a delivered order, so the site quotes no time', () => {
    expect(turnaroundOf([], NOW)).toBeNull();
  });

  it('takes the median and the 90th percentile of payment to delivery', () => {
    const stats = turnaroundOf(
      [10, 20, 30, 40, 50, 60, 70, 80, 90, 100].map((total, i) => order(i + 1, total)),
      NOW,
    )!;
    expect(stats.orders).toBe(10);
    expect(stats.delivery).toEqual({ median: 55, p90: 90 });
    expect(stats.training.median).toBe(27.5);
    expect(stats.toMs).toBe(NOW - MIN);
    expect(stats.fromMs).toBe(NOW - 10 * MIN);
  });

  it('measures only the newest deliveries of the window', () => {
    const old = order(TURNAROUND_WINDOW.days * 24 * 60 + 1, 999);
    const many = Array.from({ length: TURNAROUND_WINDOW.orders + 5 }, (_, i) => order(i, i < 50 ? 30 : 500));
    const stats = turnaroundOf([old, ...many], NOW)!;
    expect(stats.orders).toBe(TURNAROUND_WINDOW.orders);
    expect(stats.delivery.p90).toBe(30);
  });

  it('leaves out an order whose stamps are out of order instead of guessing', () => {
    const broken = { ...order(5, 30), generatingMs: NOW + MIN };
    expect(turnaroundOf([broken, order(6, 40)], NOW)!.orders).toBe(1);
  });
});

describe('the sentences', () => {
  it('says durations in words', () => {
    expect(durationInWords(0.4)).toBe('under a minute');
    expect(durationInWords(1)).toBe('1 minute');
    expect(durationInWords(42.4)).toBe('42 minutes');
    expect(durationInWords(60)).toBe('1 hour');
    expect(durationInWords(125)).toBe('2 hours 5 minutes');
  });

  it('says how many orders a figure comes from, and gives the spread only with enough of them', () => {
    const one = turnaroundOf([order(1, 38)], NOW)!;
    expect(deliverySentence(one)).toBe(
      'Measured, not promised: our last delivered order took 38 minutes from payment to a full gallery.',
    );
    expect(trainingSentence(one)).toBe('Training took 19 minutes on our last delivered order.');
    const three = turnaroundOf([order(1, 30), order(2, 40), order(3, 90)], NOW)!;
    expect(deliverySentence(three)).toContain('across our last 3 delivered orders');
    expect(deliverySentence(three)).not.toContain('9 in 10');
    const six = turnaroundOf(
      [30, 40, 50, 60, 70, 80].map((t, i) => order(i, t)),
      NOW,
    )!;
    expect(deliverySentence(six)).toBe(
      'Measured, not promised: across our last 6 delivered orders, the median time from payment to a full gallery was 55 minutes, and 9 in 10 within 1 hour 20 minutes.',
    );
  });
});
