import { describe, expect, it } from 'vitest';
import { QC_REASON_CODES } from '@likeness/core';
import { qcReason, varietyTip } from './reasons.js';

describe('reason sentences', () => {
  it('has a sentence with a tip for every reason code', () => {
    for (const code of QC_REASON_CODES) {
      const { message } = qcReason(code);
      expect(message, code).toMatch(/ — [a-z]/);
      expect(message, code).not.toMatch(/undefined|\?\s×/);
    }
  });

  it('fills in what it knows', () => {
    expect(qcReason('too_small', { width: 300, height: 400 }).message).toMatch(/300 × 400 pixels/);
    expect(qcReason('too_large', { bytes: 30 * 1024 * 1024 }).message).toMatch(/30\.0 MB/);
    expect(qcReason('multiple_faces', { faces: 3 }).message).toMatch(/3 faces/);
    expect(qcReason('blurry', { wholePhoto: true }).message).not.toMatch(/your face is/i);
    expect(qcReason('duplicate', { photoName: 'b.jpg', otherName: 'a.jpg' }).message).toMatch(
      /“b\.jpg” is a near-copy of “a\.jpg”/,
    );
  });

  it('names the axes in the variety tip', () => {
    expect(varietyTip(['lighting']).message).toMatch(/same light — .*window/);
    expect(varietyTip(['pose', 'lighting', 'background']).message).toMatch(/same pose, light and background/);
  });
});
