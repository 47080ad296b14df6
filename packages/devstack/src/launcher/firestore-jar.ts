import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Where Google Cloud's CLI package keeps the Firestore emulator on machines that have it. */
const GCLOUD_FIRESTORE_JAR =
  '/usr/lib/google-cloud-sdk/platform/cloud-firestore-emulator/cloud-firestore-emulator.jar';

/**
 * firebase-tools starts the Firestore emulator with `java -jar`, but the CLI package's JAR has no
 * Main-Class. A manifest-only wrapper JAR fixes that, offline. Without the CLI package, returns
 * undefined and firebase-tools downloads its own copy.
 */
export function firestoreEmulatorJar(workDir: string): string | undefined {
  if (!existsSync(GCLOUD_FIRESTORE_JAR)) return undefined;
  const out = join(workDir, 'firestore-emulator.jar');
  if (existsSync(out)) return out;
  mkdirSync(workDir, { recursive: true });
  const manifest = join(workDir, 'firestore-manifest.txt');
  writeFileSync(
    manifest,
    `Main-Class: com.google.cloud.datastore.emulator.firestore.CloudFirestore\nClass-Path: ${GCLOUD_FIRESTORE_JAR}\n`,
  );
  execFileSync('jar', ['cfm', out, manifest], { cwd: workDir, stdio: 'inherit' });
  return out;
}
