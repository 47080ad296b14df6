/**
 * Time of the basic selfie check on a 12 MP phone-sized JPEG (4000×3000, stored sideways with EXIF
 * orientation 6, as phones do). Prints the median of N runs.
 *
 *   cd functions && npx tsx bench/basic-qc.bench.ts [runs=15]
 *
 * libvips is limited to one thread, like a Cloud Functions instance with 1 GiB (about 0.6 vCPU).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import { basicCheck } from '../src/customer/qc/basic-check.js';

const runs = Number(process.argv[2] ?? 15);
if (!Number.isInteger(runs) || runs < 1) throw new Error('runs must be a positive integer');

sharp.concurrency(1);
const portrait = readFileSync(fileURLToPath(new URL('../../fixtures/faces/astronaut.jpg', import.meta.url)));
// Upscaled, plus sensor-like grain: without it a 12 MP JPEG is unrealistically small and fast to decode.
const grain = await sharp({
  create: {
    width: 3000,
    height: 4000,
    channels: 3,
    background: '#808080',
    noise: { type: 'gaussian', mean: 128, sigma: 24 },
  },
})
  .raw()
  .toBuffer();
const upright = await sharp(portrait)
  .resize(3000, 4000, { fit: 'fill' })
  .composite([{ input: grain, raw: { width: 3000, height: 4000, channels: 3 }, blend: 'soft-light' }])
  .toBuffer();
const photo = await sharp(upright)
  .rotate(-90)
  .withMetadata({ orientation: 6 })
  .jpeg({ quality: 92 })
  .toBuffer();
const meta = await sharp(photo).metadata();
console.log(
  `input: ${meta.width}×${meta.height} JPEG, ${(photo.length / 1e6).toFixed(2)} MB, orientation ${meta.orientation}`,
);

const first = await basicCheck(photo, 'image/jpeg');
console.log(
  `verdict: ${first.verdict} ${first.reasons.map((r) => r.code).join(',')} (${first.width}×${first.height})`,
);

// Wall time suffers on a busy machine; process CPU time (all threads) is what an instance pays.
const wall: number[] = [];
const cpu: number[] = [];
for (let i = 0; i < runs; i++) {
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  await basicCheck(photo, 'image/jpeg');
  const c = process.cpuUsage(c0);
  cpu.push((c.user + c.system) / 1000);
  wall.push(performance.now() - t0);
}
const stats = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))]!.toFixed(0);
  return `median ${at(0.5)} ms, min ${s[0]!.toFixed(0)} ms, p90 ${at(0.9)} ms`;
};
console.log(`basicCheck over ${runs} runs — wall: ${stats(wall)}; CPU: ${stats(cpu)}`);
