import { describe, expect, it } from 'vitest';
import type { OrderView } from '@/lib/views';
import { attentionProblems, attentionQueue, ERASURE_LIMIT_MINUTES } from './attention';

const NOW = Date.UTC(2026, 5, 1, 12, 0, 0);
const MIN = 60_000;

const order = (over: Partial<OrderView> = {}): OrderView => ({
  id: 'o1',
  uid: 'u1',
  status: 'delivered',
  subjectClass: 'woman',
  styleIds: ['corporate-grey'],
  planId: 'starter',
  createdAt: NOW - 600 * MIN,
  updatedAt: NOW - 5 * MIN,
  ...over,
});

describe('attentionProblems, deletions', () => {
  const erasure = (over: Partial<NonNullable<OrderView['erasure']>> = {}) => ({
    scope: 'everything' as const,
    reason: 'customer' as const,
    state: 'deleting' as const,
    done: ['stop-work'],
    attempts: 0,
    lastError: null,
    requestedAt: NOW - 2 * MIN,
    ...over,
  });

  it('leaves a deletion alone while it runs its normal course, and once it is done', () => {
    expect(attentionProblems(order({ status: 'deleted', erasure: erasure() }), NOW)).toEqual([]);
    expect(
      attentionProblems(
        order({ status: 'deleted', erasure: erasure({ state: 'deleted', finishedAt: NOW }) }),
        NOW,
      ),
    ).toEqual([]);
  });

  it('flags one deleting for long, with its last error', () => {
    const long = erasure({
      requestedAt: NOW - (ERASURE_LIMIT_MINUTES + 5) * MIN,
      attempts: 2,
      lastError: 'Replicate: 503',
    });
    expect(attentionProblems(order({ status: 'deleted', erasure: long }), NOW)).toEqual([
      `Deleting for ${ERASURE_LIMIT_MINUTES + 5} min (whole order, asked by customer), 2 failed attempts. Last error: Replicate: 503`,
    ]);
  });

  it('flags a stuck one at once, whatever its age', () => {
    const stuck = erasure({
      scope: 'training-data',
      reason: 'retention',
      state: 'stuck',
      attempts: 5,
      lastError: 'storage: permission denied',
    });
    expect(attentionProblems(order({ erasure: stuck }), NOW)).toEqual([
      'Deletion stuck (selfies and model, asked by retention) after 5 failed attempts; the daily purge retries it. Last error: storage: permission denied',
    ]);
  });
});

describe('attentionProblems', () => {
  it('has nothing to say about a healthy order', () => {
    expect(attentionProblems(order(), NOW)).toEqual([]);
    expect(
      attentionProblems(order({ status: 'training', statusAt: { training: NOW - 44 * MIN } }), NOW),
    ).toEqual([]);
  });

  it('names a failure with its reason', () => {
    expect(
      attentionProblems(
        order({ status: 'failed', error: { code: 'training_failed', message: 'Training failed' } }),
        NOW,
      ),
    ).toEqual(['Failed: Training failed.']);
    expect(attentionProblems(order({ status: 'failed' }), NOW)).toEqual(['Failed: no reason was recorded.']);
    expect(
      attentionProblems(
        order({ status: 'failed', error: { code: 'x', message: 'Training did not finish within 3 hours.' } }),
        NOW,
      ),
    ).toEqual(['Failed: Training did not finish within 3 hours.']);
  });

  it('lists each payment issue, saying whether it was refunded or needs a decision', () => {
    const issue = { sessionId: 'cs_1', paymentIntent: 'pi_1', currency: 'usd', at: NOW } as const;
    const problems = attentionProblems(
      order({
        paymentIssues: [
          { ...issue, code: 'second_payment', message: 'Paid twice.', amount: 2900, refundId: 're_1' },
          {
            ...issue,
            code: 'amount_mismatch',
            message: 'Paid less than the plan.',
            amount: 100,
            refundId: null,
          },
        ],
      }),
      NOW,
    );
    expect(problems).toEqual([
      'Payment issue ($29.00): Paid twice. Refunded automatically (re_1).',
      'Payment issue ($1.00): Paid less than the plan. Needs a decision: refund or keep.',
    ]);
  });

  it('flags an open dispute, not a closed one', () => {
    const dispute = {
      id: 'dp_1',
      status: 'needs_response',
      reason: 'fraudulent',
      amount: 2900,
      currency: 'usd',
    };
    expect(attentionProblems(order({ dispute: { ...dispute, open: true } }), NOW)).toEqual([
      'Card dispute open (needs_response, fraudulent) over $29.00.',
    ]);
    expect(attentionProblems(order({ dispute: { ...dispute, status: 'won', open: false } }), NOW)).toEqual(
      [],
    );
  });

  it('flags a refund request when the order carries one', () => {
    const withRequest = (refundRequest: unknown) => ({ ...order(), refundRequest }) as OrderView;
    expect(attentionProblems(withRequest({ reason: 'Not me in the photos' }), NOW)).toEqual([
      'The customer asked for a refund: "Not me in the photos"',
    ]);
    expect(attentionProblems(withRequest({ at: NOW }), NOW)).toEqual(['The customer asked for a refund.']);
    expect(attentionProblems(withRequest(null), NOW)).toEqual([]);
  });

  it('flags a delivered order short of headshots, not one still generating', () => {
    expect(
      attentionProblems(order({ status: 'delivered', images: { planned: 40, done: 32, failed: 8 } }), NOW),
    ).toEqual(['8 of 40 headshots could not be generated.']);
    expect(
      attentionProblems(order({ status: 'delivered', images: { planned: 40, done: 40, failed: 0 } }), NOW),
    ).toEqual([]);
    expect(
      attentionProblems(
        order({
          status: 'generating',
          images: { planned: 40, done: 2, failed: 4 },
          statusAt: { generating: NOW },
        }),
        NOW,
      ),
    ).toEqual([]);
  });

  it('flags orders stuck past their stage limit, judged from when the stage began', () => {
    const stuck = (status: OrderView['status'], minutesIn: number) =>
      attentionProblems(
        order({ status, statusAt: { [status]: NOW - minutesIn * MIN }, updatedAt: NOW }),
        NOW,
      );
    expect(stuck('paid', 31)).toEqual(['Stuck: "paid" for 31 min; this stage should take under 30 min.']);
    expect(stuck('paid', 29)).toEqual([]);
    expect(stuck('training', 46)).toHaveLength(1);
    expect(stuck('training', 44)).toEqual([]);
    expect(stuck('generating', 61)).toHaveLength(1);
    expect(stuck('generating', 59)).toEqual([]);
    // Stages without a limit never count as stuck.
    expect(stuck('ready', 10_000)).toEqual([]);
    expect(stuck('delivered', 10_000)).toEqual([]);
  });

  it('falls back to the last update when the stage has no start time', () => {
    expect(attentionProblems(order({ status: 'paid', updatedAt: NOW - 40 * MIN }), NOW)).toEqual([
      'Stuck: "paid" for 40 min; this stage should take under 30 min.',
    ]);
  });
});

describe('attentionQueue', () => {
  it('keeps each order once, only those with problems, the longest waiting first', () => {
    const failed = order({ id: 'a', status: 'failed', updatedAt: NOW - 10 * MIN });
    const stuck = order({ id: 'b', status: 'paid', updatedAt: NOW - 90 * MIN });
    const fine = order({ id: 'c' });
    const queue = attentionQueue([failed, stuck, fine, failed], NOW);
    expect(queue.map((i) => i.order.id)).toEqual(['b', 'a']);
    expect(queue[1]!.problems).toEqual(['Failed: no reason was recorded.']);
  });
});
