import { z } from 'zod';
import { type QcReason, type QcTip, setGate, type SetGateResult, SubjectClass } from '@likeness/core';
import { qcReason, type VarietyAxis, varietyTip } from './reasons.js';
import type { SubjectHint } from './signals.js';
import { SET_LIMITS } from './thresholds.js';

/**
 * Set-level QC: pure, synchronous, no models. Runs on what assessPhoto stored for each photo, so the
 * trigger can re-run it over the whole order whenever a photo's verdict lands.
 */

const VarietySignatureSchema = z.object({
  yawDeg: z.number().finite(),
  pitchDeg: z.number().finite(),
  faceLuma: z.number().finite(),
  sideLight: z.number().finite(),
  background: z.array(z.number().finite()).length(6),
});

export const SetPhoto = z.object({
  id: z.string().min(1),
  /** The customer's file name, for sentences that name the photo. */
  name: z.string(),
  /** The per-photo verdict: only accepted photos take part in the set checks. */
  accepted: z.boolean(),
  embedding: z.array(z.number().finite()).min(1).optional(),
  phash: z
    .string()
    .regex(/^[0-9a-f]{16}$/)
    .optional(),
  variety: VarietySignatureSchema.optional(),
  subjectHint: z.object({ class: SubjectClass, confidence: z.number().min(0).max(1) }).optional(),
});
export type SetPhoto = z.input<typeof SetPhoto>;
export const SetPhotos = z.array(SetPhoto);

export interface SetAssessment {
  /** One entry per input photo, in input order; reasons are set-level only (duplicate, different_person). */
  perPhoto: { id: string; reasons: QcReason[] }[];
  accepted: number;
  /** Accepted photos, near-duplicates counted once. */
  distinctAccepted: number;
  /** Distinct accepted photos of the set's person: what the gate counts. */
  samePersonAccepted: number;
  gate: SetGateResult;
  /** The photo whose face is most typical of the set (the medoid), when there are two or more. */
  identityPhotoId?: string;
  varietyTip?: QcTip;
  /** A default for the subject-class picker; the customer's choice wins. */
  subjectSuggestion?: SubjectHint;
}

type Photo = z.output<typeof SetPhoto>;

export function cosineSimilarity(a: readonly number[], b: readonly number[]): number {
  if (a.length !== b.length) throw new Error(`embeddings differ in length: ${a.length} vs ${b.length}`);
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i++) {
    dot += a[i]! * b[i]!;
    na += a[i]! * a[i]!;
    nb += b[i]! * b[i]!;
  }
  return na === 0 || nb === 0 ? 0 : dot / Math.sqrt(na * nb);
}

export function hammingDistanceHex(a: string, b: string): number {
  let bits = 0;
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    let x = parseInt(a[i] ?? '0', 16) ^ parseInt(b[i] ?? '0', 16);
    for (; x; x &= x - 1) bits++;
  }
  return bits;
}

/** Embedding thresholds an operator may tune (functions config); the rest are fixed. */
export interface SetLimits {
  duplicateMinCosine: number;
  samePersonMinCosine: number;
}

function isNearDuplicate(a: Photo, b: Photo, limits: SetLimits): boolean {
  if (a.phash && b.phash && hammingDistanceHex(a.phash, b.phash) <= SET_LIMITS.duplicateMaxHamming)
    return true;
  // Crops, flips and rotations move the hash as far as a different photo would; the face does not move.
  return !!(
    a.embedding &&
    b.embedding &&
    cosineSimilarity(a.embedding, b.embedding) >= limits.duplicateMinCosine
  );
}

/**
 * The item with the least total dissimilarity to the others; ties go to the earlier one. Also the
 * customer's reference face for scoring headshots (functions/src/training/likeness-reference.ts).
 */
export function medoid<T extends { embedding: readonly number[] }>(photos: readonly T[]): T {
  let best = photos[0]!;
  let bestCost = Infinity;
  for (const p of photos) {
    let cost = 0;
    for (const q of photos) if (p !== q) cost += 1 - cosineSimilarity(p.embedding, q.embedding);
    if (cost < bestCost - 1e-9) {
      best = p;
      bestCost = cost;
    }
  }
  return best;
}

const AXES: Record<
  VarietyAxis,
  (a: z.output<typeof VarietySignatureSchema>, b: z.output<typeof VarietySignatureSchema>) => boolean
> = {
  pose: (a, b) =>
    Math.abs(a.yawDeg - b.yawDeg) <= SET_LIMITS.poseToleranceDeg &&
    Math.abs(a.pitchDeg - b.pitchDeg) <= SET_LIMITS.poseToleranceDeg,
  lighting: (a, b) =>
    Math.abs(a.faceLuma - b.faceLuma) <= SET_LIMITS.lightingToleranceLuma &&
    Math.abs(a.sideLight - b.sideLight) <= SET_LIMITS.lightingToleranceLuma,
  background: (a, b) =>
    [0, 3].every(
      (at) =>
        Math.hypot(
          a.background[at]! - b.background[at]!,
          a.background[at + 1]! - b.background[at + 1]!,
          a.background[at + 2]! - b.background[at + 2]!,
        ) <= SET_LIMITS.backgroundToleranceRgb,
    ),
};

/** Axes on which most photos look alike: the largest group of photos alike to one photo. */
function monotonousAxes(photos: readonly Photo[]): VarietyAxis[] {
  const signatures = photos.flatMap((p) => (p.variety ? [p.variety] : []));
  if (signatures.length < SET_LIMITS.varietyMinPhotos) return [];
  return (Object.keys(AXES) as VarietyAxis[]).filter((axis) => {
    const alike = AXES[axis];
    const largest = Math.max(...signatures.map((s) => signatures.filter((t) => alike(s, t)).length));
    return largest / signatures.length >= SET_LIMITS.varietyAlikeShare;
  });
}

/** Confidence-weighted vote over the photos' hints; 'person' unless one class clearly leads. */
function suggestSubject(photos: readonly Photo[]): SubjectHint | undefined {
  const hints = photos.flatMap((p) => (p.subjectHint ? [p.subjectHint] : []));
  if (hints.length === 0) return undefined;
  const weight = (c: SubjectClass) =>
    hints.filter((h) => h.class === c).reduce((sum, h) => sum + h.confidence, 0);
  const man = weight('man');
  const woman = weight('woman');
  const [lead, other, cls] = man >= woman ? [man, woman, 'man' as const] : [woman, man, 'woman' as const];
  if (lead >= 0.5 * hints.length && other <= 0.25 * lead)
    return { class: cls, confidence: Math.round((lead / hints.length) * 100) / 100 };
  return { class: 'person', confidence: Math.round((1 - (lead - other) / hints.length) * 100) / 100 };
}

export function assessSet(input: readonly SetPhoto[], tuned: Partial<SetLimits> = {}): SetAssessment {
  const photos = SetPhotos.parse(input);
  const limits: SetLimits = { ...SET_LIMITS, ...tuned };
  const reasons = new Map<string, QcReason[]>(photos.map((p) => [p.id, []]));
  const accepted = photos.filter((p) => p.accepted);

  // Near-duplicates first, so that many copies of one photo cannot outvote the rest in the medoid.
  const distinct: Photo[] = [];
  for (const photo of accepted) {
    const original = distinct.find((kept) => isNearDuplicate(kept, photo, limits));
    if (original)
      reasons.get(photo.id)!.push(qcReason('duplicate', { photoName: photo.name, otherName: original.name }));
    else distinct.push(photo);
  }

  const comparable = distinct.filter((p): p is Photo & { embedding: number[] } => !!p.embedding);
  const identity = comparable.length >= 2 ? medoid(comparable) : undefined;
  const samePerson = distinct.filter((p) => {
    if (!identity || !p.embedding || p === identity) return true;
    if (cosineSimilarity(p.embedding, identity.embedding) >= limits.samePersonMinCosine) return true;
    reasons.get(p.id)!.push(qcReason('different_person', { photoName: p.name }));
    return false;
  });

  const axes = monotonousAxes(samePerson);
  const subjectSuggestion = suggestSubject(samePerson);
  return {
    perPhoto: photos.map((p) => ({ id: p.id, reasons: reasons.get(p.id)! })),
    accepted: accepted.length,
    distinctAccepted: distinct.length,
    samePersonAccepted: samePerson.length,
    gate: setGate({ accepted: accepted.length, distinct: distinct.length, samePerson: samePerson.length }),
    ...(identity && { identityPhotoId: identity.id }),
    ...(axes.length > 0 && { varietyTip: varietyTip(axes) }),
    ...(subjectSuggestion && { subjectSuggestion }),
  };
}
