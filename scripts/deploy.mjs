// `npm run deploy -- --project <your-project>`: deploys rules, indexes and functions to a real
// Firebase project. Cloud Build cannot install `workspace:` dependencies, so the functions ship as a
// self-contained folder: the esbuild bundle (workspace packages inlined) plus a package.json that
// lists only the npm dependencies.
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { applyStorageLifecycle } from './apply-storage-lifecycle.mjs';
import { buildBackend, install, root, step } from './steps.mjs';

const { values } = parseArgs({ options: { project: { type: 'string' }, bucket: { type: 'string' } } });
if (!values.project || values.project.startsWith('demo-')) {
  console.error('Usage: npm run deploy -- --project <real firebase project id>');
  process.exit(2);
}

install();
buildBackend();

const out = join(root, 'functions', '.deploy');
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
cpSync(join(root, 'functions', 'lib'), join(out, 'lib'), { recursive: true });
const pkg = JSON.parse(readFileSync(join(root, 'functions', 'package.json'), 'utf8'));
writeFileSync(
  join(out, 'package.json'),
  JSON.stringify(
    {
      name: pkg.name,
      private: true,
      type: 'module',
      main: pkg.main,
      engines: { node: '22' },
      dependencies: pkg.dependencies,
    },
    null,
    2,
  ),
);
const envFile = join(root, 'functions', `.env.${values.project}`);
if (existsSync(envFile)) cpSync(envFile, join(out, `.env.${values.project}`));

const config = JSON.parse(readFileSync(join(root, 'firebase.json'), 'utf8'));
config.functions = config.functions.map((f) => ({
  ...f,
  source: 'functions/.deploy',
  ignore: ['node_modules'],
}));
delete config.emulators;
writeFileSync(join(root, 'firebase.deploy.json'), JSON.stringify(config, null, 2));

step('Deploy to Firebase', join(root, 'node_modules', '.bin', 'firebase'), [
  'deploy',
  '--project',
  values.project,
  '--config',
  'firebase.deploy.json',
  '--only',
  'firestore,storage,functions',
]);

// Zip exports expire by a bucket lifecycle rule; Firestore TTL policies (upload intents, rate
// counters) deployed above with the indexes file.
const bucket = values.bucket ?? `${values.project}.firebasestorage.app`;
try {
  await applyStorageLifecycle(bucket);
  console.log(`✔ Storage lifecycle rules applied to gs://${bucket}`);
} catch (e) {
  console.error(`✖ Could not apply storage.lifecycle.json to gs://${bucket} (${e.message}).`);
  console.error(
    `  Run: gcloud storage buckets update gs://${bucket} --lifecycle-file=storage.lifecycle.json`,
  );
  process.exit(1);
}
