import type { OrderDoc, PhotoCounts, PhotoDoc, QcReason } from '@likeness/core';
import { assessSet, type SetLimits } from '@likeness/selfie-qc';
import { setPhotoOf, type QcSignalsDoc } from './qc-signals.js';

export interface JudgedPhoto {
  id: string;
  doc: PhotoDoc;
  signals: QcSignalsDoc | undefined;
}

export interface SetQcPlan {
  photos: PhotoCounts;
  qc: NonNullable<OrderDoc['qc']>;
  /** Only the photos whose set-level flags changed. */
  setReasons: Map<string, QcReason[]>;
  gateOpen: boolean;
}

const sameReasons = (a: readonly QcReason[] | undefined, b: readonly QcReason[]) =>
  JSON.stringify(a ?? []) === JSON.stringify(b);

/**
 * The order's counters, gate and per-photo set flags from every photo of the order. Pure and total:
 * it recomputes from scratch, so running it twice, or after verdicts landed in any order, gives the
 * same result. Photos are compared in upload order, so the first of two near-copies is the one kept.
 */
export function planSetQc(all: readonly JudgedPhoto[], limits: Partial<SetLimits> = {}): SetQcPlan {
  const byUpload = [...all].sort(
    (a, b) => a.doc.createdAt.toMillis() - b.doc.createdAt.toMillis() || a.id.localeCompare(b.id),
  );
  const judged = byUpload.filter((p) => p.doc.status !== 'pending');
  const set = assessSet(
    judged.map((p) => setPhotoOf(p.id, p.doc.fileName, p.doc.status === 'accepted', p.signals)),
    limits,
  );
  const setReasons = new Map<string, QcReason[]>();
  // perPhoto follows the input order, so it lines up with `judged`.
  set.perPhoto.forEach(({ id, reasons }, i) => {
    if (!sameReasons(judged[i]!.doc.setReasons, reasons)) setReasons.set(id, reasons);
  });
  return {
    photos: {
      uploaded: all.length,
      pending: all.length - judged.length,
      accepted: set.accepted,
      rejected: judged.length - set.accepted,
      distinct: set.distinctAccepted,
      counted: set.samePersonAccepted,
    },
    qc: {
      gateMessage: set.gate.message,
      needed: set.gate.needed,
      tip: set.varietyTip ?? null,
      suggestedClass: set.subjectSuggestion?.class ?? null,
    },
    setReasons,
    gateOpen: set.gate.ok,
  };
}
