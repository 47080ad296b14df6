import type { Config, Human } from '@vladmandic/human';
import { QC_FACE_DETECTOR, UNUSED_FACE_PARTS, UNUSED_MODULES } from '@likeness/selfie-qc/portable';

/**
 * Where next.config.ts copies human's browser build, its detector and mesh models and tfjs' wasm
 * binaries at build time: served by the app itself, since the page may not reach any CDN.
 */
export const FACE_MODEL_BASE = '/face-models/';

/**
 * The server QC's face settings (packages/selfie-qc face-models.ts: same detector, rotation, up to
 * five faces, same confidence floor), minus what guidance does not need: no embedding, age or
 * gender, which would triple the download. wasm, as on the server, so both read the same numbers and
 * it runs where WebGL is off.
 */
export function captureConfig(): Partial<Config> {
  return {
    backend: 'wasm',
    wasmPath: FACE_MODEL_BASE,
    modelBasePath: FACE_MODEL_BASE,
    debug: false,
    warmup: 'none',
    // Video frames follow each other closely; the detector may reuse its boxes for a few of them.
    cacheSensitivity: 0.7,
    face: {
      enabled: true,
      detector: QC_FACE_DETECTOR,
      mesh: { enabled: true },
      description: { enabled: false },
      ...UNUSED_FACE_PARTS,
    },
    ...UNUSED_MODULES,
  };
}

let loading: Promise<Human> | null = null;

/** Loads the library and its models on first use only: the capture view, never the page itself. */
export function loadFaceModels(): Promise<Human> {
  loading ??= (async () => {
    // Loaded as a file rather than bundled: the package's Node entry (what server rendering would
    // resolve) needs tfjs-node, and its browser build is self-contained.
    const { Human: HumanClass } = (await import(
      /* webpackIgnore: true */ /* turbopackIgnore: true */ `${FACE_MODEL_BASE}human.esm.js`
    )) as { Human: new (config: Partial<Config>) => Human };
    const human = new HumanClass(captureConfig());
    await human.load();
    await human.init();
    return human;
  })().catch((err: unknown) => {
    loading = null;
    throw err;
  });
  return loading;
}
