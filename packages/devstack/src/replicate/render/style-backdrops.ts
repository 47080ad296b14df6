import { buildPrompt, STYLES, SubjectClass, type Style } from '@likeness/core';
import type { Backdrop } from './backdrop.js';

/**
 * What the local generator paints behind the customer's face for each catalog style, so a founder
 * sees their face in every style without a GPU: top and bottom of a vertical gradient, a vignette
 * and a colour grade. Only the stand-in knows these; the product sends Replicate a prompt.
 */
export const STYLE_BACKDROPS: Record<string, Backdrop> = {
  'corporate-grey': { top: '#8a8f96', bottom: '#55595f', vignette: 0.35, grade: { r: 1, g: 1, b: 1.02 } },
  'modern-office': { top: '#dfe7ea', bottom: '#9fb3b8', vignette: 0.15, grade: { r: 1.02, g: 1.02, b: 1 } },
  'city-outdoors': { top: '#f2b872', bottom: '#5a4a63', vignette: 0.3, grade: { r: 1.08, g: 1.0, b: 0.92 } },
  'warm-studio': { top: '#8c5a3c', bottom: '#3b2418', vignette: 0.45, grade: { r: 1.1, g: 1.0, b: 0.88 } },
  'black-tie': { top: '#1c1c1c', bottom: '#050505', vignette: 0.5, grade: { r: 1, g: 1, b: 1 } },
  'tech-founder': { top: '#1f5a5e', bottom: '#0c2a2d', vignette: 0.35, grade: { r: 0.96, g: 1.02, b: 1.04 } },
  'medical-white': {
    top: '#ffffff',
    bottom: '#dfe6ee',
    vignette: 0.08,
    grade: { r: 1.02, g: 1.02, b: 1.04 },
  },
  'garden-natural': {
    top: '#9cc48a',
    bottom: '#3d6b3a',
    vignette: 0.25,
    grade: { r: 0.98, g: 1.05, b: 0.95 },
  },
  'navy-executive': {
    top: '#2b3f66',
    bottom: '#0f1a33',
    vignette: 0.4,
    grade: { r: 0.97, g: 0.99, b: 1.06 },
  },
};

/**
 * The catalog style a prompt was built from: the product builds every prompt with buildPrompt, so
 * an exact match finds it. Free-form prompts (someone calling the stand-in by hand) match none.
 */
export function styleOfPrompt(prompt: string): Style | undefined {
  return STYLES.find((style) =>
    SubjectClass.options.some((subject) => buildPrompt(style.id, subject) === prompt),
  );
}
