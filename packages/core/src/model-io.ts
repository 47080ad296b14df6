import { z } from 'zod';
import { SubjectClass } from './styles.js';

/**
 * Inputs and outputs of the cog-model trainer and predictor on Replicate. Mirrored by the Python
 * types in cog-model; a test keeps the two in step, and the local Replicate stand-in accepts exactly
 * these.
 */
export const AspectRatio = z.enum(['1:1', '4:5', '3:4', '2:3', '16:9', '9:16']);
export type AspectRatio = z.infer<typeof AspectRatio>;

export const TrainerInput = z.object({
  input_images: z.string().url(),
  trigger_word: z.string().regex(/^[a-z][a-z0-9]{2,15}$/),
  subject_class: SubjectClass,
  steps: z.number().int().min(10).max(6000).default(1000),
  lora_rank: z.number().int().min(1).max(128).default(16),
  learning_rate: z.number().positive().max(0.01).default(4e-4),
  resolution: z.number().int().min(256).max(1536).default(1024),
  seed: z
    .number()
    .int()
    .min(0)
    .max(2 ** 32 - 1)
    .default(42),
  autocaption: z.boolean().default(true),
  class_prior_weight: z.number().min(0).max(1).default(0),
  /**
   * DreamBooth prior preservation: the base model first draws this many "a photo of a {class}"
   * images, and every step also trains on one of them under that sentence (0 = off).
   */
  class_images: z.number().int().min(0).max(100).default(0),
  /** Share of steps trained on the empty caption. */
  caption_dropout: z.number().min(0).max(0.5).default(0.05),
  /** Which linear layers of the transformer blocks get a LoRA. */
  lora_targets: z.enum(['all-linear', 'attention']).default('all-linear'),
  /**
   * Resolution buckets: each photo keeps the aspect ratio (of `AspectRatio`) nearest its own and
   * trains at 1/2, 3/4 and all of `resolution` as its long side, each batch one size; false: square
   * crops at `resolution` alone.
   */
  multi_resolution: z.boolean().default(true),
});
export type TrainerInput = z.infer<typeof TrainerInput>;

export const TrainerOutput = z.object({ version: z.string().optional(), weights: z.string().url() });
export type TrainerOutput = z.infer<typeof TrainerOutput>;

export const PredictorInput = z.object({
  prompt: z.string().min(1).max(2000),
  lora_weights: z.string().url(),
  lora_scale: z.number().min(0).max(2).default(1),
  num_outputs: z.number().int().min(1).max(4).default(4),
  seed: z
    .number()
    .int()
    .min(0)
    .max(2 ** 32 - 1)
    .optional(),
  aspect_ratio: AspectRatio.default('4:5'),
  /** Long side in pixels; the short side follows the aspect ratio, rounded to a multiple of 16. */
  megapixels_long_side: z.number().int().min(256).max(1536).default(1024),
  num_inference_steps: z.number().int().min(1).max(50).default(28),
  guidance: z.number().min(0).max(10).default(3.5),
  output_format: z.enum(['webp', 'jpg', 'png']).default('webp'),
  output_quality: z.number().int().min(1).max(100).default(90),
});
export type PredictorInput = z.infer<typeof PredictorInput>;

/**
 * One URL per requested image, in order. The file name says what it is: `out-<i>.<format>` is
 * image i; `blocked-<i>.<format>` is a plain grey stand-in for image i, which the model's NSFW
 * check withheld (cog-model/README.md, "Safety check"). Blocked images are replaced, never dropped,
 * so the list is as long as `num_outputs`.
 */
export const PredictorOutput = z.array(z.string().url()).min(1);
export type PredictorOutput = z.infer<typeof PredictorOutput>;

/** Width and height for an aspect ratio at a long side, both multiples of 16 (the VAE's stride). */
export function outputSize(aspect: AspectRatio, longSide: number): { width: number; height: number } {
  const [w, h] = aspect.split(':').map(Number) as [number, number];
  const round16 = (n: number) => Math.max(16, Math.round(n / 16) * 16);
  return w >= h
    ? { width: round16(longSide), height: round16((longSide * h) / w) }
    : { width: round16((longSide * w) / h), height: round16(longSide) };
}
