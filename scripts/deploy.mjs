// `npm run deploy -- --project <your-project>`: checks that the project is wired for production
// (the preflight, scripts/deploy/preflight.mjs), then deploys rules, indexes and TTL policies,
// functions, storage lifecycle rules, the web app (App Hosting), monitoring and backups.
//
//   --dry-run                 print the preflight verdicts and the plan; change nothing
//   --standins                run the preflight against the local stand-ins started in-process
//                             (implies --dry-run; shows what each check answers without a real account)
//   --create-stripe-webhook   register the functions' Stripe webhook endpoint if it is missing
//   --bucket <name>           the Cloud Storage bucket (default <project>.firebasestorage.app)
//
// Cloud Build cannot install `workspace:` dependencies, so the functions ship as a self-contained
// folder: the esbuild bundle (workspace packages inlined) plus a package.json that lists only the npm
// dependencies.
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { applyStorageLifecycle } from './apply-storage-lifecycle.mjs';
import { applyBackups } from './deploy/backups.mjs';
import { loadProjectConfig } from './deploy/config.mjs';
import { productionContext, standinContext } from './deploy/context.mjs';
import { applyMonitoring } from './deploy/monitoring.mjs';
import { deployPlan, formatPlan } from './deploy/plan.mjs';
import { checkStripeWebhook, createStripeWebhook, formatResults, runPreflight } from './deploy/preflight.mjs';
import { buildBackend, install, root, step } from './steps.mjs';

const { values } = parseArgs({
  options: {
    project: { type: 'string' },
    bucket: { type: 'string' },
    'dry-run': { type: 'boolean', default: false },
    standins: { type: 'boolean', default: false },
    'create-stripe-webhook': { type: 'boolean', default: false },
  },
});
if (!values.project || values.project.startsWith('demo-')) {
  console.error('Usage: npm run deploy -- --project <real firebase project id> [--dry-run] [--standins]');
  process.exit(2);
}
const dryRun = values['dry-run'] || values.standins;

let config;
try {
  config = loadProjectConfig(root, values.project);
} catch (e) {
  console.error(`✖ ${e.message}`);
  process.exit(2);
}

// A dry run changes nothing remote; it only builds locally when a fresh clone has nothing built.
const built = ['packages/core/dist/index.js', 'packages/devstack/dist/index.js'].every((f) =>
  existsSync(join(root, f)),
);
if (!dryRun || !built) {
  install();
  buildBackend();
}

const bucket = values.bucket ?? `${values.project}.firebasestorage.app`;
console.log(`\n▶ Preflight for ${values.project}${values.standins ? ' against the local stand-ins' : ''}`);
const ctx = values.standins
  ? await standinContext(root, values.project, config)
  : await productionContext(root, values.project, config);
let results;
try {
  results = await runPreflight(ctx);
  const webhook = results.find((r) => r.id === 'stripe-webhook');
  if (
    values['create-stripe-webhook'] &&
    webhook?.verdict === 'fail' &&
    /no endpoint/.test(webhook.details.join())
  ) {
    if (dryRun) {
      webhook.details.push('--create-stripe-webhook: would create it (not in a dry run)');
    } else {
      const created = await createStripeWebhook(ctx);
      console.log(`✔ Created Stripe webhook endpoint ${created.id} → ${created.url}`);
      console.log(
        `  Its signing secret is shown once: firebase functions:secrets:set STRIPE_WEBHOOK_SECRET --project ${values.project}  (value ${created.secret})`,
      );
      results[results.indexOf(webhook)] = await checkStripeWebhook(ctx);
    }
  }
} finally {
  await ctx.stop?.();
}
console.log(formatResults(results));
const failed = results.some((r) => r.verdict === 'fail');

console.log(`\n${dryRun ? 'Would deploy' : 'Deploying'} to ${values.project}:`);
console.log(formatPlan(deployPlan(root, values.project, config, bucket)));
if (dryRun) {
  console.log(
    `\nDry run: nothing was changed.${failed ? ' A real deploy would stop at the preflight.' : ''}`,
  );
  process.exit(failed ? 1 : 0);
}
if (failed) {
  console.error(
    '\n✖ Not deploying: fix the failed checks above (each names what to do), then run this again.',
  );
  process.exit(1);
}

const out = join(root, 'functions', '.deploy');
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
cpSync(join(root, 'functions', 'lib'), join(out, 'lib'), { recursive: true });
const pkg = JSON.parse(readFileSync(join(root, 'functions', 'package.json'), 'utf8'));
writeFileSync(
  join(out, 'package.json'),
  JSON.stringify(
    {
      name: pkg.name,
      private: true,
      type: 'module',
      main: pkg.main,
      engines: { node: '22' },
      dependencies: pkg.dependencies,
    },
    null,
    2,
  ),
);
const envFile = join(root, 'functions', `.env.${values.project}`);
if (existsSync(envFile)) cpSync(envFile, join(out, `.env.${values.project}`));

const firebaseConfig = JSON.parse(readFileSync(join(root, 'firebase.json'), 'utf8'));
firebaseConfig.functions = firebaseConfig.functions.map((f) => ({
  ...f,
  source: 'functions/.deploy',
  ignore: ['node_modules'],
}));
// The backend id is per project, so the App Hosting block is written here rather than in
// firebase.json. The whole repository is uploaded (the web app needs packages/core); App Hosting
// builds in the backend's root directory, apps/web.
firebaseConfig.apphosting = {
  backendId: config.appHostingBackend,
  rootDir: 'apps/web',
  ignore: [
    'node_modules',
    '.git',
    '.devstack',
    'cog-model',
    '**/.next',
    '**/.apphosting',
    'firebase-debug.log',
  ],
  alwaysDeployFromSource: true,
};
delete firebaseConfig.emulators;
writeFileSync(join(root, 'firebase.deploy.json'), JSON.stringify(firebaseConfig, null, 2));

const firebase = join(root, 'node_modules', '.bin', 'firebase');
const firebaseArgs = ['--project', values.project, '--config', 'firebase.deploy.json', '--non-interactive'];
step('Deploy to Firebase', firebase, ['deploy', ...firebaseArgs, '--only', 'firestore,storage,functions']);

// Zip exports expire by a bucket lifecycle rule; Firestore TTL policies (upload intents, rate
// counters) deployed above with the indexes file.
try {
  await applyStorageLifecycle(bucket);
  console.log(`✔ Storage lifecycle rules applied to gs://${bucket}`);
} catch (e) {
  console.error(`✖ Could not apply storage.lifecycle.json to gs://${bucket} (${e.message}).`);
  console.error(
    `  Run: gcloud storage buckets update gs://${bucket} --lifecycle-file=storage.lifecycle.json`,
  );
  process.exit(1);
}

step('Deploy the web app (App Hosting)', firebase, ['deploy', ...firebaseArgs, '--only', 'apphosting']);

for (const [title, apply] of [
  ['Log-based metrics and alert policies', () => applyMonitoring(root, values.project, config.monitoring)],
  ['Firestore backup schedules', () => applyBackups(values.project, config.backups)],
]) {
  try {
    apply();
    console.log(`✔ ${title}`);
  } catch (e) {
    console.error(`✖ ${title}: ${e.message}`);
    process.exit(1);
  }
}
