// `npm run dev`: install, build, then bring up emulators, stand-ins and the web app with demo data.
// `--skip-build` starts the stack from what is installed and built already (a restart, or a test
// right after `npm test` built everything). Other flags go to the launcher (e.g. `--offset 10`).
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { buildBackend, install, root } from './steps.mjs';

const args = process.argv.slice(2);
const skipBuild = args.includes('--skip-build');
if (!skipBuild) {
  install();
  buildBackend();
}
const launcher = spawn(
  process.execPath,
  [join(root, 'packages/devstack/dist/launcher.js'), ...args.filter((a) => a !== '--skip-build')],
  {
    cwd: root,
    stdio: 'inherit',
  },
);
// Every stop request goes to the launcher, which stops what it started; this script waits for it.
// A terminal's Ctrl-C reaches the launcher directly too: it takes a repeat within a second for the
// same request. Without this, a SIGTERM or SIGHUP (a closed terminal, a CI timeout, npm passing a
// signal on) would end this script and leave the launcher and the whole stack running.
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => {
    if (launcher.exitCode === null) launcher.kill(signal);
  });
}
launcher.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
