import { EXPOSURE_LIMITS, FACE_LIMITS, SHARPNESS_LIMITS } from '@likeness/selfie-qc/thresholds';
import type { FaceMeasures } from './face-measures';

/** One face the browser's models found in a camera frame, in the frame's own pixels. */
export interface FaceReading {
  /** Longer of forehead-to-chin and cheek-to-cheek on the mesh, as the server measures it. */
  span: number;
  /** Midpoint of forehead top and chin. */
  centre: [number, number];
  /** The mesh's bounding box. */
  bounds: { left: number; top: number; right: number; bottom: number };
  yawDeg: number;
  pitchDeg: number;
  boxScore: number;
  meshScore: number;
}

export interface FrameReading {
  width: number;
  height: number;
  faces: FaceReading[];
  /** Exposure and sharpness of the largest face (see face-measures); absent when there is none. */
  measures?: FaceMeasures;
}

export type GuidanceCode =
  | 'no_face'
  | 'several_faces'
  | 'cut_off'
  | 'too_far'
  | 'too_close'
  | 'move_left'
  | 'move_right'
  | 'move_up'
  | 'move_down'
  | 'turned'
  | 'tilted'
  | 'too_dark'
  | 'too_bright'
  | 'blurry'
  | 'ready';

export interface Guidance {
  code: GuidanceCode;
  /** True only when the frame would pass the server's photo checks, with the margins below. */
  ready: boolean;
  message: string;
}

/**
 * Where the camera asks for more than QC needs. The server's limits (packages/selfie-qc thresholds)
 * decide; these margins keep a frame that barely passes here from failing there, where the shot is
 * measured again on the JPEG. Size and centring are the camera's own: QC accepts a face filling an
 * eighth of the frame, but a head-and-shoulders crop wants it larger and away from the edges.
 */
export const CAPTURE_GUIDE = {
  /** Degrees taken off the server's yaw and pitch limits. */
  poseMarginDeg: 6,
  /** Sharpness must beat the server's limit by this factor (the browser's figure is within 3 %). */
  sharpnessMargin: 1.15,
  /** Luma levels of headroom on the dark and bright limits. */
  exposureMarginLevels: 8,
  /**
   * Face span over the frame's shorter side. The training crop is 3.2 spans wide (CROP.spanRatio),
   * so above about 0.3 it runs past the frame's edges; well above that the face is too close.
   */
  minSpanShare: 0.2,
  maxSpanShare: 0.6,
  /** How far the face centre may sit from the middle, as a share of the frame's width. */
  maxOffCentre: 0.16,
  /**
   * Where the face centre may sit from the top, as a share of the frame's height: a head-and-shoulders
   * selfie has the face above the middle (the oval sits there too), and the crop needs shoulders.
   */
  faceCentreTop: { min: 0.22, max: 0.6 },
} as const;

const MESSAGES: Record<GuidanceCode, string> = {
  no_face: 'Looking for your face… Face the camera with your whole face in the oval.',
  several_faces: 'Only you, please: more than one face is in view.',
  cut_off: 'Your face is cut off at the edge. Move back a little.',
  too_far: 'Come a little closer.',
  too_close: 'Move back a little.',
  move_left: 'Move a little to your left.',
  move_right: 'Move a little to your right.',
  move_up: 'Raise the camera a little, or lower your face.',
  move_down: 'Lower the camera a little, or raise your face.',
  turned: 'Turn your face towards the camera.',
  tilted: 'Keep your chin level.',
  too_dark: 'Too dark: face a window or a lamp.',
  too_bright: 'Too bright: step out of direct light.',
  blurry: 'Hold still…',
  ready: 'Looks good: take the shot.',
};

const say = (code: GuidanceCode): Guidance => ({ code, ready: code === 'ready', message: MESSAGES[code] });

/** The same rule as the server's subject faces: sure faces, minus small background ones. */
function subjects(faces: FaceReading[]): FaceReading[] {
  const sure = faces
    .filter((f) => f.boxScore >= FACE_LIMITS.minBoxScore || f.meshScore >= FACE_LIMITS.minMeshScore)
    .sort((a, b) => b.span - a.span);
  const largest = sure[0];
  if (!largest) return [];
  return sure.filter((f) => f.span >= largest.span * FACE_LIMITS.minSecondFaceRatio);
}

/**
 * One instruction for one frame: the first thing that would stop the shot, most basic first (as
 * QC lists its reasons). `mirrored`: the preview is shown as a mirror, so left and right are the
 * customer's own, not the camera's.
 */
export function guide(frame: FrameReading, { mirrored = true }: { mirrored?: boolean } = {}): Guidance {
  const faces = subjects(frame.faces);
  if (faces.length === 0) return say('no_face');
  if (faces.length > 1) return say('several_faces');
  const face = faces[0]!;
  // A face the detector is unsure of passes QC only through its mesh; the camera waits for a sure one.
  if (face.boxScore < FACE_LIMITS.minBoxScore) return say('no_face');

  const shortSide = Math.min(frame.width, frame.height);
  const slack = FACE_LIMITS.cutOffTolerance * face.span;
  const { left, top, right, bottom } = face.bounds;
  if (left < -slack || top < -slack || right > frame.width + slack || bottom > frame.height + slack)
    return say('cut_off');
  const share = face.span / shortSide;
  if (share < CAPTURE_GUIDE.minSpanShare || face.span < FACE_LIMITS.minSpanPx) return say('too_far');
  if (share > CAPTURE_GUIDE.maxSpanShare) return say('too_close');

  // Positive: the face sits to the right of centre as the customer sees the preview.
  const dx = (face.centre[0] - frame.width / 2) / frame.width;
  const seenDx = mirrored ? -dx : dx;
  // In a mirror, stepping to your left moves your image to the left of the screen.
  if (seenDx > CAPTURE_GUIDE.maxOffCentre) return say('move_left');
  if (seenDx < -CAPTURE_GUIDE.maxOffCentre) return say('move_right');
  const fromTop = face.centre[1] / frame.height;
  if (fromTop > CAPTURE_GUIDE.faceCentreTop.max) return say('move_down');
  if (fromTop < CAPTURE_GUIDE.faceCentreTop.min) return say('move_up');

  if (Math.abs(face.yawDeg) > FACE_LIMITS.maxYawDeg - CAPTURE_GUIDE.poseMarginDeg) return say('turned');
  if (Math.abs(face.pitchDeg) > FACE_LIMITS.maxPitchDeg - CAPTURE_GUIDE.poseMarginDeg) return say('tilted');

  const measures = frame.measures;
  if (!measures) return say('no_face');
  const margin = CAPTURE_GUIDE.exposureMarginLevels;
  if (measures.luma.p95 < EXPOSURE_LIMITS.darkP95 + margin) return say('too_dark');
  if (
    measures.luma.clippedShare > EXPOSURE_LIMITS.maxClippedShare * 0.8 ||
    measures.luma.p50 >= EXPOSURE_LIMITS.brightP50 - margin
  )
    return say('too_bright');
  if (measures.sharpness < SHARPNESS_LIMITS.minLaplacianStdev * CAPTURE_GUIDE.sharpnessMargin)
    return say('blurry');
  return say('ready');
}

/**
 * What to change before the next shot: QC's variety tip comes from sets of alike photos (same pose,
 * same light), so the camera asks for the difference up front. The first shot is plain.
 */
export const VARIETY_PROMPTS = [
  'Look straight at the camera.',
  'Turn your head a little to your left.',
  'Turn your head a little to your right.',
  'Smile.',
  'Find other light: another window, another room, or outside.',
  'Tilt your head a little.',
  'Change something: hair up or down, another top, a jacket.',
] as const;

export function varietyPrompt(shotsTaken: number): string {
  return VARIETY_PROMPTS[shotsTaken % VARIETY_PROMPTS.length]!;
}
