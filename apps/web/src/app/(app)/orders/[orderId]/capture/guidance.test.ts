import { EXPOSURE_LIMITS, FACE_LIMITS, SHARPNESS_LIMITS } from '@likeness/selfie-qc/thresholds';
import { describe, expect, it } from 'vitest';
import {
  CAPTURE_GUIDE,
  guide,
  varietyPrompt,
  VARIETY_PROMPTS,
  type FaceReading,
  type FrameReading,
} from './guidance';

const W = 720;
const H = 960;

function face(change: Partial<FaceReading> & { cx?: number; cy?: number; span?: number } = {}): FaceReading {
  const { cx = W / 2, cy = H / 2, span = 300, ...rest } = change;
  return {
    span,
    centre: [cx, cy],
    bounds: { left: cx - span / 2, top: cy - span / 2, right: cx + span / 2, bottom: cy + span / 2 },
    yawDeg: 0,
    pitchDeg: 0,
    boxScore: 0.9,
    meshScore: 0.95,
    ...rest,
  };
}

const good = { luma: { p50: 130, p95: 210, clippedShare: 0 }, sharpness: 2.5 };

function frame(faces: FaceReading[], measures: FrameReading['measures'] = good): FrameReading {
  return { width: W, height: H, faces, ...(measures && { measures }) };
}

const code = (f: FrameReading, mirrored = true) => guide(f, { mirrored }).code;

describe('capture guidance', () => {
  it('is ready only for one sure, centred, frontal, lit, sharp face of a good size', () => {
    const g = guide(frame([face()]));
    expect(g).toEqual({ code: 'ready', ready: true, message: expect.stringMatching(/take the shot/) });
  });

  it('asks for a face when none is sure, and ignores phantom and background faces', () => {
    expect(code(frame([]))).toBe('no_face');
    expect(code(frame([face({ boxScore: 0.3, meshScore: 0.6 })]))).toBe('no_face');
    // A mesh-only face counts for QC, but the camera waits for the detector to be sure.
    expect(code(frame([face({ boxScore: 0.4, meshScore: 0.95 })]))).toBe('no_face');
    const background = face({ span: 300 * FACE_LIMITS.minSecondFaceRatio * 0.9, cx: 100, cy: 100 });
    expect(code(frame([face(), background]))).toBe('ready');
  });

  it('refuses a second subject', () => {
    expect(code(frame([face({ cx: 250 }), face({ cx: 470, span: 250 })]))).toBe('several_faces');
  });

  it('says when the face is cut off, too far or too close', () => {
    expect(code(frame([face({ cx: 100, span: 300 })]))).toBe('cut_off');
    expect(code(frame([face({ span: W * CAPTURE_GUIDE.minSpanShare - 1 })]))).toBe('too_far');
    expect(code(frame([face({ span: W * CAPTURE_GUIDE.maxSpanShare + 1 })]))).toBe('too_close');
  });

  it("gives directions in the customer's own left and right on the mirrored preview", () => {
    // Camera's left of centre is the right of the mirrored screen: the customer steps to their left.
    const toCameraLeft = frame([face({ cx: W / 2 - W * 0.2 })]);
    expect(code(toCameraLeft)).toBe('move_left');
    expect(code(toCameraLeft, false)).toBe('move_right');
    expect(code(frame([face({ cx: W / 2 + W * 0.2 })]))).toBe('move_right');
    // A selfie's face sits above the middle: fine there, not at the very top or below the middle.
    expect(code(frame([face({ cy: H * 0.3 })]))).toBe('ready');
    expect(code(frame([face({ cy: H * (CAPTURE_GUIDE.faceCentreTop.min - 0.02) })]))).toBe('move_up');
    expect(code(frame([face({ cy: H * (CAPTURE_GUIDE.faceCentreTop.max + 0.02) })]))).toBe('move_down');
  });

  it('asks for a frontal face a margin inside the server limits', () => {
    const edge = FACE_LIMITS.maxYawDeg - CAPTURE_GUIDE.poseMarginDeg;
    expect(code(frame([face({ yawDeg: edge - 0.5 })]))).toBe('ready');
    expect(code(frame([face({ yawDeg: -(edge + 0.5) })]))).toBe('turned');
    // Just inside what the server accepts is still refused here: the JPEG is measured again there.
    expect(code(frame([face({ yawDeg: FACE_LIMITS.maxYawDeg - 1 })]))).toBe('turned');
    expect(code(frame([face({ pitchDeg: FACE_LIMITS.maxPitchDeg })]))).toBe('tilted');
  });

  it('judges light and blur by the server figures with headroom', () => {
    const dark = { ...good, luma: { ...good.luma, p95: EXPOSURE_LIMITS.darkP95 + 2 } };
    expect(code(frame([face()], dark))).toBe('too_dark');
    const bright = { ...good, luma: { ...good.luma, p50: EXPOSURE_LIMITS.brightP50 } };
    expect(code(frame([face()], bright))).toBe('too_bright');
    const clipped = { ...good, luma: { ...good.luma, clippedShare: EXPOSURE_LIMITS.maxClippedShare } };
    expect(code(frame([face()], clipped))).toBe('too_bright');
    const soft = { ...good, sharpness: SHARPNESS_LIMITS.minLaplacianStdev * 1.05 };
    expect(code(frame([face()], soft))).toBe('blurry');
    expect(code({ width: W, height: H, faces: [face()] })).toBe('no_face');
  });

  it('puts the most basic problem first', () => {
    const everything = face({ cx: 40, span: 100, yawDeg: 40 });
    expect(code(frame([everything], { luma: { p50: 10, p95: 20, clippedShare: 0 }, sharpness: 0.1 }))).toBe(
      'cut_off',
    );
  });

  it('cycles the variety prompts, plain first', () => {
    expect(varietyPrompt(0)).toMatch(/straight/);
    expect(varietyPrompt(1)).toMatch(/left/);
    expect(varietyPrompt(2)).toMatch(/right/);
    expect(varietyPrompt(VARIETY_PROMPTS.length)).toBe(varietyPrompt(0));
  });
});
