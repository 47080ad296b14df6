import { readFile } from 'node:fs/promises';
import { assessPhotoWith, type AssessPhotoOptions, type PhotoAssessment } from './assess-photo.js';
import { loadFaceModels } from './face-models.js';

export interface SelfieQc {
  /** One photo through the QC; calls on one instance run one at a time (see README: memory). */
  assessPhoto(bytes: Uint8Array, options?: AssessPhotoOptions): Promise<PhotoAssessment>;
  /** Cold start: model load, and a first detection that compiles the wasm kernels. */
  readonly startup: { loadMs: number; warmupMs: number };
}

export interface SelfieQcOptions {
  /**
   * Where the warm-up portrait is. Defaults to the package's own assets folder; a bundle that inlines
   * this package (the functions build) copies the file and passes its new place.
   */
  warmupImage?: string | URL;
}

const DEFAULT_WARMUP = new URL('../assets/warmup-face.jpg', import.meta.url);

/**
 * Loads the face models once; keep the instance for the life of the process (module scope in a
 * Cloud Function), since loading costs what a dozen photos do.
 */
export async function createSelfieQc(options: SelfieQcOptions = {}): Promise<SelfieQc> {
  const started = performance.now();
  const human = await loadFaceModels();
  const loadMs = performance.now() - started;

  // The first inference of each model allocates and compiles kernels; pay it here, on a face that
  // runs every stage (public-domain NASA portrait, see assets/README.md), not on a customer's photo.
  const warm = performance.now();
  const warmup = await assessPhotoWith(human, await readFile(options.warmupImage ?? DEFAULT_WARMUP), {
    trainingCrop: false,
  });
  if (warmup.verdict !== 'accepted')
    throw new Error(`selfie QC self-check failed: ${JSON.stringify(warmup.reasons)}`);
  const warmupMs = performance.now() - warm;

  // Photos are processed one after another: each holds up to 50 MB of decoded pixels, and a 2-core
  // instance gains nothing from interleaving CPU-bound work.
  let queue: Promise<unknown> = Promise.resolve();
  return {
    startup: { loadMs: Math.round(loadMs), warmupMs: Math.round(warmupMs) },
    assessPhoto(bytes, options) {
      const run = queue.then(() => assessPhotoWith(human, bytes, options));
      queue = run.catch(() => undefined);
      return run;
    },
  };
}
