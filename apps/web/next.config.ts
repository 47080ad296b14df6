import { copyFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { NextConfig } from 'next';

const require = createRequire(import.meta.url);

/**
 * The guided camera runs the server QC's face models in the browser. They, human's browser build and
 * tfjs' wasm binaries come from the npm packages the lockfile pins and are served from /face-models/
 * (gitignored), copied whenever Next loads this config (build, start, dev): the page may not reach a
 * CDN.
 */
function copyFaceModels(): void {
  const target = path.join(import.meta.dirname, 'public', 'face-models');
  mkdirSync(target, { recursive: true });
  // human's package exports hide its package.json; its module entry is dist/human.esm.js.
  const humanModels = path.join(path.dirname(require.resolve('@vladmandic/human')), '..', 'models');
  for (const file of ['blazeface.json', 'blazeface.bin', 'facemesh.json', 'facemesh.bin'])
    copyFileSync(path.join(humanModels, file), path.join(target, file));
  // Its browser build, tfjs included; the capture view imports it from here on first use.
  copyFileSync(path.join(humanModels, '..', 'dist', 'human.esm.js'), path.join(target, 'human.esm.js'));
  const wasmDist = path.dirname(require.resolve('@tensorflow/tfjs-backend-wasm'));
  for (const file of [
    'tfjs-backend-wasm.wasm',
    'tfjs-backend-wasm-simd.wasm',
    'tfjs-backend-wasm-threaded-simd.wasm',
  ])
    copyFileSync(path.join(wasmDist, file), path.join(target, file));
}

copyFaceModels();

const nextConfig: NextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // The marketing pages link previews straight from /public; nothing here needs next/image's optimizer.
  images: { unoptimized: true },
  // React Compiler memoises components and hooks: a Firestore snapshot re-renders what it changed,
  // not the whole order page (the order page bench's main-thread time was mostly React renders).
  reactCompiler: true,
  // No experimental.inlineCss: it put the stylesheet into each page's HTML three times (a <style> and
  // twice in the RSC payload), 96 KB → 230 KB per city page, and parsing that cost more main-thread
  // time than the request it saved (Houston, Lighthouse mobile, median of 5: 95 inlined, 97 linked).
};

export default nextConfig;
