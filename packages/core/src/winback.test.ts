import { describe, expect, it } from 'vitest';
import { MarketingEmailTask } from './tasks.js';
import {
  EARLY_TASK_TOLERANCE_MS,
  EmailPreferences,
  isDue,
  wantsMarketingEmail,
  WINBACK_CODE_VALID_SECONDS,
  WINBACK_STEPS,
  winbackCodeFor,
  winbackCodePercent,
  winbackEligible,
  winbackSchedule,
  winbackStep,
} from './winback.js';

describe('win-back schedule', () => {
  it('is three emails at 1 hour, 1 day and 2 days with escalating discounts', () => {
    expect(WINBACK_STEPS.map((s) => [s.delaySeconds / 3600, s.percentOff])).toEqual([
      [1, 0],
      [24, 10],
      [48, 20],
    ]);
    for (let i = 1; i < WINBACK_STEPS.length; i++) {
      expect(WINBACK_STEPS[i]!.delaySeconds).toBeGreaterThan(WINBACK_STEPS[i - 1]!.delaySeconds);
      expect(WINBACK_STEPS[i]!.percentOff).toBeGreaterThan(WINBACK_STEPS[i - 1]!.percentOff);
    }
  });

  it('keeps a code redeemable past the last email', () => {
    expect(WINBACK_CODE_VALID_SECONDS).toBeGreaterThan(24 * 3600);
  });

  it('schedules every step from the start, with one deterministic id per order and step', () => {
    const start = Date.UTC(2027, 0, 1);
    const plan = winbackSchedule('o1', start);
    expect(plan.map((p) => p.id)).toEqual(['winback-o1-1', 'winback-o1-2', 'winback-o1-3']);
    expect(plan.map((p) => p.dueAt - start)).toEqual([3600_000, 86_400_000, 172_800_000]);
    expect(winbackSchedule('o1', start + 999)).toEqual(plan.map((p) => ({ ...p, dueAt: p.dueAt + 999 })));
  });

  it('is for unpaid orders with something to buy', () => {
    expect(winbackEligible({ status: 'ready' })).toBe(true);
    expect(winbackEligible({ status: 'uploading', photos: { accepted: 3 } })).toBe(true);
    expect(winbackEligible({ status: 'uploading', photos: { accepted: 0 } })).toBe(false);
    expect(winbackEligible({ status: 'uploading' })).toBe(false);
    expect(winbackEligible({ status: 'draft' })).toBe(false);
    for (const status of ['paid', 'training', 'delivered', 'refunded', 'deleted', 'failed'] as const) {
      expect(winbackEligible({ status, photos: { accepted: 12 } }), status).toBe(false);
    }
  });

  it('refuses a task that arrives early, and accepts it from its time on', () => {
    const due = 1_000_000_000;
    expect(isDue(due, due - EARLY_TASK_TOLERANCE_MS - 1)).toBe(false);
    expect(isDue(due, due - EARLY_TASK_TOLERANCE_MS)).toBe(true);
    expect(isDue(due, due + 5)).toBe(true);
  });

  it('knows its steps and nothing else', () => {
    expect(winbackStep(2).percentOff).toBe(10);
    expect(() => winbackStep(4)).toThrow();
  });

  it('sends marketing email unless the customer turned it off', () => {
    expect(wantsMarketingEmail(undefined)).toBe(true);
    expect(wantsMarketingEmail(null)).toBe(true);
    expect(wantsMarketingEmail({})).toBe(true);
    expect(wantsMarketingEmail({ marketing: true })).toBe(true);
    expect(wantsMarketingEmail({ marketing: false })).toBe(false);
    // Turned back on from the account page after an unsubscribe: on again.
    const back: EmailPreferences = { marketing: true, via: 'account' };
    const off: EmailPreferences = { marketing: false, via: 'one-click' };
    expect(wantsMarketingEmail(back)).toBe(true);
    expect(wantsMarketingEmail(off)).toBe(false);
  });

  it('records where the choice was made: an email link, its one-click header or the account page', () => {
    for (const via of ['link', 'one-click', 'account']) {
      expect(EmailPreferences.safeParse({ marketing: false, via }).success, via).toBe(true);
    }
    expect(EmailPreferences.safeParse({ marketing: true, via: 'browser' }).success).toBe(false);
    expect(EmailPreferences.safeParse({ via: 'account' }).success).toBe(false);
  });

  it('reads the discount of an emailed code, and nothing from other codes', () => {
    expect(winbackCodePercent(winbackCodeFor(10, 'ABCDEF1234'))).toBe(10);
    expect(winbackCodePercent('BACK20-0123456789')).toBe(20);
    expect(winbackCodePercent('BACK0-0123456789')).toBeNull();
    expect(winbackCodePercent('BACK50-0123456789')).toBeNull();
    expect(winbackCodePercent('BACK10-short')).toBeNull();
    expect(winbackCodePercent('WELCOME10')).toBeNull();
    expect(winbackCodePercent(null)).toBeNull();
  });

  it('validates task payloads', () => {
    expect(MarketingEmailTask.safeParse({ kind: 'winback', orderId: 'o', step: 2, dueAt: 1 }).success).toBe(
      true,
    );
    expect(MarketingEmailTask.safeParse({ kind: 'winback', orderId: 'o', step: 4, dueAt: 1 }).success).toBe(
      false,
    );
    expect(MarketingEmailTask.safeParse({ kind: 'rating-request', orderId: 'o', dueAt: 1 }).success).toBe(
      true,
    );
    expect(MarketingEmailTask.safeParse({ kind: 'other', orderId: 'o', dueAt: 1 }).success).toBe(false);
  });
});
