import { describe, expect, it } from 'vitest';
import { MIN_ACCEPTED_PHOTOS } from './qc.js';
import { checkoutGate, checkoutGateForPhotos, setGate } from './qc-set.js';

describe('setGate', () => {
  it('opens with enough accepted, distinct, same-person photos', () => {
    const n = MIN_ACCEPTED_PHOTOS;
    expect(setGate({ accepted: n, distinct: n, samePerson: n })).toMatchObject({
      ok: true,
      needed: 0,
      counted: n,
    });
  });

  it('counts only distinct same-person photos and says why others do not count', () => {
    const gate = setGate({ accepted: 12, distinct: 8, samePerson: 7 });
    expect(gate).toMatchObject({ ok: false, needed: MIN_ACCEPTED_PHOTOS - 7, counted: 7 });
    expect(gate.message).toBe(
      `${MIN_ACCEPTED_PHOTOS - 7} more good photos needed (at least ${MIN_ACCEPTED_PHOTOS}). ` +
        '4 photos are near-copies of another; 1 photo seems to show someone else.',
    );
  });

  it('uses the singular for one missing photo and ignores inconsistent counts', () => {
    expect(setGate({ accepted: MIN_ACCEPTED_PHOTOS - 1, distinct: 99, samePerson: 99 }).message).toBe(
      `1 more good photo needed (at least ${MIN_ACCEPTED_PHOTOS}).`,
    );
  });
});

describe('checkoutGateForPhotos', () => {
  const ok = { status: 'accepted' };
  const copy = { status: 'accepted', setReasons: [{ code: 'duplicate' }] };
  const stranger = { status: 'accepted', setReasons: [{ code: 'different_person' }] };

  it('counts accepted photos without set-level flags, as the server does', () => {
    const photos = [...Array(MIN_ACCEPTED_PHOTOS - 1).fill(ok), copy, stranger, { status: 'rejected' }];
    const gate = checkoutGateForPhotos(photos);
    expect(gate).toMatchObject({ ok: false, needed: 1, counted: MIN_ACCEPTED_PHOTOS - 1 });
    expect(gate.message).toContain('1 photo is a near-copy of another; 1 photo seems to show someone else');
    expect(checkoutGateForPhotos([...photos, { status: 'accepted', setReasons: [] }]).ok).toBe(true);
  });

  it('matches checkoutGate on stored counters', () => {
    expect(checkoutGate({ accepted: 3, distinct: 2, counted: 1 })).toEqual(
      checkoutGateForPhotos([ok, copy, stranger]),
    );
    expect(checkoutGate({ accepted: 4 })).toEqual(checkoutGateForPhotos([ok, ok, ok, ok]));
  });
});
