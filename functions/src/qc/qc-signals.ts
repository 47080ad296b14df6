import { decodeEmbedding, encodeEmbedding, type PhotoAssessment, SetPhoto } from '@likeness/selfie-qc';
import { z } from 'zod';

/**
 * What set-level QC needs of each judged photo, kept apart from the photo doc: the face embedding is
 * biometric data, so it lives where no security rule lets a browser read it.
 */
export const QcSignalsDoc = SetPhoto.pick({ phash: true, variety: true, subjectHint: true }).extend({
  /** encodeEmbedding: float32 values as a Bytes field (the admin SDK reads it back as a Buffer). */
  embedding: z.custom<Uint8Array>((v) => v instanceof Uint8Array, 'Expected bytes').optional(),
});
export type QcSignalsDoc = z.infer<typeof QcSignalsDoc>;

export function signalsOf(a: PhotoAssessment): QcSignalsDoc {
  return {
    ...(a.embedding && { embedding: encodeEmbedding(a.embedding) }),
    ...(a.phash && { phash: a.phash }),
    ...(a.variety && { variety: a.variety }),
    ...(a.subjectHint && { subjectHint: a.subjectHint }),
  };
}

/** A judged photo as assessSet takes it. */
export function setPhotoOf(
  id: string,
  fileName: string,
  accepted: boolean,
  signals: QcSignalsDoc | undefined,
): SetPhoto {
  return {
    id,
    name: fileName,
    accepted,
    ...(signals?.embedding && { embedding: decodeEmbedding(signals.embedding) }),
    ...(signals?.phash && { phash: signals.phash }),
    ...(signals?.variety && { variety: signals.variety }),
    ...(signals?.subjectHint && { subjectHint: signals.subjectHint }),
  };
}
