// `npm test`: every test — lint and types, unit, emulator integration and rules, browser journeys,
// the stack's lifecycle, and the model package's CPU tests. Exits non-zero on the first failure.
import { join } from 'node:path';
import { buildBackend, buildWeb, install, requireChromium, root, step } from './steps.mjs';

requireChromium();
install();
buildBackend();
buildWeb();
const bin = (name) => join(root, 'node_modules', '.bin', name);
step('Types', bin('tsc'), ['-b', 'tsconfig.json']);
step('Format', bin('prettier'), ['--check', '.', '--log-level', 'warn']);
step('Lint', bin('eslint'), ['.', '--max-warnings', '0']);
step('Unit tests', bin('vitest'), ['run', '--project', 'unit']);
step('Emulator integration, rules and browser journeys', process.execPath, [
  join(root, 'packages/devstack/dist/launcher.js'),
  '--web',
  'start',
  // The journey's and the integration tests' selfies are edits of one public-domain portrait, which
  // the face embedding rightly calls near-copies; exact re-uploads are still caught by the hash.
  '--fn-env',
  'QC_DUPLICATE_MIN_COSINE=0.999',
  // Predictions through the predictor's deployment on the Replicate stand-in, as in production
  // (functions/test/warm-pool.test.ts checks it and the warm pool's scaling).
  '--fn-env',
  'REPLICATE_PREDICTOR_DEPLOYMENT=likeness/flux-headshots-local',
  '--exec',
  `${bin('vitest')} run --project emulator && cd e2e && ${join(root, 'e2e', 'node_modules', '.bin', 'playwright')} test`,
]);
// Starts and ends stacks of its own (offsets 70–90), so only once the stack above has stopped.
step('Stack lifecycle: every way the stack ends frees its processes and ports', bin('vitest'), [
  'run',
  '--project',
  'lifecycle',
]);
step('Model package CPU tests', 'bash', ['cog-model/scripts/test-cpu.sh']);
console.log('\nAll test suites passed.');
