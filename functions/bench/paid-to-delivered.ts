/**
 * Benchmark: one order of 40 headshots (starter plan, 2 styles) from paid to delivered on the local
 * stack, three times; prints the median and where the time went. Run under the launcher:
 *
 *   node packages/devstack/dist/launcher.js --offset 20 --no-web \
 *     --exec "functions/node_modules/.bin/tsx functions/bench/paid-to-delivered.ts"
 *
 * Phases, from the order's statusAt stamps and the stand-in's prediction timestamps:
 *   start     task posted → training created (dataset zip, signed URL, trainings.create)
 *   training  training created → weights copied, jobs planned (status generating)
 *   generation generating → the last prediction completed on the Replicate stand-in (its GPU pool
 *             runs two at a time, like a small warm deployment)
 *   ingest    last prediction completed → delivered (copy, thumbnails, docs, settle)
 */
import { z } from 'zod';
import { callTask, env, jobsOf, seedPaidOrder, waitForStatus } from '../test/helpers/pipeline.js';

const RUNS = Number(process.env.BENCH_RUNS ?? 3);

const Prediction = z.object({
  id: z.string(),
  created_at: z.string(),
  completed_at: z.string().nullable().optional(),
});

async function prediction(id: string) {
  const res = await fetch(`${env.LIKENESS_STANDIN_URLS.replicate}/v1/predictions/${id}`, {
    headers: { Authorization: `Bearer ${env.REPLICATE_API_TOKEN}` },
  });
  if (!res.ok) throw new Error(`GET prediction ${id}: ${res.status}`);
  return Prediction.parse(await res.json());
}

const ms = (t: { toMillis(): number }) => t.toMillis();

async function runOnce(i: number) {
  const { orderId } = await seedPaidOrder({
    planId: 'starter',
    styleIds: ['corporate-grey', 'modern-office'],
    photos: 12,
  });
  const t0 = Date.now();
  const status = await callTask('startTraining', { orderId });
  if (status !== 204) throw new Error(`startTraining answered ${status}`);
  const order = await waitForStatus(orderId, ['delivered', 'failed'], 600_000);
  const wall = Date.now() - t0;
  if (order.status !== 'delivered')
    throw new Error(`Run ${i}: order ended ${order.status}: ${JSON.stringify(order.error)}`);
  const at = order.statusAt as Record<string, { toMillis(): number }>;
  const jobs = await jobsOf(orderId);
  const preds = await Promise.all(jobs.map((j) => prediction(j.predictionId)));
  const lastCompleted = Math.max(...preds.map((p) => Date.parse(p.completed_at ?? p.created_at)));
  const firstCreated = Math.min(...preds.map((p) => Date.parse(p.created_at)));
  const lastCreated = Math.max(...preds.map((p) => Date.parse(p.created_at)));
  const phases = {
    start: ms(at.training!) - t0,
    training: ms(at.generating!) - ms(at.training!),
    generation: lastCompleted - ms(at.generating!),
    ingest: ms(at.delivered!) - lastCompleted,
  };
  const attempts = jobs.reduce((n, j) => n + j.attempt, 0);
  console.log(
    `run ${i + 1}: ${(wall / 1000).toFixed(2)} s  ` +
      Object.entries(phases)
        .map(([k, v]) => `${k} ${(v / 1000).toFixed(2)} s`)
        .join(', ') +
      `  (${order.images.done} images, ${jobs.length} predictions, ${attempts} attempts; ` +
      `first prediction created ${((firstCreated - ms(at.generating!)) / 1000).toFixed(2)} s and the last ` +
      `${((lastCreated - ms(at.generating!)) / 1000).toFixed(2)} s after generating began)`,
  );
  return { wall, phases };
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
};

const runs: Array<Awaited<ReturnType<typeof runOnce>>> = [];
for (let i = 0; i < RUNS; i++) runs.push(await runOnce(i));
const mid = runs.find((r) => r.wall === median(runs.map((x) => x.wall)))!;
console.log(`\npaid → delivered, 40 headshots, median of ${RUNS}: ${(mid.wall / 1000).toFixed(2)} s`);
console.log(
  'breakdown of the median run: ' +
    Object.entries(mid.phases)
      .map(([k, v]) => `${k} ${(v / 1000).toFixed(2)} s`)
      .join(', '),
);
process.exit(0);
