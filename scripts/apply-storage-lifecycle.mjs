// Applies storage.lifecycle.json (zip exports deleted after RETENTION.exportDays, a unit test keeps
// the two equal) to the project's bucket, as part of `npm run deploy`. Firebase's own deploy has no
// lifecycle support, so this goes through Cloud Storage's JSON API with the Google Cloud CLI's
// credentials when the CLI is installed, else with Application Default Credentials.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { root } from './steps.mjs';

// firebase-admin (a dependency of the functions) carries the Cloud Storage client.
const requireFromFunctions = createRequire(join(root, 'functions', 'package.json'));

export function applyStorageLifecycle(bucket) {
  const file = join(root, 'storage.lifecycle.json');
  const gcloud = spawnSync(
    'gcloud',
    ['storage', 'buckets', 'update', `gs://${bucket}`, `--lifecycle-file=${file}`],
    {
      stdio: 'inherit',
    },
  );
  if (gcloud.status === 0) return Promise.resolve();
  const { initializeApp } = requireFromFunctions('firebase-admin/app');
  const { getStorage } = requireFromFunctions('firebase-admin/storage');
  const lifecycle = JSON.parse(readFileSync(file, 'utf8'));
  return getStorage(initializeApp({ storageBucket: bucket }, 'lifecycle'))
    .bucket()
    .setMetadata({ lifecycle });
}
