import type { TrainerInput } from '@likeness/core';
import { z } from 'zod';

/**
 * The parts of the training recipe that production chooses, beyond the customer's photos, trigger
 * word and class. The rest (LoRA on every linear layer, caption dropout, resolution buckets) is the
 * trainer's default (packages/core's TrainerInput).
 *
 * DreamBooth regularisation is off until an operator sets `TRAINING_CLASS_IMAGES` (1–100) in the
 * functions' environment: the trainer then has the base model draw that many "a photo of a
 * {class}" images first and trains on them under that sentence beside the customer's photos, so
 * "ohwx man" becomes the customer while "a man" stays anyone. It adds GPU time to every training
 * (about 20 denoising steps per class image at the training resolution).
 */
const RecipeEnv = z.object({
  TRAINING_CLASS_IMAGES: z.coerce.number().int().min(0).max(100).default(0),
});

export type TrainingRecipe = Pick<TrainerInput, 'class_images'>;

export function trainingRecipe(env: NodeJS.ProcessEnv = process.env): TrainingRecipe {
  const parsed = RecipeEnv.safeParse({ TRAINING_CLASS_IMAGES: env.TRAINING_CLASS_IMAGES || undefined });
  if (!parsed.success) {
    throw new Error(
      `TRAINING_CLASS_IMAGES must be a whole number from 0 to 100 (got ${env.TRAINING_CLASS_IMAGES})`,
    );
  }
  return { class_images: parsed.data.TRAINING_CLASS_IMAGES };
}
