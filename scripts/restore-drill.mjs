#!/usr/bin/env node
// The backup restore drill on the emulator (docs/RUNBOOK.md#restore-drill): writes known orders to a
// Firestore emulator, exports them on exit, starts a fresh emulator from the export and checks that
// exactly those orders came back; then checks that a fresh emulator without the import has none, so
// the drill cannot pass by reading leftovers. Uses its own ports and a demo- project, next to (not
// instead of) any running local stack. Needs the packages built (`pnpm build`).
//
//   node scripts/restore-drill.mjs
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { root } from './steps.mjs';

const { firestoreEmulatorJar } = await import(join(root, 'packages/devstack/dist/launcher/firestore-jar.js'));

const PROJECT = 'demo-restore-drill';
const PORT = 8391;
const dir = mkdtempSync(join(tmpdir(), 'likeness-restore-drill-'));
const orders = { o1: 'delivered', o2: 'generating', o3: 'failed' };
const base = `http://127.0.0.1:${PORT}/v1/projects/${PROJECT}/databases/(default)/documents/orders`;

writeFileSync(
  join(dir, 'firebase.json'),
  JSON.stringify({
    emulators: {
      firestore: { host: '127.0.0.1', port: PORT },
      hub: { host: '127.0.0.1', port: 4491 },
      logging: { host: '127.0.0.1', port: 4591 },
      ui: { enabled: false },
      singleProjectMode: true,
    },
  }),
);
// The emulator REST API with `Bearer owner` bypasses security rules, like the admin SDK.
writeFileSync(
  join(dir, 'write.mjs'),
  `for (const [id, status] of Object.entries(${JSON.stringify(orders)})) {
  const r = await fetch(${JSON.stringify(base)} + '?documentId=' + id, { method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: 'Bearer owner' },
    body: JSON.stringify({ fields: { status: { stringValue: status } } }) });
  if (!r.ok) throw new Error(r.status + ' ' + (await r.text()));
}`,
);
writeFileSync(
  join(dir, 'read.mjs'),
  `const r = await fetch(${JSON.stringify(base)}, { headers: { Authorization: 'Bearer owner' } });
const { documents = [] } = await r.json();
console.log(JSON.stringify(Object.fromEntries(documents.map((d) => [d.name.split('/').pop(), d.fields.status.stringValue]))));`,
);

const jar = firestoreEmulatorJar(dir);
const env = { ...process.env, ...(jar ? { FIRESTORE_EMULATOR_BINARY_PATH: jar } : {}) };
const firebase = join(root, 'node_modules/.bin/firebase');
const exec = (extra, script) => {
  const r = spawnSync(
    firebase,
    ['emulators:exec', '--only', 'firestore', '--project', PROJECT, ...extra, `node ${script}`],
    {
      cwd: dir,
      env,
      encoding: 'utf8',
    },
  );
  if (r.status !== 0) throw new Error(`emulators:exec ${extra.join(' ')} failed:\n${r.stdout}${r.stderr}`);
  return r.stdout;
};
const readBack = (out) => JSON.parse(out.split('\n').find((l) => l.startsWith('{')) ?? '{}');

let ok;
try {
  exec(['--export-on-exit', './export'], 'write.mjs');
  console.log(`✔ wrote ${Object.keys(orders).length} orders and exported them`);
  const restored = readBack(exec(['--import', './export'], 'read.mjs'));
  const empty = readBack(exec([], 'read.mjs'));
  ok = JSON.stringify(restored) === JSON.stringify(orders) && Object.keys(empty).length === 0;
  console.log(
    `${ok ? '✔' : '✖'} restored from the export: ${JSON.stringify(restored)}; without it: ${JSON.stringify(empty)}`,
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
process.exit(ok ? 0 : 1);
