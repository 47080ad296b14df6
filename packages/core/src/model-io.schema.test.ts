import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error -- a plain .mjs script without type declarations; vitest loads it as ESM.
import { renderModelSchemas, SCHEMA_DIR, SCHEMA_FILES } from '../scripts/export-model-schema.mjs';
import * as modelIo from './model-io.js';

const rendered = renderModelSchemas(modelIo) as Record<string, string>;

describe('cog-model input schema export', () => {
  it('exports both model inputs', () => {
    expect(Object.keys(rendered).sort()).toEqual(Object.keys(SCHEMA_FILES).sort());
  });

  for (const file of Object.keys(SCHEMA_FILES)) {
    it(`committed cog-model/schema/${file} equals a fresh export of model-io.ts`, async () => {
      const committed = await readFile(join(SCHEMA_DIR, file), 'utf8');
      expect(JSON.parse(committed)).toEqual(JSON.parse(rendered[file]!));
      // Byte equality too, so `--check` (which compares text) agrees with this test.
      expect(committed).toBe(rendered[file]);
    });
  }

  it('carries the bounds and defaults the Python side mirrors', () => {
    const trainer = JSON.parse(rendered['trainer-input.json']!);
    expect(trainer.required).toEqual(['input_images', 'trigger_word', 'subject_class']);
    expect(trainer.properties.steps).toMatchObject({
      type: 'integer',
      minimum: 10,
      maximum: 6000,
      default: 1000,
    });
    // The training recipe's switches, with the defaults of the public FLUX LoRA trainers.
    expect(trainer.properties.class_images).toMatchObject({ type: 'integer', minimum: 0, default: 0 });
    expect(trainer.properties.caption_dropout).toMatchObject({ maximum: 0.5, default: 0.05 });
    expect(trainer.properties.lora_targets).toMatchObject({
      enum: ['all-linear', 'attention'],
      default: 'all-linear',
    });
    expect(trainer.properties.multi_resolution).toMatchObject({ type: 'boolean', default: true });
    const predictor = JSON.parse(rendered['predictor-input.json']!);
    expect(predictor.required).toEqual(['prompt', 'lora_weights']);
    expect(predictor.properties.seed).not.toHaveProperty('default');
    expect(predictor.properties.aspect_ratio.enum).toEqual(modelIo.AspectRatio.options);
  });
});
