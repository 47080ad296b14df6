import { MAX_UPLOADS_PER_ORDER } from '@likeness/core';
import { describe, expect, it } from 'vitest';
import { countsOf, tooManyUploadsMessage, uploadsLeft, withConfirmed } from './photo-counts.js';

describe('photo counters', () => {
  it('start at zero for an order without photos', () => {
    expect(countsOf({})).toEqual({ uploaded: 0, pending: 0, accepted: 0, rejected: 0 });
  });

  it('count confirmed uploads as pending', () => {
    expect(withConfirmed(countsOf({}), 3)).toEqual({ uploaded: 3, pending: 3, accepted: 0, rejected: 0 });
  });

  it('say how many uploads are left, with numbers in the refusal', () => {
    const c = {
      uploaded: MAX_UPLOADS_PER_ORDER - 2,
      pending: 0,
      accepted: 20,
      rejected: MAX_UPLOADS_PER_ORDER - 22,
    };
    expect(uploadsLeft(c)).toBe(2);
    const msg = tooManyUploadsMessage(c, 5);
    expect(msg).toContain(`at most ${MAX_UPLOADS_PER_ORDER}`);
    expect(msg).toContain(`${MAX_UPLOADS_PER_ORDER - 2} uploaded, 5 more requested`);
    expect(msg).toContain('add 2 more');
    expect(uploadsLeft({ ...c, uploaded: MAX_UPLOADS_PER_ORDER + 1 })).toBe(0);
  });
});
