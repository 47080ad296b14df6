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
import { frameSharpness, isFrameBlurry } from './exposure-sharpness.js';
import { FACE_LIMITS, QC_LIMITS, SMALL_FACE_SEARCH } from './thresholds.js';

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

/** What the detector was shown: the working image scaled down, and working pixels per view pixel. */
export interface DetectorView {
  image: RgbImage;
  scale: number;
}

export interface FaceDetection {
  /** Confident faces large enough to be a subject, largest first. */
  faces: FaceObservation[];
  /** Whether pose and embedding of faces[0] come from a second pass on a levelled image. */
  realigned: boolean;
  /** Whole-frame sharpness (see frameSharpness), measured only when no face was found or one was unsure. */
  frameSharpness?: number;
  view: DetectorView;
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

/** `origin`: where the detector's input sits in the view (a tile's corner); `scale`: view to working px. */
function observe(face: FaceResult, scale: number, origin: Point = [0, 0]): FaceObservation | null {
  if (face.mesh.length < 468) return null;
  type MeshPoint = readonly [number, number, number?];
  const place = (p: MeshPoint): Point => [(p[0] + origin[0]) * scale, (p[1] + origin[1]) * scale];
  const mesh: Point[] = face.mesh.map((p) => place(p));
  const at = (i: number) => mesh[i]!;
  const eye = (upper: readonly MeshPoint[] | undefined, lower: readonly MeshPoint[] | undefined) =>
    centroid([...(upper ?? []), ...(lower ?? [])].map((p) => place(p)));
  const leftEye = eye(face.annotations.leftEyeUpper0, face.annotations.leftEyeLower0);
  const rightEye = eye(face.annotations.rightEyeUpper0, face.annotations.rightEyeLower0);
  const angle = face.rotation?.angle;
  const [boxLeft, boxTop] = place([face.box[0], face.box[1]]);
  const observation: FaceObservation = {
    box: [boxLeft, boxTop, face.box[2] * scale, face.box[3] * scale],
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

const isSure = (f: FaceObservation) => f.boxScore >= FACE_LIMITS.minBoxScore;

export async function detectFaces(human: Human, working: RgbImage): Promise<FaceDetection> {
  const input = await toDetectorInput(working);
  const scale = working.width / input.width;
  const view = { image: input, scale };
  const all = (await runDetector(human, input))
    .map((f) => observe(f, scale))
    .filter((f): f is FaceObservation => f !== null);
  let faces = subjectFaces(all);
  let sharpness: number | undefined;
  if (faces.length === 0 || faces.some((f) => !isSure(f))) {
    sharpness = await frameSharpness(input);
    // A heavily blurred portrait makes phantom faces, often several, whose mesh fits as well as on a
    // real face while the detector stays unsure of the box; a real face cut by the frame scores the
    // same way, but only in a sharp photo. In a blurred frame, then, only the detector's own
    // confidence makes a face, and the blur is what the customer hears about.
    if (isFrameBlurry(sharpness)) faces = subjectFaces(all.filter(isSure));
  }
  const found = {
    faces,
    realigned: false,
    view,
    ...(sharpness !== undefined && { frameSharpness: sharpness }),
  };
  const main = faces[0];
  if (faces.length !== 1 || !main || Math.abs(main.rollDeg) <= FACE_LIMITS.realignRollDeg) return found;

  const again = await realign(human, input, main, scale);
  if (!again) return found;
  // Geometry stays from the first pass (it is in the photo's own coordinates); what the levelled
  // view measures better replaces it.
  const better: FaceObservation = { ...main, yawDeg: again.yawDeg, pitchDeg: again.pitchDeg };
  if (again.embedding) better.embedding = again.embedding;
  if (again.gender) {
    better.gender = again.gender;
    if (again.genderScore !== undefined) better.genderScore = again.genderScore;
  }
  if (again.age !== undefined) better.age = again.age;
  return { ...found, faces: [better], realigned: true };
}

function cropView(image: RgbImage, left: number, top: number, side: number): RgbImage {
  const data = Buffer.alloc(side * side * 3);
  for (let y = 0; y < side; y++) {
    const from = ((top + y) * image.width + left) * 3;
    image.data.copy(data, y * side * 3, from, from + side * 3);
  }
  return { data, width: side, height: side };
}

function tileStarts(length: number, tile: number): number[] {
  if (tile >= length) return [0];
  const count = Math.ceil((length - tile) / (tile * SMALL_FACE_SEARCH.maxStride)) + 1;
  return Array.from({ length: count }, (_, i) => Math.round((i * (length - tile)) / (count - 1)));
}

/**
 * For the tiles, boxes the detector is unsure of are dropped before the mesh runs on them (they would
 * not count anyway), and no embedding is made (a face found only on a tile is too small to train on):
 * that halved the search's cost on the 12 MP fixture frames, where patterns on the tiles otherwise got
 * meshes and embeddings. human.detect would keep a per-call config for good, so the two settings are
 * set here and put back.
 */
async function withTileSettings<T>(human: Human, run: () => Promise<T>): Promise<T> {
  const { detector, description } = human.config.face;
  if (!detector || !description) return run();
  const saved = { minConfidence: detector.minConfidence, embed: description.enabled };
  detector.minConfidence = SMALL_FACE_SEARCH.minBoxScore;
  description.enabled = false;
  try {
    return await run();
  } finally {
    detector.minConfidence = saved.minConfidence;
    description.enabled = saved.embed;
  }
}

/**
 * The second look for faces too small for the full-frame pass: the detector's view cut into
 * overlapping square tiles, each run through the detector on its own, so a distant face fills
 * enough of the detector's 256 px input to be found. One detector run per tile (6 on a 4:3 photo):
 * only worth it when nothing else explains why no face was found.
 */
export async function detectSmallFaces(human: Human, view: DetectorView): Promise<FaceObservation[]> {
  const { image, scale } = view;
  if (Math.min(image.width, image.height) * scale < SMALL_FACE_SEARCH.minShortSidePx) return [];
  const shortSide = Math.min(image.width, image.height);
  const tile = Math.round(shortSide * SMALL_FACE_SEARCH.tileShare);
  // A face at the size limit or above is one the full-frame pass would have found had it been sure;
  // seen only on a tile, it is more likely a pattern (the cat's face, on an enlarged cat photo).
  const maxSpan = shortSide * scale * FACE_LIMITS.minSpanShare;
  const counts = (f: FaceObservation | null): f is FaceObservation =>
    f !== null &&
    f.boxScore >= SMALL_FACE_SEARCH.minBoxScore &&
    f.meshScore >= SMALL_FACE_SEARCH.minMeshScore &&
    f.span < maxSpan;
  const found: FaceObservation[] = [];
  await withTileSettings(human, async () => {
    for (const top of tileStarts(image.height, tile)) {
      for (const left of tileStarts(image.width, tile)) {
        const faces = await runDetector(human, cropView(image, left, top, tile));
        found.push(...faces.map((f) => observe(f, scale, [left, top])).filter(counts));
      }
    }
  });
  // Overlapping tiles see the same face twice: keep the surer sighting.
  const distinct: FaceObservation[] = [];
  for (const face of found.sort((a, b) => b.boxScore - a.boxScore)) {
    if (!distinct.some((d) => distance(d.centre, face.centre) < Math.max(d.span, face.span) / 2))
      distinct.push(face);
  }
  return subjectFaces(distinct);
}
