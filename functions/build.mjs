// Bundles the functions into lib/index.js: workspace packages (@likeness/*) are inlined so the
// deployed source has no workspace: dependencies (Cloud Build cannot install them); npm packages
// stay external and are installed from package.json as usual.
import { build } from 'esbuild';
import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));

await build({
  entryPoints: ['src/index.ts'],
  outfile: 'lib/index.js',
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  sourcemap: true,
  external: Object.keys(pkg.dependencies ?? {}),
  // Some bundled CommonJS helpers call require(); give ESM output a real one.
  banner: {
    js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);",
  },
  logLevel: 'warning',
});

// Selfie QC warms its face models up on a bundled portrait; the inlined package looks for it next to
// the bundle (functions/src/qc/selfie-qc.ts).
mkdirSync(new URL('./lib/assets/', import.meta.url), { recursive: true });
copyFileSync(
  new URL('../packages/selfie-qc/assets/warmup-face.jpg', import.meta.url),
  new URL('./lib/assets/warmup-face.jpg', import.meta.url),
);
