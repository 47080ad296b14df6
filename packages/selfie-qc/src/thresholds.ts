import { MAX_PHOTO_PIXELS, MAX_UPLOAD_BYTES, MIN_PHOTO_SIDE_PX } from '@likeness/core';

/**
 * Every number the QC decides on, in one place. Values were calibrated on the fixture set in
 * fixtures/faces (see README: "Calibration") and are deliberately lenient where the evidence is thin:
 * a wrongly rejected selfie costs the customer a retake, a wrongly accepted one only some likeness.
 */
export const QC_LIMITS = {
  maxBytes: MAX_UPLOAD_BYTES,
  maxPixels: MAX_PHOTO_PIXELS,
  minSidePx: MIN_PHOTO_SIDE_PX,
  /**
   * Decoded pixels are capped at this side: enough for a 1024 px crop of a face filling a tenth of
   * the frame, and it keeps a 50 MP upload from holding 150 MB of raw pixels.
   */
  workingMaxSidePx: 4096,
  /** The detector sees at most this; its own inputs are 256 px (boxes) and 192/224 px (mesh/embedding). */
  detectorMaxSidePx: 1024,
} as const;

export const FACE_LIMITS = {
  /**
   * A face counts when the detector is fairly sure of the box or the mesh fits it well. Blurred
   * photos produce phantom faces with box scores of 0.3–0.45 and mesh scores below 0.8, while a real
   * face cut by the frame can score 0.25 on the box and 1.0 on the mesh.
   */
  minBoxScore: 0.5,
  minMeshScore: 0.9,
  /** Faces smaller than this share of the largest face are background people, not a second subject. */
  minSecondFaceRatio: 0.33,
  /**
   * Face span = the longer of forehead-to-chin and cheek-to-cheek on the mesh, in original pixels.
   * Below ~96 px the 1024 px training crop would be a more than 3× upscale.
   */
  minSpanPx: 96,
  /** Span over the photo's shorter side: a full-body or group-distance shot is below this. */
  minSpanShare: 0.12,
  /** Landmarks may stray this fraction of the span outside the frame before the face counts as cut off. */
  cutOffTolerance: 0.02,
  /** Degrees. The mesh model reports about 40° yaw for a full profile, so the cut sits well below. */
  maxYawDeg: 28,
  maxPitchDeg: 25,
  /** Above this roll (degrees) the face is detected again on a levelled image for pose and embedding. */
  realignRollDeg: 10,
} as const;

export const EXPOSURE_LIMITS = {
  /**
   * Too dark when even the brightest 5 % of the face stay below this (0–255): a well-lit darker skin
   * tone still has highlights far above it, an underexposed face does not.
   */
  darkP95: 64,
  /** Blown out when this share of face pixels is clipped white, or the median face pixel is near white. */
  clippedLevel: 250,
  maxClippedShare: 0.25,
  brightP50: 240,
  /** Without a face, the whole frame decides, to explain why no face was found. */
  frameDarkP95: 48,
  frameMaxClippedShare: 0.5,
} as const;

export const SHARPNESS_LIMITS = {
  /** The face region is resized to this square before measuring, so the figure does not depend on face size. */
  sizePx: 128,
  /**
   * libvips' sharpness (std. dev. of a Laplacian) of the contrast-normalised face, measured on the
   * landmarks' bounding box at sizePx. Sharp fixture faces score 1.55–4.9 (the lowest: a 100 px face
   * turned 20°); a 0.8 px blur on a 100 px face scores 0.93, a 2.5 px blur 0.42.
   */
  minLaplacianStdev: 1.25,
  /**
   * Whole-frame sharpness, for when no face is sure: the frame at frameSizePx, cut into frameTilePx
   * tiles (half overlapping); each tile scores its Laplacian std. dev. over its p5–p95 luma range, and
   * the sharpest tile stands for the frame, so a sharp subject on a plain wall still reads sharp.
   * Tiles flatter than frameMinContrast levels are skipped (a plain wall has no edge to judge). Sharp
   * fixture frames score 0.20–1.08 (the lowest: a strip of the portrait enlarged 3.2×), small faces
   * on 12 MP walls 0.45–0.92; a 2.5 px blur of the 512 px portrait 0.08, and the heavy blurs that make
   * phantom faces (σ 5–16 px at 512 px, on both portraits and at 2000 px) 0.046–0.084.
   */
  frameSizePx: 512,
  frameTilePx: 64,
  frameMinContrast: 24,
  minFrameSharpness: 0.12,
} as const;

/**
 * A face too small for the full-frame detector pass (BlazeFace sees the whole frame at 256 px, where
 * a face a few percent of the width is a dozen pixels) is looked for again on square tiles, so that
 * a distant face is reported as too small rather than as missing. Runs only when nothing else
 * explains a missing face.
 */
export const SMALL_FACE_SEARCH = {
  /**
   * Tile side over the photo's shorter side: 3 × 2 tiles on a 4:3 photo. On 4000 × 3000 frames it
   * found most faces spanning 2.2–3.5 % of the width that the full frame missed, few below 2 %.
   */
  tileShare: 0.6,
  /** Neighbouring tiles overlap by at least a quarter, so a face on a seam is whole in one of them. */
  maxStride: 0.75,
  /**
   * Working short side below which the search is skipped: there the faces it could add span well
   * under minSpanPx, and no-face photos of that size (the coffee and cat fixtures) keep one pass.
   */
  minShortSidePx: 1000,
  /**
   * Both the detector and the mesh must be fairly sure: on a tile either alone lets patterns through.
   * Distant real faces scored 0.55–0.86 on the box and 0.86–1.0 on the mesh; the cat's face on tiles
   * 0.50–0.57 and 0.29–0.94, so a tile's face must also be below the size limit (detectSmallFaces).
   */
  minBoxScore: 0.5,
  minMeshScore: 0.8,
} as const;

export const CROP = {
  sizePx: 1024,
  /** Crop side over face span: head and shoulders. */
  spanRatio: 3.2,
  /** Crop centre below the face centre, in spans, so shoulders rather than sky fill the frame. */
  centreDrop: 0.3,
  jpegQuality: 92,
  /** Share of a full histogram equalisation blended in: lifts flat or dim light without an overcooked look. */
  equaliseStrength: 0.3,
  thumbSidePx: 320,
  thumbQuality: 75,
} as const;

export const SET_LIMITS = {
  /**
   * Cosine similarity to the set's medoid below which a face is someone else. Different people in the
   * fixtures score 0.28–0.43 against each other, edits of one photo 0.89–0.99.
   */
  samePersonMinCosine: 0.5,
  /** Crops, flips and rotations of one shot score ≥ 0.95 once levelled; separate shots rarely do. */
  duplicateMinCosine: 0.94,
  /** Re-encodes and resizes land within ~4 of 64 bits; different photos 20+ apart. */
  duplicateMaxHamming: 6,
  /** Variety: a tip when at least this share of the distinct photos look alike on one axis. */
  varietyMinPhotos: 5,
  varietyAlikeShare: 0.8,
  poseToleranceDeg: 8,
  lightingToleranceLuma: 14,
  backgroundToleranceRgb: 24,
} as const;
