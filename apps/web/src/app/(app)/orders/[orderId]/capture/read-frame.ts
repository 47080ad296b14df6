import type { FaceResult, Human } from '@vladmandic/human';
import { SHARPNESS_LIMITS } from '@likeness/selfie-qc/thresholds';
import { measureFace } from './face-measures';
import type { FaceReading, FrameReading } from './guidance';

/** MediaPipe face-mesh landmarks, as the server's face-detect.ts uses them. */
const MESH = { foreheadTop: 10, chin: 152, rightCheek: 234, leftCheek: 454 } as const;

type MeshPoint = readonly [number, number, number?];
const toDegrees = (rad: number) => (rad * 180) / Math.PI;
const distance = (a: MeshPoint, b: MeshPoint) => Math.hypot(a[0] - b[0], a[1] - b[1]);

/** One detected face in the guidance's terms; null when the mesh is missing. */
export function faceReading(face: Pick<FaceResult, 'mesh' | 'rotation' | 'boxScore' | 'faceScore'>) {
  if (face.mesh.length < 468) return null;
  const at = (i: number) => face.mesh[i]!;
  const xs = face.mesh.map((p) => p[0]);
  const ys = face.mesh.map((p) => p[1]);
  const angle = face.rotation?.angle;
  const reading: FaceReading = {
    span: Math.max(
      distance(at(MESH.foreheadTop), at(MESH.chin)),
      distance(at(MESH.rightCheek), at(MESH.leftCheek)),
    ),
    centre: [
      (at(MESH.foreheadTop)[0] + at(MESH.chin)[0]) / 2,
      (at(MESH.foreheadTop)[1] + at(MESH.chin)[1]) / 2,
    ],
    bounds: { left: Math.min(...xs), top: Math.min(...ys), right: Math.max(...xs), bottom: Math.max(...ys) },
    yawDeg: angle ? toDegrees(angle.yaw) : 0,
    pitchDeg: angle ? toDegrees(angle.pitch) : 0,
    boxScore: face.boxScore,
    meshScore: face.faceScore,
  };
  return reading;
}

/**
 * Reads one still frame: faces from the models, and for the largest the exposure and sharpness of
 * its landmark box drawn at the server's measuring size.
 */
export async function readFrame(human: Human, frame: HTMLCanvasElement): Promise<FrameReading> {
  const result = await human.detect(frame);
  if (result.error) throw new Error(`face models: ${result.error}`);
  const faces = result.face.map(faceReading).filter((f): f is FaceReading => f !== null);
  const reading: FrameReading = { width: frame.width, height: frame.height, faces };
  const largest = [...faces].sort((a, b) => b.span - a.span)[0];
  if (!largest) return reading;
  const left = Math.max(0, Math.floor(largest.bounds.left));
  const top = Math.max(0, Math.floor(largest.bounds.top));
  const width = Math.min(frame.width, Math.ceil(largest.bounds.right)) - left;
  const height = Math.min(frame.height, Math.ceil(largest.bounds.bottom)) - top;
  if (width < 2 || height < 2) return reading;
  const side = SHARPNESS_LIMITS.sizePx;
  const square = document.createElement('canvas');
  square.width = side;
  square.height = side;
  const ctx = square.getContext('2d', { willReadFrequently: true });
  if (!ctx) return reading;
  ctx.drawImage(frame, left, top, width, height, 0, 0, side, side);
  reading.measures = measureFace(ctx.getImageData(0, 0, side, side).data);
  return reading;
}

/** The video's current picture, unmirrored, at the camera's full size. */
export function grabFrame(video: HTMLVideoElement, into: HTMLCanvasElement): HTMLCanvasElement {
  into.width = video.videoWidth;
  into.height = video.videoHeight;
  into.getContext('2d')?.drawImage(video, 0, 0, into.width, into.height);
  return into;
}

export function canvasToJpeg(canvas: HTMLCanvasElement, quality = 0.92): Promise<Blob> {
  return new Promise((resolve, reject) =>
    canvas.toBlob(
      (blob) => (blob ? resolve(blob) : reject(new Error('the shot could not be encoded'))),
      'image/jpeg',
      quality,
    ),
  );
}
