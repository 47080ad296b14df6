import type { TrainerInput } from '@likeness/core';
import { setTimeout as sleep } from 'node:timers/promises';
import { readTrainingImages } from './dataset.js';
import { download } from './download.js';
import type { FileStore } from './files.js';
import type { Work } from './jobs.js';
import { writeLoraFile } from './lora-file.js';
import type { ModelRegistry } from './models.js';

export interface TrainerDeps {
  files: FileStore;
  models: ModelRegistry;
  /** Wall time the simulated optimisation takes (the real one takes ~10 minutes). */
  durationMs: number;
}

const MAX_DATASET_BYTES = 512 * 1024 * 1024;
const PROGRESS_LINES = 10;

/**
 * The local trainer: reads the dataset like the real one (and fails like it on a bad zip), logs
 * training progress over `durationMs`, and produces a stand-in LoRA file as a new version of the
 * destination model.
 */
export function trainingWork(deps: TrainerDeps, destination: string, input: TrainerInput): Work {
  return async (ctx) => {
    ctx.log(`Downloading input_images from ${input.input_images.split('?')[0]}`);
    const zip = await download(input.input_images, 'input_images', MAX_DATASET_BYTES, ctx.signal);
    const { images, skipped } = await readTrainingImages(zip);
    const captioned = images.filter((i) => i.caption).length;
    ctx.log(
      `Found ${images.length} images (${captioned} with captions)${skipped.length ? `, skipped unreadable: ${skipped.join(', ')}` : ''}`,
    );
    if (input.autocaption && captioned < images.length) {
      ctx.log(
        `Captioning ${images.length - captioned} image(s) as "a photo of ${input.trigger_word} ${input.subject_class}"`,
      );
    }
    if (input.class_images > 0) {
      ctx.log(
        `Drawing ${input.class_images} class images for "a photo of a ${input.subject_class}" with the base model`,
      );
    }
    const sizes = input.multi_resolution
      ? [0.5, 0.75, 1].map((f) => Math.max(64, Math.round((input.resolution * f) / 16) * 16))
      : [input.resolution];
    ctx.log(
      `Training LoRA rank ${input.lora_rank} (${input.lora_targets}), lr ${input.learning_rate}, ${input.steps} steps at ${sizes.join('/')}px, caption dropout ${input.caption_dropout}, seed ${input.seed}`,
    );
    for (let k = 1; k <= PROGRESS_LINES; k++) {
      await sleep(deps.durationMs / PROGRESS_LINES, undefined, { signal: ctx.signal });
      const step = Math.round((input.steps * k) / PROGRESS_LINES);
      const loss = (0.42 * Math.exp(-2.2 * (k / PROGRESS_LINES)) + 0.08).toFixed(4);
      ctx.log(`step ${step}/${input.steps} loss=${loss}`);
    }
    const lora = await writeLoraFile(
      images.map((i) => ({
        ...i,
        caption:
          i.caption ?? (input.autocaption ? `a photo of ${input.trigger_word} ${input.subject_class}` : null),
      })),
      {
        training_id: ctx.jobId,
        trigger_word: input.trigger_word,
        subject_class: input.subject_class,
        hyperparameters: {
          steps: input.steps,
          lora_rank: input.lora_rank,
          learning_rate: input.learning_rate,
          resolution: input.resolution,
        },
      },
    );
    const weights = await deps.files.put(ctx.jobId, 'trained_model.zip', lora, 'application/zip', null);
    const versionId = deps.models.addTrainedVersion(destination, {
      jobId: ctx.jobId,
      name: 'trained_model.zip',
    });
    ctx.log(
      `Saved weights (${(lora.length / 1024).toFixed(0)} KiB); new version ${destination}:${versionId}`,
    );
    return { version: `${destination}:${versionId}`, weights };
  };
}
