/**
 * The retention periods live in core (privacy.ts); the Firestore TTL policies and the Cloud Storage
 * lifecycle rule that enforce part of them are deploy configuration. This keeps them the same.
 */
import { RETENTION } from '@likeness/core';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const read = (name: string) => readFileSync(fileURLToPath(new URL(`../../${name}`, import.meta.url)), 'utf8');

describe('retention configuration', () => {
  it('has TTL policies on upload intents and rate counters', () => {
    const overrides = JSON.parse(read('firestore.indexes.json')).fieldOverrides as Array<{
      collectionGroup: string;
      fieldPath: string;
      ttl?: boolean;
    }>;
    const ttl = overrides.filter((o) => o.ttl === true).map((o) => `${o.collectionGroup}.${o.fieldPath}`);
    expect(ttl).toEqual(expect.arrayContaining(['uploadIntents.expiresAt', 'rateLimits.expiresAt']));
  });

  it('deletes zip exports after the days the privacy notice states', () => {
    const rules = JSON.parse(read('storage.lifecycle.json')).rule as Array<{
      action: { type: string };
      condition: { age: number; matchesSuffix: string[] };
    }>;
    const exportsRule = rules.find((r) => r.condition.matchesSuffix.some((s) => s.includes('/exports/')));
    expect(exportsRule?.action.type).toBe('Delete');
    expect(exportsRule?.condition.age).toBe(RETENTION.exportDays);
  });

  it('is applied by deploy', () => {
    const deploy = read('scripts/deploy.mjs');
    expect(deploy).toContain('applyStorageLifecycle');
    expect(deploy).toMatch(/'firestore,storage,functions'/);
  });
});
