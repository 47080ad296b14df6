// Run by the launcher as its --exec command: makes the functions emulator busy the way a 200-headshot
// order does (many concurrent calls, each given a worker process of its own), then finishes while
// those calls are still in flight, as a benchmark does once it has its figures.
// Usage: node tests/lifecycle/busy-functions.mjs <concurrent calls>
import { spawnSync } from 'node:child_process';

const calls = Number(process.argv[2] ?? 16);
const url = `${process.env.LIKENESS_FUNCTIONS_URL}/stripeWebhook`;

// The calls are left to run on; their answers (or the stack going away under them) do not matter.
for (let i = 0; i < calls; i++) {
  fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' }).catch(
    () => undefined,
  );
}

/** Worker processes of the functions emulator below the launcher (this script's grandparent). */
function workers() {
  const table = spawnSync('ps', ['-A', '-o', 'pid=,ppid=,args='], { encoding: 'utf8' })
    .stdout.split('\n')
    .map((line) => /^\s*(\d+)\s+(\d+)\s+(.*)$/.exec(line))
    .filter(Boolean)
    .map((m) => ({ pid: Number(m[1]), ppid: Number(m[2]), args: m[3] }));
  const parentOf = new Map(table.map((p) => [p.pid, p.ppid]));
  const launcher = parentOf.get(process.ppid);
  const below = new Set([launcher]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const p of table)
      if (!below.has(p.pid) && below.has(p.ppid)) {
        below.add(p.pid);
        grew = true;
      }
  }
  return table.filter((p) => below.has(p.pid) && p.args.includes('functionsEmulatorRuntime')).length;
}

const deadline = Date.now() + 60_000;
for (;;) {
  const count = workers();
  if (count >= calls) {
    console.log(`busy-functions: ${count} functions workers busy; finishing with the calls in flight`);
    process.exit(0);
  }
  if (Date.now() > deadline) {
    console.error(`busy-functions: only ${count} of ${calls} workers after 60 s`);
    process.exit(1);
  }
  await new Promise((resolve) => setTimeout(resolve, 200));
}
