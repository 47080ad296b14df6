import { z } from 'zod';

export const SubjectClass = z.enum(['man', 'woman', 'person']);
export type SubjectClass = z.infer<typeof SubjectClass>;

/** Rare token the LoRA learns to bind to the customer's face. */
export const DEFAULT_TRIGGER_TOKEN = 'ohwx';

export interface Style {
  id: string;
  name: string;
  description: string;
  /**
   * Prompt with placeholders `{trigger}` and `{subject}`; the trigger token must come right before the
   * subject class so the LoRA binds identity to it.
   */
  promptTemplate: string;
  /** Path of the catalog preview under the web app's public folder. */
  previewImage: string;
  /**
   * Backdrop for the local stand-in generator, which composes the customer's own face crop onto it
   * so a founder sees their face in each style without a GPU. Top and bottom of a vertical gradient.
   */
  backdrop: { top: string; bottom: string; vignette: number; grade: { r: number; g: number; b: number } };
  aspectRatio: '1:1' | '4:5' | '3:4' | '2:3';
}

const t = (s: string) => s.replace(/\s+/g, ' ').trim();

export const STYLES: readonly Style[] = [
  {
    id: 'corporate-grey',
    name: 'Corporate grey',
    description: 'Classic LinkedIn headshot on a seamless mid-grey studio backdrop.',
    promptTemplate: t(`professional corporate headshot of {trigger} {subject}, navy suit, crisp white shirt,
      seamless mid-grey studio backdrop, soft key light, 85mm lens, shallow depth of field, sharp eyes`),
    previewImage: '/styles/corporate-grey.jpg',
    backdrop: { top: '#8a8f96', bottom: '#55595f', vignette: 0.35, grade: { r: 1, g: 1, b: 1.02 } },
    aspectRatio: '4:5',
  },
  {
    id: 'modern-office',
    name: 'Modern office',
    description: 'Bright open-plan office softly blurred behind you.',
    promptTemplate: t(`headshot of {trigger} {subject} in a bright modern office, business casual blazer,
      glass walls and plants softly blurred behind, natural window light, 50mm, friendly confident smile`),
    previewImage: '/styles/modern-office.jpg',
    backdrop: { top: '#dfe7ea', bottom: '#9fb3b8', vignette: 0.15, grade: { r: 1.02, g: 1.02, b: 1 } },
    aspectRatio: '4:5',
  },
  {
    id: 'city-outdoors',
    name: 'City outdoors',
    description: 'Golden-hour street portrait with city bokeh.',
    promptTemplate: t(`outdoor portrait of {trigger} {subject} on a city street at golden hour, smart casual
      jacket, warm backlight, city lights bokeh, 85mm f1.8, editorial photography`),
    previewImage: '/styles/city-outdoors.jpg',
    backdrop: { top: '#f2b872', bottom: '#5a4a63', vignette: 0.3, grade: { r: 1.08, g: 1.0, b: 0.92 } },
    aspectRatio: '4:5',
  },
  {
    id: 'warm-studio',
    name: 'Warm studio',
    description: 'Rich brown studio backdrop with warm Rembrandt light.',
    promptTemplate: t(`studio portrait of {trigger} {subject}, warm brown painted canvas backdrop, Rembrandt
      lighting, knit sweater, calm expression, medium format film look`),
    previewImage: '/styles/warm-studio.jpg',
    backdrop: { top: '#8c5a3c', bottom: '#3b2418', vignette: 0.45, grade: { r: 1.1, g: 1.0, b: 0.88 } },
    aspectRatio: '4:5',
  },
  {
    id: 'black-tie',
    name: 'Black and white classic',
    description: 'Timeless monochrome portrait on black.',
    promptTemplate: t(`black and white portrait of {trigger} {subject}, dark suit, pure black background,
      dramatic side light, high contrast, fine grain, classic Hollywood style`),
    previewImage: '/styles/black-tie.jpg',
    backdrop: { top: '#1c1c1c', bottom: '#050505', vignette: 0.5, grade: { r: 1, g: 1, b: 1 } },
    aspectRatio: '4:5',
  },
  {
    id: 'tech-founder',
    name: 'Tech founder',
    description: 'Relaxed startup look against a dark teal wall.',
    promptTemplate: t(`portrait of {trigger} {subject}, tech startup founder, plain crew-neck t-shirt under an
      open overshirt, dark teal wall, soft rim light, confident relaxed pose, 50mm`),
    previewImage: '/styles/tech-founder.jpg',
    backdrop: { top: '#1f5a5e', bottom: '#0c2a2d', vignette: 0.35, grade: { r: 0.96, g: 1.02, b: 1.04 } },
    aspectRatio: '4:5',
  },
  {
    id: 'medical-white',
    name: 'Healthcare',
    description: 'Clean bright portrait for clinics and hospital profiles.',
    promptTemplate: t(`professional headshot of {trigger} {subject} wearing a white medical coat, bright clean
      white background, even soft lighting, approachable smile, high key photography`),
    previewImage: '/styles/medical-white.jpg',
    backdrop: { top: '#ffffff', bottom: '#dfe6ee', vignette: 0.08, grade: { r: 1.02, g: 1.02, b: 1.04 } },
    aspectRatio: '4:5',
  },
  {
    id: 'garden-natural',
    name: 'Natural light garden',
    description: 'Soft green foliage and daylight for a friendly profile picture.',
    promptTemplate: t(`natural light portrait of {trigger} {subject} in a garden, green foliage softly blurred
      behind, overcast daylight, linen shirt, genuine smile, 85mm, shallow depth of field`),
    previewImage: '/styles/garden-natural.jpg',
    backdrop: { top: '#9cc48a', bottom: '#3d6b3a', vignette: 0.25, grade: { r: 0.98, g: 1.05, b: 0.95 } },
    aspectRatio: '4:5',
  },
  {
    id: 'navy-executive',
    name: 'Executive navy',
    description: 'Board-room portrait on a deep navy gradient.',
    promptTemplate: t(`executive portrait of {trigger} {subject}, charcoal suit, deep navy gradient studio
      backdrop, butterfly lighting, poised expression, annual report photography`),
    previewImage: '/styles/navy-executive.jpg',
    backdrop: { top: '#2b3f66', bottom: '#0f1a33', vignette: 0.4, grade: { r: 0.97, g: 0.99, b: 1.06 } },
    aspectRatio: '4:5',
  },
];

const BY_ID = new Map(STYLES.map((s) => [s.id, s]));

export const StyleId = z.string().refine((id) => BY_ID.has(id), { message: 'Unknown style' });

export function getStyle(id: string): Style {
  const style = BY_ID.get(id);
  if (!style) throw new Error(`Unknown style "${id}"`);
  return style;
}

export function buildPrompt(styleId: string, subject: SubjectClass, trigger = DEFAULT_TRIGGER_TOKEN): string {
  if (!/^[a-z][a-z0-9]{2,15}$/.test(trigger)) throw new Error(`Invalid trigger token "${trigger}"`);
  return getStyle(styleId).promptTemplate.replaceAll('{trigger}', trigger).replaceAll('{subject}', subject);
}

/**
 * Which catalog style a prompt was built from, by its distinctive wording. Used by the local
 * generator to pick a backdrop; returns undefined for free-form prompts.
 */
export function styleForPrompt(prompt: string): Style | undefined {
  const words = (s: string) =>
    s
      .toLowerCase()
      .replace(/\{[a-z]+\}/g, '')
      .split(/[^a-z0-9]+/)
      .filter((w) => w.length > 3);
  const have = new Set(words(prompt));
  let best: { style: Style; score: number } | undefined;
  for (const style of STYLES) {
    const want = words(style.promptTemplate);
    const score = want.filter((w) => have.has(w)).length / want.length;
    if (!best || score > best.score) best = { style, score };
  }
  return best && best.score >= 0.6 ? best.style : undefined;
}
