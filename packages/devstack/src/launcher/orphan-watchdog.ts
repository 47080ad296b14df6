/**
 * Ends the stack's process groups once the launcher is gone, however it went. The launcher writes each
 * group's id to this process's stdin, one per line; the kernel closes that pipe when the launcher
 * exits, even when it is killed with SIGKILL or by the out-of-memory killer, which no handler inside
 * the launcher can see. After a clean stop the groups are already empty and this exits at once.
 *
 * Started by `startOrphanWatchdog()` (orphan-watchdog-client.ts), in a session of its own, so that the
 * Ctrl-C meant for the launcher does not end it first.
 */
import { ProcessGroups } from './process-groups.js';

const groups = new ProcessGroups();
let pending = '';

process.stdin.setEncoding('utf8');
process.stdin.on('data', (chunk: string) => {
  const lines = (pending + chunk).split('\n');
  pending = lines.pop()!;
  for (const line of lines) if (/^\d+$/.test(line)) groups.add(Number(line));
});
process.stdin.on('end', () => void endAll());
process.stdin.on('error', () => void endAll());

// Forget groups as they empty, so that a long-lived stack never holds on to a reusable group id.
setInterval(() => groups.members(), 10_000).unref();

let ending = false;
async function endAll(): Promise<void> {
  if (ending) return;
  ending = true;
  const ended = await groups.end();
  if (ended.length) {
    console.error(
      `[watchdog] The launcher is gone; ended ${ended.length} process(es) of its stack that were still running.`,
    );
  }
  process.exit(0);
}
