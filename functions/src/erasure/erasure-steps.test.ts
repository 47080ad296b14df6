import { COLLECTIONS, OrderDoc } from '@likeness/core';
import { describe, expect, it } from 'vitest';
import {
  ERASURE_STEPS,
  PERSONAL_ORDER_FIELDS,
  RECORD_COLLECTIONS,
  STORAGE_FOLDERS,
  stepsLeft,
} from './erasure-steps.js';

describe('the deletion routine', () => {
  it('stops work before it deletes anything, and the provider model before our copy', () => {
    expect(ERASURE_STEPS[0]).toBe('stop-work');
    expect(ERASURE_STEPS.indexOf('provider-model')).toBeLessThan(ERASURE_STEPS.indexOf('storage'));
    expect(ERASURE_STEPS.at(-1)).toBe('finish');
  });

  it('resumes after the last finished step', () => {
    expect(stepsLeft([])).toEqual([...ERASURE_STEPS]);
    expect(stepsLeft(['stop-work', 'provider-model'])).toEqual(['storage', 'records', 'finish']);
    expect(stepsLeft([...ERASURE_STEPS])).toEqual([]);
  });

  it('keeps the headshots when only the training data goes, and deletes every subcollection otherwise', () => {
    expect(RECORD_COLLECTIONS['training-data']).not.toContain(COLLECTIONS.images);
    expect(STORAGE_FOLDERS['training-data']).not.toContain('images/');
    expect(STORAGE_FOLDERS['training-data']).toEqual(
      expect.arrayContaining(['uploads/', 'crops/', 'training/']),
    );
    const everyOrderSubcollection = [
      COLLECTIONS.photos,
      COLLECTIONS.qcSignals,
      COLLECTIONS.uploadIntents,
      COLLECTIONS.private,
      COLLECTIONS.images,
      COLLECTIONS.jobs,
    ];
    expect([...RECORD_COLLECTIONS.everything].sort()).toEqual([...everyOrderSubcollection].sort());
    expect(STORAGE_FOLDERS.everything).toBe('all');
  });

  it('strips only optional fields from a deleted order, so its tombstone still parses', () => {
    const required = Object.entries(OrderDoc.shape)
      .filter(([, schema]) => !schema.safeParse(undefined).success)
      .map(([key]) => key);
    for (const field of PERSONAL_ORDER_FIELDS) expect(required).not.toContain(field);
  });
});
