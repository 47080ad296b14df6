import { describe, expect, it } from 'vitest';
import { faceReading } from './read-frame';

/** A 468-point mesh with the four landmarks the span and centre come from. */
function mesh(points: Record<number, [number, number]>): [number, number, number][] {
  return Array.from({ length: 468 }, (_, i) => [...(points[i] ?? [200, 200]), 0] as [number, number, number]);
}

describe('faceReading', () => {
  it('measures the face as the server does: span, centre, landmark box, angles in degrees', () => {
    const reading = faceReading({
      mesh: mesh({ 10: [200, 100], 152: [210, 340], 234: [120, 220], 454: [290, 220] }),
      rotation: {
        angle: { roll: 0, yaw: Math.PI / 6, pitch: -Math.PI / 18 },
        matrix: [1, 0, 0, 0, 1, 0, 0, 0, 1],
        gaze: { bearing: 0, strength: 0 },
      },
      boxScore: 0.8,
      faceScore: 0.95,
    });
    expect(reading).not.toBeNull();
    expect(reading!.span).toBeCloseTo(Math.hypot(10, 240));
    expect(reading!.centre).toEqual([205, 220]);
    expect(reading!.bounds).toEqual({ left: 120, top: 100, right: 290, bottom: 340 });
    expect(reading!.yawDeg).toBeCloseTo(30);
    expect(reading!.pitchDeg).toBeCloseTo(-10);
    expect(reading!.boxScore).toBe(0.8);
    expect(reading!.meshScore).toBe(0.95);
  });

  it('takes cheek to cheek when the face is wider than tall, and no rotation as frontal', () => {
    const reading = faceReading({
      mesh: mesh({ 10: [200, 150], 152: [200, 250], 234: [50, 200], 454: [350, 200] }),
      rotation: null,
      boxScore: 0.9,
      faceScore: 0.9,
    });
    expect(reading!.span).toBe(300);
    expect(reading!.yawDeg).toBe(0);
  });

  it('skips a face without a full mesh', () => {
    expect(faceReading({ mesh: [], rotation: null, boxScore: 0.9, faceScore: 0 })).toBeNull();
  });
});
