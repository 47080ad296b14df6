import sharp from 'sharp';
import type { RgbImage } from './decode.js';
import type { FaceResult, Human } from './face-models.js';
import {
  centroid,
  distance,
  lineAngleDeg,
  type Point,
  rotateVector,
  rotatedSize,
  toDegrees,
} from './geometry.js';
import { FACE_LIMITS, QC_LIMITS } from './thresholds.js';

/** MediaPipe face-mesh landmarks (human's 468-point mesh follows that topology). */
const MESH = { foreheadTop: 10, chin: 152, rightCheek: 234, leftCheek: 454 } as const;

/** One face, in the coordinates of the working image. */
export interface FaceObservation {
  /** The detector's box [x, y, w, h]: forehead to chin with some margin. */
  box: [number, number, number, number];
  mesh: Point[];
  /** Longer of forehead-to-chin and cheek-to-cheek: a size that does not change with roll. */
  span: number;
  /** Midpoint of forehead top and chin. */
  centre: Point;
  /** The subject's eyes (their left is on the image's right for a frontal face). */
  leftEye: Point;
  rightEye: Point;
  /** Degrees; roll from the eye line, positive when the head leans clockwise on screen. */
  rollDeg: number;
  yawDeg: number;
  pitchDeg: number;
  boxScore: number;
  meshScore: number;
  embedding?: number[];
  age?: number;
  gender?: 'male' | 'female';
  genderScore?: number;
}

export interface FaceDetection {
  /** Confident faces large enough to be a subject, largest first. */
  faces: FaceObservation[];
  /** Whether pose and embedding of faces[0] come from a second pass on a levelled image. */
  realigned: boolean;
}

type Tf = {
  tensor3d(values: Uint8Array, shape: [number, number, number], dtype: 'int32'): { dispose(): void };
};

async function runDetector(human: Human, image: RgbImage): Promise<FaceResult[]> {
  const tf = human.tf as Tf;
  const input = tf.tensor3d(
    new Uint8Array(image.data.buffer, image.data.byteOffset, image.data.byteLength),
    [image.height, image.width, 3],
    'int32',
  );
  try {
    const result = await human.detect(input as Parameters<Human['detect']>[0]);
    if (result.error) throw new Error(`face detector: ${result.error}`);
    return result.face;
  } finally {
    input.dispose();
  }
}

async function toDetectorInput(working: RgbImage): Promise<RgbImage> {
  const side = QC_LIMITS.detectorMaxSidePx;
  if (Math.max(working.width, working.height) <= side) return working;
  const { data, info } = await sharp(working.data, {
    raw: { width: working.width, height: working.height, channels: 3 },
  })
    .resize(side, side, { fit: 'inside' })
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height };
}

function observe(face: FaceResult, scale: number): FaceObservation | null {
  if (face.mesh.length < 468) return null;
  const mesh: Point[] = face.mesh.map((p) => [p[0] * scale, p[1] * scale] as const);
  const at = (i: number) => mesh[i]!;
  type MeshPoint = readonly [number, number, number?];
  const eye = (upper: readonly MeshPoint[] | undefined, lower: readonly MeshPoint[] | undefined) =>
    centroid([...(upper ?? []), ...(lower ?? [])].map((p) => [p[0] * scale, p[1] * scale] as const));
  const leftEye = eye(face.annotations.leftEyeUpper0, face.annotations.leftEyeLower0);
  const rightEye = eye(face.annotations.rightEyeUpper0, face.annotations.rightEyeLower0);
  const angle = face.rotation?.angle;
  const observation: FaceObservation = {
    box: [face.box[0] * scale, face.box[1] * scale, face.box[2] * scale, face.box[3] * scale],
    mesh,
    span: Math.max(
      distance(at(MESH.foreheadTop), at(MESH.chin)),
      distance(at(MESH.rightCheek), at(MESH.leftCheek)),
    ),
    centre: centroid([at(MESH.foreheadTop), at(MESH.chin)]),
    leftEye,
    rightEye,
    // The subject's right eye is on the image's left: the line right → left eye is level when upright.
    rollDeg: lineAngleDeg(rightEye, leftEye),
    yawDeg: angle ? toDegrees(angle.yaw) : 0,
    pitchDeg: angle ? toDegrees(angle.pitch) : 0,
    boxScore: face.boxScore,
    meshScore: face.faceScore,
  };
  if (face.embedding && face.embedding.length > 0) observation.embedding = Array.from(face.embedding);
  if (face.age !== undefined) observation.age = face.age;
  if (face.gender === 'male' || face.gender === 'female') {
    observation.gender = face.gender;
    if (face.genderScore !== undefined) observation.genderScore = face.genderScore;
  }
  return observation;
}

/** Phantom faces (blur, patterns) and background people are dropped here; see FACE_LIMITS. */
function subjectFaces(all: FaceObservation[]): FaceObservation[] {
  const confident = all
    .filter((f) => f.boxScore >= FACE_LIMITS.minBoxScore || f.meshScore >= FACE_LIMITS.minMeshScore)
    .sort((a, b) => b.span - a.span);
  const largest = confident[0];
  if (!largest) return [];
  return confident.filter((f) => f.span >= largest.span * FACE_LIMITS.minSecondFaceRatio);
}

/**
 * Pose angles and embeddings degrade on rolled faces (a sideways photo reads as 110° yaw, and its
 * embedding drifts), so a clearly rolled face is detected again on a copy turned upright.
 */
async function realign(
  human: Human,
  input: RgbImage,
  face: FaceObservation,
  scale: number,
): Promise<FaceObservation | null> {
  const turn = -face.rollDeg;
  const { data, info } = await sharp(input.data, {
    raw: { width: input.width, height: input.height, channels: 3 },
  })
    .rotate(turn, { background: { r: 128, g: 128, b: 128 } })
    .raw()
    .toBuffer({ resolveWithObject: true });
  const levelled = { data, width: info.width, height: info.height };
  // Where the face centre lands on the turned canvas, to pick the same face again.
  const fromCentre: Point = [
    face.centre[0] / scale - input.width / 2,
    face.centre[1] / scale - input.height / 2,
  ];
  const moved = rotateVector(fromCentre, turn);
  const size = rotatedSize(input.width, input.height, turn);
  const expected: Point = [moved[0] + size.width / 2, moved[1] + size.height / 2];
  const candidates = (await runDetector(human, levelled))
    .map((f) => observe(f, 1))
    .filter((f): f is FaceObservation => f !== null && distance(f.centre, expected) < f.span);
  return candidates.sort((a, b) => b.span - a.span)[0] ?? null;
}

export async function detectFaces(human: Human, working: RgbImage): Promise<FaceDetection> {
  const input = await toDetectorInput(working);
  const scale = working.width / input.width;
  const all = (await runDetector(human, input))
    .map((f) => observe(f, scale))
    .filter((f): f is FaceObservation => f !== null);
  const faces = subjectFaces(all);
  const main = faces[0];
  if (faces.length !== 1 || !main || Math.abs(main.rollDeg) <= FACE_LIMITS.realignRollDeg)
    return { faces, realigned: false };

  const again = await realign(human, input, main, scale);
  if (!again) return { faces, realigned: false };
  // Geometry stays from the first pass (it is in the photo's own coordinates); what the levelled
  // view measures better replaces it.
  const better: FaceObservation = { ...main, yawDeg: again.yawDeg, pitchDeg: again.pitchDeg };
  if (again.embedding) better.embedding = again.embedding;
  if (again.gender) {
    better.gender = again.gender;
    if (again.genderScore !== undefined) better.genderScore = again.genderScore;
  }
  if (again.age !== undefined) better.age = again.age;
  return { faces: [better], realigned: true };
}
