import { TrainerInput } from '@likeness/core';
import { describe, expect, it } from 'vitest';
import { trainingRecipe } from './recipe.js';

describe('trainingRecipe', () => {
  it('leaves DreamBooth regularisation off unless the environment turns it on', () => {
    expect(trainingRecipe({})).toEqual({ class_images: 0 });
    expect(trainingRecipe({ TRAINING_CLASS_IMAGES: '' })).toEqual({ class_images: 0 });
    expect(trainingRecipe({ TRAINING_CLASS_IMAGES: '40' })).toEqual({ class_images: 40 });
  });

  it('refuses values the trainer would refuse', () => {
    expect(() => trainingRecipe({ TRAINING_CLASS_IMAGES: '101' })).toThrow(/0 to 100/);
    expect(() => trainingRecipe({ TRAINING_CLASS_IMAGES: 'lots' })).toThrow(/TRAINING_CLASS_IMAGES/);
  });

  it('is a valid part of the trainer input, with the trainer defaults for the rest of the recipe', () => {
    const input = TrainerInput.parse({
      input_images: 'https://storage.test/set.zip',
      trigger_word: 'ohwx',
      subject_class: 'woman',
      ...trainingRecipe({ TRAINING_CLASS_IMAGES: '25' }),
    });
    expect(input).toMatchObject({
      class_images: 25,
      caption_dropout: 0.05,
      lora_targets: 'all-linear',
      multi_resolution: true,
    });
  });
});
