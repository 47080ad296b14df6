import { createRequire } from 'node:module';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Config, FaceResult, Human } from '@vladmandic/human';
import { QC_FACE_DETECTOR, UNUSED_FACE_PARTS, UNUSED_MODULES } from './portable.js';

/**
 * Loads @vladmandic/human on tfjs' wasm backend with the models from its own npm package, offline.
 *
 * Why this way (see README "Choice of models"): human ships every model we need inside the package
 * (detector, mesh with pose, age/gender, 1024-d face embedding), runs on wasm without native
 * downloads, and loads in ~0.2 s. Its package `exports` lack "./" prefixes, so subpaths cannot be
 * imported by name: the wasm build is loaded by path next to the resolved main entry.
 */

const require = createRequire(import.meta.url);

export interface FaceModelPaths {
  humanEntry: string;
  modelsDir: string;
  wasmDir: string;
}

export function faceModelPaths(): FaceModelPaths {
  const humanDist = path.dirname(require.resolve('@vladmandic/human'));
  return {
    humanEntry: path.join(humanDist, 'human.node-wasm.js'),
    modelsDir: path.join(humanDist, '..', 'models'),
    // tfjs-backend-wasm looks for its .wasm files on a CDN unless told where they are.
    wasmDir: path.dirname(require.resolve('@tensorflow/tfjs-backend-wasm')) + path.sep,
  };
}

/** Only what the QC needs; everything else (body, hands, emotion, liveness, …) stays unloaded. */
export function humanConfig(paths: FaceModelPaths): Partial<Config> {
  return {
    backend: 'wasm',
    wasmPath: paths.wasmDir,
    modelBasePath: `file://${paths.modelsDir}${path.sep}`,
    debug: false,
    // Photos are unrelated stills: never reuse a previous frame's boxes.
    cacheSensitivity: 0,
    skipAllowed: false,
    face: {
      enabled: true,
      detector: { ...QC_FACE_DETECTOR, skipFrames: 0, skipTime: 0 },
      mesh: { enabled: true },
      description: { enabled: true, skipFrames: 0, skipTime: 0 },
      ...UNUSED_FACE_PARTS,
    },
    ...UNUSED_MODULES,
  };
}

interface WeightsManifestGroup {
  paths: string[];
  weights: unknown[];
}

interface TfIo {
  registerLoadRouter(router: (url: string | string[]) => unknown): void;
  getModelArtifactsForJSON(
    json: unknown,
    loadWeights: (manifest: WeightsManifestGroup[]) => Promise<[unknown[], ArrayBuffer]>,
  ): Promise<unknown>;
}

const routedEngines = new WeakSet<object>();

/**
 * tfjs without tfjs-node cannot read file:// URLs. This router serves model.json and its weight
 * shards from the models folder, and nothing outside it.
 */
function registerModelFileRouter(io: TfIo, modelsDir: string): void {
  if (routedEngines.has(io)) return;
  routedEngines.add(io);
  const root = path.resolve(modelsDir) + path.sep;
  io.registerLoadRouter((url) => {
    const first = Array.isArray(url) ? url[0] : url;
    if (typeof first !== 'string' || !first.startsWith('file://')) return null;
    const file = path.resolve(first.slice('file://'.length));
    if (!file.startsWith(root)) return null;
    return {
      load: async () => {
        const json: unknown = JSON.parse(await readFile(file, 'utf8'));
        return io.getModelArtifactsForJSON(json, async (manifest) => {
          const specs: unknown[] = [];
          const shards: Buffer[] = [];
          for (const group of manifest) {
            specs.push(...group.weights);
            for (const shard of group.paths) {
              const shardPath = path.resolve(path.dirname(file), shard);
              if (!shardPath.startsWith(root))
                throw new Error(`weight shard outside the models folder: ${shard}`);
              shards.push(await readFile(shardPath));
            }
          }
          const all = Buffer.concat(shards);
          return [specs, all.buffer.slice(all.byteOffset, all.byteOffset + all.byteLength) as ArrayBuffer];
        });
      },
    };
  });
}

export type { FaceResult, Human };

export async function loadFaceModels(): Promise<Human> {
  const paths = faceModelPaths();
  const { Human: HumanClass } = require(paths.humanEntry) as {
    Human: new (config: Partial<Config>) => Human;
  };
  const human = new HumanClass(humanConfig(paths));
  registerModelFileRouter((human.tf as { io: TfIo }).io, paths.modelsDir);
  await human.load();
  await (human.tf as { ready(): Promise<void> }).ready();
  const backend = (human.tf as { getBackend(): string }).getBackend();
  if (backend !== 'wasm') throw new Error(`face models run on '${backend}', expected the wasm backend`);
  return human;
}
