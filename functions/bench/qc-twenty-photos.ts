/**
 * Benchmark: 20 selfies uploaded together to one order on the local stack, three times (a fresh order
 * each, the first one pays the QC cold start); prints the time from the last upload confirmed to the
 * last verdict, and to the set-level result (counters and gate) landing on the order. Run under the
 * launcher, with the test stack's near-copy threshold since the selfies are edits of one portrait:
 *
 *   node packages/devstack/dist/launcher.js --offset 30 --no-web --fn-env QC_DUPLICATE_MIN_COSINE=0.999 \
 *     --exec "cd functions && node_modules/.bin/tsx bench/qc-twenty-photos.ts"
 */
import {
  createDraftOrder,
  readOrderDoc,
  readPhotoDoc,
  selfie,
  uploadPhotos,
} from '../test/helpers/customer.js';
import { signUp, sleep } from '../test/helpers/emulator.js';

const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const PHOTOS = 20;

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

async function runOnce(run: number) {
  const user = await signUp();
  const orderId = await createDraftOrder(user);
  const files = await Promise.all(Array.from({ length: PHOTOS }, (_, i) => selfie(100 * (run + 1) + i)));
  // uploadPhotos PUTs every file, then confirms them in one call: the moment the last upload lands.
  const { photoIds } = await uploadPhotos(user, orderId, files);
  const confirmed = Date.now();
  let lastVerdict = 0;
  const qcMs: number[] = [];
  for (;;) {
    const photos = await Promise.all(photoIds.map((id) => readPhotoDoc(orderId, id)));
    const judged = photos.filter((p) => p && p.status !== 'pending');
    if (judged.length === PHOTOS && !lastVerdict) {
      lastVerdict = Date.now() - confirmed;
      for (const p of photos) qcMs.push(Number((p as Record<string, unknown>).qcMs ?? 0));
    }
    const order = await readOrderDoc(orderId);
    if (lastVerdict && order.photos?.pending === 0 && order.photos.uploaded === PHOTOS) {
      return {
        lastVerdict,
        setLanded: Date.now() - confirmed,
        qcMedian: median(qcMs),
        counted: order.photos.counted,
        status: order.status,
      };
    }
    if (Date.now() - confirmed > 300_000) throw new Error(`run ${run}: QC did not finish in 5 minutes`);
    await sleep(100);
  }
}

const results = [];
for (let run = 0; run < RUNS; run++) {
  const r = await runOnce(run);
  results.push(r);
  console.log(
    `run ${run + 1}: last verdict ${r.lastVerdict} ms, set result ${r.setLanded} ms after confirm; ` +
      `per-photo QC median ${r.qcMedian} ms; ${r.counted} counted; order ${r.status}`,
  );
}
console.log(
  `\n${PHOTOS} photos, ${RUNS} runs: median last upload → last verdict ${median(results.map((r) => r.lastVerdict))} ms; ` +
    `→ set result on the order ${median(results.map((r) => r.setLanded))} ms`,
);
process.exit(0);
