import { describe, expect, it } from 'vitest';
import {
  ConsentChoices,
  DAY_MS,
  hasCurrentConsent,
  PRIVACY_NOTICE_VERSION,
  RETENTION,
  retentionAction,
  RETENTION_SCHEDULE,
  type RetentionFacts,
} from './privacy.js';

const NOW = Date.UTC(2027, 5, 1);
const facts = (over: Partial<RetentionFacts>): RetentionFacts => ({
  status: 'delivered',
  updatedAtMs: NOW,
  statusAtMs: NOW,
  trainingDataErased: false,
  reminded: false,
  erasing: false,
  ...over,
});
const daysAgo = (d: number) => NOW - d * DAY_MS;

describe('retention schedule', () => {
  it('deletes selfies and the model of a delivered order after the stated days, not a day before', () => {
    const before = facts({ statusAtMs: daysAgo(RETENTION.trainingDataDays) + 60_000 });
    expect(retentionAction(before, NOW)).toBeNull();
    const due = facts({ statusAtMs: daysAgo(RETENTION.trainingDataDays) });
    expect(retentionAction(due, NOW)).toEqual({ kind: 'erase', scope: 'training-data', reason: 'retention' });
    // Failed and refunded orders keep their selfies no longer than delivered ones.
    for (const status of ['failed', 'refunded'] as const)
      expect(retentionAction({ ...due, status }, NOW)).toEqual({
        kind: 'erase',
        scope: 'training-data',
        reason: 'retention',
      });
  });

  it('deletes an unpaid order whole after the unpaid period since its last change', () => {
    for (const status of ['draft', 'uploading', 'ready'] as const) {
      expect(
        retentionAction(facts({ status, updatedAtMs: daysAgo(RETENTION.unpaidOrderDays - 1) }), NOW),
      ).toBeNull();
      expect(
        retentionAction(facts({ status, updatedAtMs: daysAgo(RETENTION.unpaidOrderDays) }), NOW),
      ).toEqual({
        kind: 'erase',
        scope: 'everything',
        reason: 'unpaid',
      });
    }
  });

  it('reminds before the headshots go, once, then deletes the order whole', () => {
    const remindAt = RETENTION.headshotsDays - RETENTION.headshotsReminderDays;
    const o = facts({ statusAtMs: daysAgo(remindAt), trainingDataErased: true });
    expect(retentionAction(o, NOW)).toEqual({
      kind: 'remind-headshots',
      deleteAtMs: daysAgo(remindAt) + RETENTION.headshotsDays * DAY_MS,
    });
    expect(retentionAction({ ...o, reminded: true }, NOW)).toBeNull();
    expect(retentionAction({ ...o, statusAtMs: daysAgo(RETENTION.headshotsDays) }, NOW)).toEqual({
      kind: 'erase',
      scope: 'everything',
      reason: 'retention',
    });
  });

  it('leaves orders in flight, deleted or being deleted alone', () => {
    for (const status of ['paid', 'training', 'generating', 'deleted'] as const)
      expect(
        retentionAction(facts({ status, statusAtMs: daysAgo(1000), updatedAtMs: daysAgo(1000) }), NOW),
      ).toBeNull();
    expect(retentionAction(facts({ statusAtMs: daysAgo(400), erasing: true }), NOW)).toBeNull();
  });

  it('publishes every period it enforces', () => {
    const text = RETENTION_SCHEDULE.map((r) => r.kept).join(' ');
    for (const n of [
      RETENTION.trainingDataDays,
      RETENTION.unpaidOrderDays,
      RETENTION.headshotsDays,
      RETENTION.headshotsReminderDays,
      RETENTION.exportDays,
    ])
      expect(text).toContain(`${n} day`);
  });
});

describe('consent', () => {
  it('is valid only for the current notice and only with every statement confirmed', () => {
    expect(hasCurrentConsent({ noticeVersion: PRIVACY_NOTICE_VERSION })).toBe(true);
    expect(hasCurrentConsent({ noticeVersion: '2020-01-01' })).toBe(false);
    expect(hasCurrentConsent(undefined)).toBe(false);
    const all = {
      adult: true,
      subjectOrPermitted: true,
      faceProcessing: true,
      noticeVersion: PRIVACY_NOTICE_VERSION,
    };
    expect(ConsentChoices.safeParse(all).success).toBe(true);
    expect(ConsentChoices.safeParse({ ...all, faceProcessing: false }).success).toBe(false);
    expect(ConsentChoices.safeParse({ ...all, adult: undefined }).success).toBe(false);
  });
});
