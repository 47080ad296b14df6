import { createSelfieQc, type SelfieQc } from '@likeness/selfie-qc';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * One QC instance per function instance: loading the face models costs about a second, a photo a
 * few hundred milliseconds. The bundle (build.mjs) copies the warm-up portrait next to lib/index.js;
 * run from source (unit tests) the package finds its own copy.
 */
const BUNDLED_WARMUP = new URL('./assets/warmup-face.jpg', import.meta.url);

let instance: Promise<SelfieQc> | undefined;

export function selfieQc(): Promise<SelfieQc> {
  instance ??= createSelfieQc(
    existsSync(fileURLToPath(BUNDLED_WARMUP)) ? { warmupImage: BUNDLED_WARMUP } : {},
  ).catch((err: unknown) => {
    // A failed load must not poison the instance: the next photo tries again.
    instance = undefined;
    throw err;
  });
  return instance;
}
