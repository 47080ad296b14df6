import { describe, expect, it } from 'vitest';
import { MIN_ACCEPTED_PHOTOS } from './qc.js';
import { EMPTY_SET_GATE, orderGate, setGate } from './qc-set.js';

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

describe('orderGate', () => {
  it('reads the gate set-level QC wrote, open exactly while the order is ready', () => {
    const qc = { gateMessage: '2 more good photos needed (at least 10).', needed: 2 };
    expect(orderGate({ status: 'uploading', qc })).toEqual({
      open: false,
      needed: 2,
      message: qc.gateMessage,
    });
    expect(
      orderGate({ status: 'ready', qc: { gateMessage: '10 good photos — ready for checkout.', needed: 0 } }),
    ).toMatchObject({ open: true, needed: 0 });
  });

  it('asks for the full set before any photo is judged', () => {
    expect(orderGate({ status: 'draft' })).toEqual({
      open: false,
      needed: MIN_ACCEPTED_PHOTOS,
      message: EMPTY_SET_GATE.message,
    });
    expect(EMPTY_SET_GATE.message).toContain(`${MIN_ACCEPTED_PHOTOS} more good photos needed`);
  });
});
