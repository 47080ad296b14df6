// What a deploy changes, in order, as lines for `--dry-run` and for the log of a real deploy.
import { backupPlan } from './backups.mjs';
import { monitoringPlan } from './monitoring.mjs';

export function deployPlan(root, project, config, bucket) {
  const predictor = config.replicate.predictor;
  return [
    {
      step: 'Firestore rules, composite indexes and TTL policies',
      detail: 'firebase deploy --only firestore (firestore.rules, firestore.indexes.json)',
    },
    { step: 'Storage rules', detail: 'firebase deploy --only storage (storage.rules)' },
    {
      step: 'Functions',
      detail: `firebase deploy --only functions (self-contained bundle in functions/.deploy, nodejs22, ${config.region})`,
    },
    { step: 'Storage lifecycle rules', detail: `storage.lifecycle.json → gs://${bucket}` },
    {
      step: 'Web app (App Hosting)',
      detail: `firebase deploy --only apphosting: backend ${config.appHostingBackend}, root apps/web, env apphosting.yaml + apphosting.${config.appHostingEnvironment}.yaml`,
    },
    ...monitoringPlan(root, config.monitoring).map((detail) => ({ step: 'Monitoring', detail })),
    ...backupPlan(config.backups).map((detail) => ({ step: 'Backups', detail })),
    {
      step: 'Predictor warm pool',
      detail:
        'deployment' in predictor
          ? `${predictor.deployment}: ${predictor.idleMinInstances} instance(s) when idle, ${predictor.minInstances} while orders generate, at most ${predictor.maxInstances}; resized by the functions (keepWarmPoolSized every 5 minutes, scaleWarmPool when an order starts generating)`
          : `none: predictions by version ${predictor.version}`,
    },
  ];
}

export const formatPlan = (plan) =>
  plan.map((p, i) => `  ${String(i + 1).padStart(2)}. ${p.step}: ${p.detail}`).join('\n');
