export { createSelfieQc, type SelfieQc, type SelfieQcOptions } from './selfie-qc.js';
export type { AssessPhotoOptions, FaceSummary, PhotoAssessment, VarietySignature } from './assess-photo.js';
export type { PhotoFormat } from './decode.js';
export type { SubjectHint } from './signals.js';
export { qcReason, type ReasonContext } from './reasons.js';
export {
  CROP,
  EXPOSURE_LIMITS,
  FACE_LIMITS,
  QC_LIMITS,
  SET_LIMITS,
  SHARPNESS_LIMITS,
  SMALL_FACE_SEARCH,
} from './thresholds.js';
export {
  assessSet,
  cosineSimilarity,
  hammingDistanceHex,
  medoid,
  SetPhoto,
  SetPhotos,
  type SetAssessment,
  type SetLimits,
} from './assess-set.js';
export { decodeEmbedding, encodeEmbedding } from './embedding-codec.js';
