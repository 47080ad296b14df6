/**
 * Benchmark: the identity score's cost per headshot at ingest (issue 14), with the selfie-QC models
 * warm as they are in a running ingest instance. Headshots are 819 × 1024 (4:5 at 1 MP long side, the
 * predictor's default): the test person in new framings, a stranger, and a frame with no face.
 * Prints the median wall and CPU time per image and the process's peak RSS, plus each kind's scores.
 *
 *   functions/node_modules/.bin/tsx functions/bench/likeness-per-image.ts [--runs 5]
 */
import { selfieVariant } from '@likeness/devstack/selfie-variants';
import { medoid } from '@likeness/selfie-qc';
import { readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import sharp from 'sharp';
import { selfieQc } from '../src/qc/selfie-qc.js';
import { scoreHeadshot } from '../src/likeness/score-headshot.js';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '5' } } });
const runs = Number(values.runs);
const face = (name: string) =>
  readFileSync(fileURLToPath(new URL(`../../fixtures/faces/${name}`, import.meta.url)));
const SIZE = { width: 819, height: 1024 };

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

const astronaut = face('astronaut.jpg');
// The reference as training start picks it: the medoid of the accepted selfies' embeddings.
const qc = await selfieQc();
const selfies = await Promise.all(Array.from({ length: 10 }, (_, i) => selfieVariant(astronaut, i)));
const embedded = [];
for (const bytes of selfies) {
  const { embedding } = await qc.assessPhoto(bytes, { trainingCrop: false });
  if (embedding) embedded.push({ embedding });
}
const reference = medoid(embedded).embedding;
const headshots = {
  customer: await Promise.all(Array.from({ length: 6 }, (_, i) => selfieVariant(astronaut, 40 + i, SIZE))),
  stranger: [await sharp(face('grace_hopper.jpg')).resize(SIZE.width, SIZE.height).jpeg().toBuffer()],
  'no face': [await sharp(face('coffee.jpg')).resize(SIZE.width, SIZE.height).jpeg().toBuffer()],
};

// The first headshot after the selfies still warms kernels for the new size.
const cold = performance.now();
await scoreHeadshot(headshots.customer[0]!, reference);
const coldMs = performance.now() - cold;

const wall: number[] = [];
const cpu: number[] = [];
const scores: Record<string, number[]> = {};
for (let r = 0; r < runs; r++) {
  for (const [kind, images] of Object.entries(headshots)) {
    for (const bytes of images) {
      const c = process.cpuUsage();
      const t = performance.now();
      const { likeness } = await scoreHeadshot(bytes, reference);
      wall.push(performance.now() - t);
      const used = process.cpuUsage(c);
      cpu.push((used.user + used.system) / 1000);
      if (r === 0) (scores[`${kind} (${likeness.band})`] ??= []).push(likeness.score);
    }
  }
}
console.log(
  JSON.stringify(
    {
      machine: { cpus: cpus().length, load1: Math.round(loadavg()[0]! * 100) / 100 },
      images: wall.length,
      firstCallMs: Math.round(coldMs),
      medianWallMs: Math.round(median(wall)),
      medianCpuMs: Math.round(median(cpu)),
      peakRssMb: Math.round((process.resourceUsage().maxRSS * 1024) / 2 ** 20),
      scores,
    },
    null,
    2,
  ),
);
