#!/usr/bin/env node
// Writes the JSON Schema of the cog-model trainer and predictor inputs (from core's zod schemas) to
// cog-model/schema/, where the Python tests compare them with the Cog input declarations. With
// --check it writes nothing and exits 1 when the committed files differ from a fresh export, so a
// change on either side that is not carried to the other fails the tests.
//
//   node packages/core/scripts/export-model-schema.mjs          # after `npx tsc -b` in packages/core
//   node packages/core/scripts/export-model-schema.mjs --check
import { readFile, writeFile, mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { z } from 'zod';

const here = dirname(fileURLToPath(import.meta.url));
export const SCHEMA_DIR = join(here, '..', '..', '..', 'cog-model', 'schema');

/** Long sides the size table covers: the bounds, common sizes, and values that round both ways. */
const LONG_SIDES = [
  256, 257, 300, 512, 640, 700, 768, 777, 800, 1000, 1023, 1024, 1080, 1200, 1280, 1440, 1535, 1536,
];

const asJson = (value) => `${JSON.stringify(value, null, 2)}\n`;

/** `io: 'input'`: what a caller may send (fields with defaults are optional), as Cog's Input declares. */
const inputSchema = (core, name) => asJson({ title: name, ...z.toJSONSchema(core[name], { io: 'input' }) });

/** File name under cog-model/schema/ → how it is made from core's exports. */
export const SCHEMA_FILES = {
  'trainer-input.json': (core) => inputSchema(core, 'TrainerInput'),
  'predictor-input.json': (core) => inputSchema(core, 'PredictorInput'),
  // Pins core's outputSize arithmetic, which the predictor re-implements in Python.
  'output-sizes.json': (core) =>
    asJson({
      title: 'outputSize(aspect, longSide)',
      sizes: Object.fromEntries(
        core.AspectRatio.options.map((aspect) => [
          aspect,
          Object.fromEntries(LONG_SIDES.map((side) => [side, core.outputSize(aspect, side)])),
        ]),
      ),
    }),
};

/**
 * The text of each exported file.
 * @param {Record<string, any>} core core's exports (from dist, or from src in the vitest test)
 * @returns {Record<string, string>}
 */
export function renderModelSchemas(core) {
  return Object.fromEntries(Object.entries(SCHEMA_FILES).map(([file, make]) => [file, make(core)]));
}

/** Names of the committed files that differ from (or are missing next to) a fresh export. */
export async function staleSchemaFiles(rendered, dir = SCHEMA_DIR) {
  const stale = [];
  for (const [file, text] of Object.entries(rendered)) {
    const committed = await readFile(join(dir, file), 'utf8').catch(() => null);
    if (committed !== text) stale.push(file);
  }
  return stale;
}

async function main(argv) {
  const check = argv.includes('--check');
  const dist = join(here, '..', 'dist', 'index.js');
  const core = await import(pathToFileURL(dist).href).catch((e) => {
    throw new Error(`Cannot load ${dist} (build core first: cd packages/core && npx tsc -b): ${e.message}`);
  });
  const rendered = renderModelSchemas(core);
  if (check) {
    const stale = await staleSchemaFiles(rendered);
    if (stale.length > 0) {
      console.error(
        `cog-model/schema is out of step with packages/core/src/model-io.ts: ${stale.join(', ')}.\n` +
          'Run `node packages/core/scripts/export-model-schema.mjs`, then update cog-model to match.',
      );
      return 1;
    }
    console.log(`cog-model/schema matches core (${Object.keys(rendered).join(', ')}).`);
    return 0;
  }
  await mkdir(SCHEMA_DIR, { recursive: true });
  for (const [file, text] of Object.entries(rendered)) await writeFile(join(SCHEMA_DIR, file), text);
  console.log(`Wrote ${Object.keys(rendered).join(', ')} to ${SCHEMA_DIR}`);
  return 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (e) => {
      console.error(e instanceof Error ? e.message : e);
      process.exit(1);
    },
  );
}
