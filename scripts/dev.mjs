// `npm run dev`: install, build, then bring up emulators, stand-ins and the web app with demo data.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { buildBackend, install, root } from './steps.mjs';

install();
buildBackend();
const launcher = spawn(
  process.execPath,
  [join(root, 'packages/devstack/dist/launcher.js'), ...process.argv.slice(2)],
  {
    cwd: root,
    stdio: 'inherit',
  },
);
// Ctrl-C reaches the launcher through the terminal's process group; it stops what it started.
process.on('SIGINT', () => undefined);
launcher.on('exit', (code) => process.exit(code ?? 0));
