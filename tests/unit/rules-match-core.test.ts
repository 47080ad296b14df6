import { PLANS, STYLES } from '@likeness/core';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

// firestore.rules cannot import core, so it repeats the catalog; this keeps the two in step.
const rules = readFileSync(new URL('../../firestore.rules', import.meta.url), 'utf8');

describe('firestore.rules mirrors core', () => {
  it('lists exactly the catalog style ids', () => {
    const block = /function styleIds\(\) \{\s*return \[([^\]]*)\]/.exec(rules)?.[1] ?? '';
    const ids = [...block.matchAll(/'([^']+)'/g)].map((m) => m[1]).sort();
    expect(ids).toEqual(STYLES.map((s) => s.id).sort());
  });
  it('uses the plans’ style limits', () => {
    for (const plan of Object.values(PLANS)) {
      expect(rules).toContain(`'${plan.id}': ${plan.maxStyles}`);
    }
  });
});
