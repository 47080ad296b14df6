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
    aspectRatio: '4:5',
  },
  {
    id: 'modern-office',
    name: 'Modern office',
    description: 'Bright open-plan office softly blurred behind you.',
    promptTemplate: t(`headshot of {trigger} {subject} in a bright modern office, business casual blazer,
      glass walls and plants softly blurred behind, natural window light, 50mm, friendly confident smile`),
    previewImage: '/styles/modern-office.jpg',
    aspectRatio: '4:5',
  },
  {
    id: 'city-outdoors',
    name: 'City outdoors',
    description: 'Golden-hour street portrait with city bokeh.',
    promptTemplate: t(`outdoor portrait of {trigger} {subject} on a city street at golden hour, smart casual
      jacket, warm backlight, city lights bokeh, 85mm f1.8, editorial photography`),
    previewImage: '/styles/city-outdoors.jpg',
    aspectRatio: '4:5',
  },
  {
    id: 'warm-studio',
    name: 'Warm studio',
    description: 'Rich brown studio backdrop with warm Rembrandt light.',
    promptTemplate: t(`studio portrait of {trigger} {subject}, warm brown painted canvas backdrop, Rembrandt
      lighting, knit sweater, calm expression, medium format film look`),
    previewImage: '/styles/warm-studio.jpg',
    aspectRatio: '4:5',
  },
  {
    id: 'black-tie',
    name: 'Black and white classic',
    description: 'Timeless monochrome portrait on black.',
    promptTemplate: t(`black and white portrait of {trigger} {subject}, dark suit, pure black background,
      dramatic side light, high contrast, fine grain, classic Hollywood style`),
    previewImage: '/styles/black-tie.jpg',
    aspectRatio: '4:5',
  },
  {
    id: 'tech-founder',
    name: 'Tech founder',
    description: 'Relaxed startup look against a dark teal wall.',
    promptTemplate: t(`portrait of {trigger} {subject}, tech startup founder, plain crew-neck t-shirt under an
      open overshirt, dark teal wall, soft rim light, confident relaxed pose, 50mm`),
    previewImage: '/styles/tech-founder.jpg',
    aspectRatio: '4:5',
  },
  {
    id: 'medical-white',
    name: 'Healthcare',
    description: 'Clean bright portrait for clinics and hospital profiles.',
    promptTemplate: t(`professional headshot of {trigger} {subject} wearing a white medical coat, bright clean
      white background, even soft lighting, approachable smile, high key photography`),
    previewImage: '/styles/medical-white.jpg',
    aspectRatio: '4:5',
  },
  {
    id: 'garden-natural',
    name: 'Natural light garden',
    description: 'Soft green foliage and daylight for a friendly profile picture.',
    promptTemplate: t(`natural light portrait of {trigger} {subject} in a garden, green foliage softly blurred
      behind, overcast daylight, linen shirt, genuine smile, 85mm, shallow depth of field`),
    previewImage: '/styles/garden-natural.jpg',
    aspectRatio: '4:5',
  },
  {
    id: 'navy-executive',
    name: 'Executive navy',
    description: 'Board-room portrait on a deep navy gradient.',
    promptTemplate: t(`executive portrait of {trigger} {subject}, charcoal suit, deep navy gradient studio
      backdrop, butterfly lighting, poised expression, annual report photography`),
    previewImage: '/styles/navy-executive.jpg',
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
