import { MIN_ACCEPTED_PHOTOS, type PhotoDoc } from '@likeness/core';
import { encodeEmbedding } from '@likeness/selfie-qc';
import { describe, expect, it } from 'vitest';
import { planSetQc, type JudgedPhoto } from './set-qc-plan.js';

const DIM = 32;
const axis = (i: number) => Array.from({ length: DIM }, (_, k) => (k === i ? 1 : 0));
/** Shot `i` of the person on axis 0: cosine 0.81 to every other shot, so distinct but the same face. */
const shot = (i: number) => axis(0).map((x, k) => 0.9 * x + 0.436 * axis(i + 1)[k]!);
const stranger = axis(DIM - 1);

let n = 0;
function judged(embedding: number[] | null, over: Partial<PhotoDoc> = {}): JudgedPhoto {
  n++;
  const id = `p${String(n).padStart(3, '0')}`;
  return {
    id,
    doc: {
      uid: 'u1',
      orderId: 'o1',
      fileName: `IMG_${n}.jpg`,
      contentType: 'image/jpeg',
      size: 1000,
      storagePath: `x/${id}`,
      status: 'accepted',
      reasons: [],
      createdAt: { toMillis: () => n },
      ...over,
    },
    signals: embedding ? { embedding: encodeEmbedding(embedding) } : undefined,
  };
}

describe('planSetQc', () => {
  it('counts every photo, and only distinct photos of one person towards the gate', () => {
    const first = judged(shot(0));
    const photos = [
      first,
      judged(shot(0), { fileName: 'copy.jpg' }),
      judged(shot(1)),
      judged(stranger, { fileName: 'friend.jpg' }),
      judged(null, { status: 'rejected', reasons: [{ code: 'no_face', message: 'no face' }] }),
      judged(null, { status: 'pending' }),
    ];
    const plan = planSetQc(photos);
    expect(plan.photos).toEqual({
      uploaded: 6,
      pending: 1,
      accepted: 4,
      rejected: 1,
      distinct: 3,
      counted: 2,
    });
    expect(plan.gateOpen).toBe(false);
    expect(plan.qc.needed).toBe(MIN_ACCEPTED_PHOTOS - 2);
    expect(plan.qc.gateMessage).toMatch(
      /1 photo is a near-copy of another; 1 photo seems to show someone else/,
    );
    const flags = Object.fromEntries([...plan.setReasons].map(([id, r]) => [id, r.map((x) => x.code)]));
    // Photos that had no flags and still have none are not rewritten.
    expect(flags).toEqual({ [photos[1]!.id]: ['duplicate'], [photos[3]!.id]: ['different_person'] });
    expect(plan.setReasons.get(photos[1]!.id)![0]!.message).toContain(first.doc.fileName);
  });

  it('keeps the earlier upload of two near-copies, whatever order the verdicts arrived in', () => {
    const early = judged(shot(2));
    const late = judged(shot(2));
    const plan = planSetQc([late, early]);
    expect(plan.setReasons.get(late.id)!.map((r) => r.code)).toEqual(['duplicate']);
    expect(plan.setReasons.has(early.id)).toBe(false);
  });

  it('opens the gate at the minimum and clears flags that no longer hold', () => {
    const photos = Array.from({ length: MIN_ACCEPTED_PHOTOS }, (_, i) => judged(shot(i)));
    const stale = [{ code: 'different_person' as const, message: 'someone else' }];
    photos[0]!.doc.setReasons = stale;
    photos[1]!.doc.setReasons = [];
    const plan = planSetQc(photos);
    expect(plan.gateOpen).toBe(true);
    expect(plan.photos.counted).toBe(MIN_ACCEPTED_PHOTOS);
    expect([...plan.setReasons]).toEqual([[photos[0]!.id, []]]);
    expect(plan.qc).toMatchObject({ needed: 0, tip: null });
  });

  it('applies a tuned near-copy threshold', () => {
    const a = judged(shot(3));
    const b = judged(shot(3).map((x, k) => x + (k === 30 ? 0.2 : 0)));
    expect(planSetQc([a, b]).photos.distinct).toBe(1);
    expect(planSetQc([a, b], { duplicateMinCosine: 0.999 }).photos.distinct).toBe(2);
  });

  it('is stable: planning again after applying the flags changes nothing', () => {
    const photos = [judged(shot(4)), judged(shot(4)), judged(stranger)];
    const first = planSetQc(photos);
    for (const p of photos) p.doc.setReasons = first.setReasons.get(p.id) ?? p.doc.setReasons;
    expect(planSetQc(photos).setReasons.size).toBe(0);
  });
});
