'use client';

import { StyleId } from '@likeness/core';
import { useCallback, useRef } from 'react';
import { trackOnce } from './gtag';

/**
 * `style_view` once per style and session, when at least half of its card is on screen: the step
 * between landing and choosing that says which styles people look at and pass over.
 * Returns a ref callback for the element whose descendants carry `data-style-id`.
 */
export function useStyleViews(): (el: HTMLElement | null) => void {
  const observer = useRef<IntersectionObserver | null>(null);
  return useCallback((el: HTMLElement | null) => {
    observer.current?.disconnect();
    observer.current = null;
    if (!el || typeof IntersectionObserver === 'undefined') return;
    const seen = new IntersectionObserver(
      (entries) => {
        for (const entry of entries) {
          if (!entry.isIntersecting) continue;
          const id = StyleId.safeParse((entry.target as HTMLElement).dataset.styleId);
          if (id.success) trackOnce(id.data, 'style_view', { style_id: id.data });
          seen.unobserve(entry.target);
        }
      },
      { threshold: 0.5 },
    );
    el.querySelectorAll('[data-style-id]').forEach((card) => seen.observe(card));
    observer.current = seen;
  }, []);
}
