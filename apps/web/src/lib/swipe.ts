'use client';

import { useRef, type PointerEvent } from 'react';

/** How far a finger must travel sideways before a lift counts as a swipe, in CSS px. */
export const SWIPE_MIN_PX = 50;
/** A move counts as sideways only when it is this many times wider than tall; steeper ones are scrolls. */
const SIDEWAYS_RATIO = 1.5;

/**
 * What a pointer's move from press to lift means in a gallery: +1 (swiped left, the next picture),
 * -1 (swiped right, the previous one), or null (too short, or mostly vertical).
 */
export function swipeStep(dx: number, dy: number): 1 | -1 | null {
  if (Math.abs(dx) < SWIPE_MIN_PX || Math.abs(dx) < SIDEWAYS_RATIO * Math.abs(dy)) return null;
  return dx < 0 ? 1 : -1;
}

/**
 * Pointer handlers that turn a sideways swipe into a step. The element needs `touch-action: pan-y`,
 * so the browser keeps vertical scrolling and leaves sideways moves to these handlers.
 */
export function useSwipe(onStep: (step: 1 | -1) => void) {
  const start = useRef<{ id: number; x: number; y: number } | null>(null);
  return {
    onPointerDown: (e: PointerEvent) => {
      if (e.isPrimary) start.current = { id: e.pointerId, x: e.clientX, y: e.clientY };
    },
    onPointerUp: (e: PointerEvent) => {
      const from = start.current;
      start.current = null;
      if (from?.id !== e.pointerId) return;
      const step = swipeStep(e.clientX - from.x, e.clientY - from.y);
      if (step) onStep(step);
    },
    // The browser took the gesture over (a vertical scroll): no swipe.
    onPointerCancel: () => {
      start.current = null;
    },
  };
}
