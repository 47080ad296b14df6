import { outputSize, type PredictorInput } from '@likeness/core';
import { randomInt } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { FileStore } from './files.js';
import type { Work } from './jobs.js';
import { NEUTRAL_BACKDROP } from './render/backdrop.js';
import { STYLE_BACKDROPS, styleOfPrompt } from './render/style-backdrops.js';
import { pickFraming } from './render/framing.js';
import { renderBlocked } from './render/blocked.js';
import { renderPortrait } from './render/portrait.js';
import { standInSubject, strangerCrop } from './render/stand-in-subject.js';
import type { WeightsCache } from './weights-cache.js';

export interface PredictorDeps {
  files: FileStore;
  weights: WeightsCache;
  /** Outputs are deleted after this long, as Replicate deletes API outputs after an hour. */
  outputTtlSec: number;
  /** Extra wall time per image, to make the pipeline's waiting visible in demos. */
  perImageDelayMs: number;
  /** Whether the safety check blocks the next image (a test hook: POST /_standin/fail-next). */
  blockOutput?: () => boolean;
}

const MIME = { webp: 'image/webp', jpg: 'image/jpeg', png: 'image/png' } as const;
const MONOCHROME = /\b(black and white|monochrome|b&w)\b/i;

/**
 * The local predictor: loads the customer's stand-in LoRA (their face crops), and renders each
 * output as a portrait of one of their crops on the backdrop of the style the prompt names.
 */
export function predictionWork(deps: PredictorDeps, input: PredictorInput): Work {
  return async (ctx) => {
    const seed = input.seed ?? randomInt(2 ** 31);
    ctx.log(`Using seed: ${seed}`);
    const loadStarted = Date.now();
    const { lora, cached } = await deps.weights.get(input.lora_weights, ctx.signal);
    ctx.log(
      `Loaded LoRA weights (${lora.crops.length} face crops, trigger "${lora.manifest.trigger_word}") ${cached ? 'from cache' : `in ${Date.now() - loadStarted} ms`}`,
    );
    if (!input.prompt.includes(lora.manifest.trigger_word)) {
      ctx.log(
        `Warning: the prompt does not contain the trigger word "${lora.manifest.trigger_word}"; a real LoRA would not render this person.`,
      );
    }
    const style = styleOfPrompt(input.prompt);
    const backdrop = (style && STYLE_BACKDROPS[style.id]) ?? NEUTRAL_BACKDROP;
    const { width, height } = outputSize(input.aspect_ratio, input.megapixels_long_side);
    ctx.log(
      `Style: ${style?.name ?? 'none matched (neutral backdrop)'}; ${input.num_outputs} image(s) at ${width}x${height}, ${input.num_inference_steps} steps, guidance ${input.guidance}, lora_scale ${input.lora_scale}`,
    );
    const urls: string[] = [];
    for (let i = 0; i < input.num_outputs; i++) {
      if (ctx.signal.aborted) throw ctx.signal.reason;
      const t = Date.now();
      const { crop, framing } = pickFraming(seed, i, lora.crops.length, MONOCHROME.test(input.prompt));
      const subject = standInSubject(seed, i);
      // As the real predictor does: a blocked image is replaced by grey and named blocked-<i>.
      const blocked = deps.blockOutput?.() ?? false;
      const image = blocked
        ? await renderBlocked(width, height, input.output_format, input.output_quality)
        : await renderPortrait({
            crop:
              subject === 'customer'
                ? lora.crops[crop]!
                : subject === 'stranger'
                  ? await strangerCrop()
                  : null,
            width,
            height,
            backdrop,
            framing,
            format: input.output_format,
            quality: input.output_quality,
          });
      if (deps.perImageDelayMs > 0) await sleep(deps.perImageDelayMs, undefined, { signal: ctx.signal });
      const url = await deps.files.put(
        ctx.jobId,
        `${blocked ? 'blocked' : 'out'}-${i}.${input.output_format}`,
        image,
        MIME[input.output_format],
        deps.outputTtlSec,
        () => ctx.markDataRemoved(),
      );
      urls.push(url);
      ctx.log(
        `Generated image ${i + 1}/${input.num_outputs} in ${Date.now() - t} ms${subject === 'customer' ? '' : ` (deliberately unlike the customer: ${subject})`}`,
      );
      if (blocked) ctx.log(`safety: blocked image(s) [${i}]`);
      ctx.setOutput([...urls]);
    }
    return urls;
  };
}
