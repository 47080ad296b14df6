#!/usr/bin/env node
/**
 * Selfie QC benchmark: cold start, and wall time and peak memory per photo for a 12-megapixel phone
 * JPEG and a 512 px selfie. Every measurement runs in a fresh child process, so peak RSS is that of
 * a process doing only this, as a Cloud Functions instance would.
 *
 *   pnpm --filter @likeness/selfie-qc build && node packages/selfie-qc/bench/qc.bench.mjs [--runs 7] [--cold 3]
 *
 * Prints medians. Targets (issue #3, 2-core machine): cold start < 1.5 s, 12 MP photo < 700 ms,
 * peak RSS < 600 MB.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const here = path.dirname(fileURLToPath(import.meta.url));
const dist = path.join(here, '..', 'dist', 'index.js');
const faces = path.join(here, '..', '..', '..', 'fixtures', 'faces');

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '7' },
    cold: { type: 'string', default: '3' },
    child: { type: 'string' },
    photo: { type: 'string' },
  },
});

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const mb = (bytes) => Math.round(bytes / (1024 * 1024));
/** user + system CPU time: unlike wall time, hardly inflated when other work shares the cores. */
const cpuMs = (usage) => (usage.user + usage.system) / 1000;
/** process.resourceUsage().maxRSS is in kilobytes: the process's peak resident set so far. */
const peakRss = () => process.resourceUsage().maxRSS * 1024;

async function childCold() {
  const started = performance.now();
  const cpuStart = process.cpuUsage();
  const { createSelfieQc } = await import(dist);
  const imported = performance.now();
  const qc = await createSelfieQc();
  const ready = performance.now();
  return {
    cpuMs: cpuMs(process.cpuUsage(cpuStart)),
    importMs: imported - started,
    createMs: ready - imported,
    totalMs: ready - started,
    ...qc.startup,
    peakRss: peakRss(),
  };
}

async function childPhoto(file, runs) {
  const { createSelfieQc } = await import(dist);
  const qc = await createSelfieQc();
  const afterStartup = peakRss();
  const bytes = readFileSync(file);
  const wall = [];
  const cpu = [];
  const stages = [];
  let verdict;
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    const c = process.cpuUsage();
    const result = await qc.assessPhoto(bytes);
    wall.push(performance.now() - t);
    cpu.push(cpuMs(process.cpuUsage(c)));
    stages.push(result.timings);
    verdict = `${result.verdict}${result.reasons.length ? ` (${result.reasons.map((r) => r.code).join(', ')})` : ''}`;
  }
  const stage = (k) => median(stages.map((s) => s[k]));
  return {
    verdict,
    wall,
    medianMs: median(wall),
    medianCpuMs: median(cpu),
    stagesMs: {
      decode: stage('decodeMs'),
      detect: stage('detectMs'),
      measure: stage('measureMs'),
      crop: stage('outputMs'),
    },
    peakRssAfterStartup: afterStartup,
    peakRss: peakRss(),
  };
}

function runChild(args) {
  const out = execFileSync(process.execPath, [fileURLToPath(import.meta.url), ...args], {
    encoding: 'utf8',
    maxBuffer: 1 << 24,
  });
  return JSON.parse(out.trim().split('\n').at(-1));
}

async function makePhotos(dir) {
  const { default: sharp } = await import('sharp');
  const source = path.join(faces, 'astronaut.jpg');
  // A 4032 × 3024 phone-sized JPEG (q90, ~3 MB) with sensor-like grain so it compresses like a photo.
  const width = 4032;
  const height = 3024;
  const grain = Buffer.alloc(width * height);
  let seed = 12345;
  for (let i = 0; i < grain.length; i++) {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    grain[i] = 128 + ((seed >>> 24) % 33) - 16;
  }
  const grainPng = await sharp(grain, { raw: { width, height, channels: 1 } })
    .toColourspace('srgb')
    .png({ compressionLevel: 1 })
    .toBuffer();
  const twelve = await sharp(source)
    .resize(height, height)
    .extend({ left: (width - height) / 2, right: (width - height) / 2, extendWith: 'mirror' })
    .composite([{ input: grainPng, blend: 'overlay' }])
    .jpeg({ quality: 90 })
    .toBuffer();
  const selfie = await sharp(source).jpeg({ quality: 90 }).toBuffer();
  const files = {
    '12 MP JPEG (4032×3024)': path.join(dir, 'twelve.jpg'),
    '512 px selfie': path.join(dir, 'selfie.jpg'),
  };
  writeFileSync(files['12 MP JPEG (4032×3024)'], twelve);
  writeFileSync(files['512 px selfie'], selfie);
  return { files, sizes: { twelve: twelve.length, selfie: selfie.length } };
}

async function main() {
  if (values.child === 'cold') return console.log(JSON.stringify(await childCold()));
  if (values.child === 'photo')
    return console.log(JSON.stringify(await childPhoto(values.photo, Number(values.runs))));

  const runs = Number(values.runs);
  const coldRuns = Number(values.cold);
  console.log(
    `selfie-qc benchmark — node ${process.version}, ${cpus().length} CPUs (${cpus()[0]?.model ?? '?'}), load ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}`,
  );

  const cold = Array.from({ length: coldRuns }, () => runChild(['--child', 'cold']));
  console.log(`\ncold start (median of ${coldRuns} fresh processes)`);
  console.log(
    `  import ${median(cold.map((c) => c.importMs)).toFixed(0)} ms + model load ${median(cold.map((c) => c.loadMs)).toFixed(0)} ms + warm-up ${median(cold.map((c) => c.warmupMs)).toFixed(0)} ms = ${median(cold.map((c) => c.totalMs)).toFixed(0)} ms   (target < 1500 ms)`,
  );
  console.log(
    `  CPU time ${median(cold.map((c) => c.cpuMs)).toFixed(0)} ms; peak RSS after start-up ${mb(median(cold.map((c) => c.peakRss)))} MB`,
  );

  const dir = mkdtempSync(path.join(tmpdir(), 'selfie-qc-bench-'));
  try {
    const { files, sizes } = await makePhotos(dir);
    console.log(
      `\nper photo (median of ${runs} runs, each photo in its own process; 12 MP file ${(sizes.twelve / 1e6).toFixed(1)} MB)`,
    );
    for (const [label, file] of Object.entries(files)) {
      const r = runChild(['--child', 'photo', '--photo', file, '--runs', String(runs)]);
      const s = r.stagesMs;
      console.log(
        `  ${label}: ${r.medianMs.toFixed(0)} ms wall, ${r.medianCpuMs.toFixed(0)} ms CPU  [decode ${s.decode.toFixed(0)}, detect+thumb ${s.detect.toFixed(0)}, measure ${s.measure.toFixed(0)}, crop ${s.crop.toFixed(0)}]  ${r.verdict}`,
      );
      console.log(
        `    runs ${r.wall.map((w) => w.toFixed(0)).join(' ')} ms; peak RSS ${mb(r.peakRss)} MB (${mb(r.peakRssAfterStartup)} MB after start-up, +${mb(r.peakRss - r.peakRssAfterStartup)} MB for the photo)`,
      );
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  console.log(`\ntargets: 12 MP < 700 ms median, peak RSS < 600 MB; load now ${loadavg()[0].toFixed(1)}`);
}

await main();
