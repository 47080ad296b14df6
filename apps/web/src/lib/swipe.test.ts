import { describe, expect, it } from 'vitest';
import { SWIPE_MIN_PX, swipeStep } from './swipe';

describe('swipeStep', () => {
  it('goes to the next picture on a swipe left and the previous on a swipe right', () => {
    expect(swipeStep(-80, 10)).toBe(1);
    expect(swipeStep(120, -20)).toBe(-1);
  });

  it('ignores short moves, taps and mostly vertical moves (scrolling)', () => {
    expect(swipeStep(SWIPE_MIN_PX - 1, 0)).toBeNull();
    expect(swipeStep(0, 0)).toBeNull();
    expect(swipeStep(-60, 80)).toBeNull();
    expect(swipeStep(70, 50)).toBeNull();
    expect(swipeStep(-SWIPE_MIN_PX, 0)).toBe(1);
  });
});
