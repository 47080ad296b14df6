/** Plane geometry in image pixels: x to the right, y down. */

export type Point = readonly [number, number];

export interface Rect {
  left: number;
  top: number;
  width: number;
  height: number;
}

export const distance = (a: Point, b: Point) => Math.hypot(a[0] - b[0], a[1] - b[1]);

export const centroid = (points: readonly Point[]): Point => {
  let x = 0;
  let y = 0;
  for (const p of points) {
    x += p[0];
    y += p[1];
  }
  return [x / points.length, y / points.length];
};

export const toDegrees = (radians: number) => (radians * 180) / Math.PI;
export const toRadians = (degrees: number) => (degrees * Math.PI) / 180;

/**
 * Angle of the line from a to b against the horizontal, in degrees, positive when it runs clockwise
 * on screen (b lower than a). Rotating the image by the negative of it levels the line.
 */
export const lineAngleDeg = (a: Point, b: Point) => toDegrees(Math.atan2(b[1] - a[1], b[0] - a[0]));

/**
 * Where a vector lands when the image is turned by `degrees` clockwise on screen, as sharp's
 * rotate() does (in y-down coordinates the textbook matrix is the clockwise one).
 */
export function rotateVector(v: Point, degrees: number): Point {
  const r = toRadians(degrees);
  const c = Math.cos(r);
  const s = Math.sin(r);
  return [v[0] * c - v[1] * s, v[0] * s + v[1] * c];
}

/** Size of the canvas sharp's rotate() produces for an image turned by `degrees`. */
export function rotatedSize(
  width: number,
  height: number,
  degrees: number,
): { width: number; height: number } {
  const r = toRadians(degrees);
  const c = Math.abs(Math.cos(r));
  const s = Math.abs(Math.sin(r));
  return { width: width * c + height * s, height: width * s + height * c };
}

export function boundingRect(points: readonly Point[]): Rect {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const [x, y] of points) {
    minX = Math.min(minX, x);
    minY = Math.min(minY, y);
    maxX = Math.max(maxX, x);
    maxY = Math.max(maxY, y);
  }
  return { left: minX, top: minY, width: maxX - minX, height: maxY - minY };
}

/** The part of `rect` inside a width × height image, on whole pixels; null when nothing is left. */
export function clampRect(rect: Rect, width: number, height: number): Rect | null {
  const left = Math.max(0, Math.floor(rect.left));
  const top = Math.max(0, Math.floor(rect.top));
  const right = Math.min(width, Math.ceil(rect.left + rect.width));
  const bottom = Math.min(height, Math.ceil(rect.top + rect.height));
  if (right - left < 1 || bottom - top < 1) return null;
  return { left, top, width: right - left, height: bottom - top };
}
