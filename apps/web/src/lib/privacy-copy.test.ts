import { RETENTION, RETENTION_SCHEDULE } from '@likeness/core';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  HEADSHOTS_KEPT_PROMISE,
  SELFIE_DELETION_PROMISE,
  SELFIE_DELETION_SHORT,
  UNPAID_DELETION_PROMISE,
  serverLocation,
} from './privacy-copy';

const SRC = fileURLToPath(new URL('..', import.meta.url));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

/**
 * Periods typed into the copy by hand, each with why it is not a retention promise. Anything else of
 * the form "<number> days" must come from RETENTION through privacy-copy.ts.
 */
const ALLOWED_PERIODS: Record<string, string> = {
  '5–10 business days': 'how long a card refund takes to show on a statement (the bank, not us)',
};

/** "30 days", "30-day", "5–10 business days": a period in days written as a number. */
const PERIOD_IN_DAYS = /\b\d+(?:\s*[–-]\s*\d+)?[\s-]+(?:business\s+|working\s+)?days?\b/gi;

describe('retention copy', () => {
  it('quotes the retention periods the purge enforces', () => {
    const training = `${RETENTION.trainingDataDays} days`;
    expect(SELFIE_DELETION_PROMISE).toContain(training);
    expect(SELFIE_DELETION_SHORT).toContain(training);
    expect(HEADSHOTS_KEPT_PROMISE).toContain(`${RETENTION.headshotsDays} days`);
    expect(UNPAID_DELETION_PROMISE).toContain(`${RETENTION.unpaidOrderDays} days`);
  });

  it('says the same as the public retention schedule', () => {
    const schedule = RETENTION_SCHEDULE.map((row) => row.kept).join(' ');
    for (const period of [RETENTION.trainingDataDays, RETENTION.headshotsDays, RETENTION.unpaidOrderDays]) {
      expect(schedule).toContain(`${period} days`);
    }
  });

  it('leaves no hand-typed period in days anywhere in the web app', () => {
    const found: string[] = [];
    for (const file of sourceFiles(SRC)) {
      // The whole file at once: JSX often wraps "30" and "days" onto separate lines.
      const text = readFileSync(file, 'utf8');
      for (const { 0: match, index } of text.matchAll(PERIOD_IN_DAYS)) {
        const period = match.replace(/\s+/g, ' ');
        const line = text.slice(0, index).split('\n').length;
        if (!(period in ALLOWED_PERIODS)) found.push(`${relative(SRC, file)}:${line}: "${period}"`);
      }
    }
    expect(found, 'build these from RETENTION (lib/privacy-copy.ts) instead').toEqual([]);
  });

  it('promises no delivery time that no code guarantees', () => {
    const found = sourceFiles(SRC).filter((file) => /same[\s-]day/i.test(readFileSync(file, 'utf8')));
    expect(found.map((file) => relative(SRC, file))).toEqual([]);
  });

  it('recognises the forms a hand-typed period takes', () => {
    const periods = (text: string) => [...text.matchAll(PERIOD_IN_DAYS)].map(([m]) => m);
    expect(periods('deleted 30 days after delivery')).toEqual(['30 days']);
    expect(periods('a 30-day window, 1 day later')).toEqual(['30-day', '1 day']);
    expect(periods('within 5–10 business days')).toEqual(['5–10 business days']);
    expect(periods('deleted 30\n          days after delivery')).toHaveLength(1);
    expect(periods('`${RETENTION.trainingDataDays} days`')).toEqual([]);
  });
});

describe('server location', () => {
  it('names the functions region, and the country only where it is known', () => {
    expect(serverLocation('us-central1')).toBe('Google Cloud’s us-central1 region, in the United States');
    expect(serverLocation('europe-west1')).toBe('Google Cloud’s europe-west1 region');
  });
});
