// Observability as code: the log-based metrics and alert policies under ops/monitoring/, rendered
// for one project (notification channels, the GPU budget from deploy.config.json) and applied with
// the Google Cloud CLI: created when missing, updated in place when present (matched by name for
// metrics and by display name for policies), so deploying twice changes nothing.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Replicate's H100 list price (SERVICES.md); the GPU budget alert converts dollars to seconds with it. */
export const GPU_USD_PER_SECOND = 0.001525;

const readDir = (dir) =>
  readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => ({ file: join(dir, f), body: JSON.parse(readFileSync(join(dir, f), 'utf8')) }));

export function loadMonitoring(root) {
  return {
    metrics: readDir(join(root, 'ops/monitoring/metrics')),
    policies: readDir(join(root, 'ops/monitoring/policies')),
  };
}

/** A policy as it is sent for one project: the budget filled in, the project's channels attached. */
export function renderPolicy(policy, monitoringConfig) {
  const gpuSeconds = Math.round(monitoringConfig.gpuSpendPerDayUsd / GPU_USD_PER_SECOND);
  const text = JSON.stringify(policy).replaceAll('{{GPU_SECONDS_PER_DAY}}', String(gpuSeconds));
  const rendered = JSON.parse(text);
  if (monitoringConfig.notificationChannels.length)
    rendered.notificationChannels = monitoringConfig.notificationChannels;
  return rendered;
}

export function monitoringPlan(root, monitoringConfig) {
  const { metrics, policies } = loadMonitoring(root);
  return [
    ...metrics.map((m) => `log-based metric ${m.body.name}: ${m.body.description}`),
    ...policies.map((p) => {
      const budget = JSON.stringify(p.body).includes('{{GPU_SECONDS_PER_DAY}}')
        ? ` (budget $${monitoringConfig.gpuSpendPerDayUsd}/day = ${Math.round(monitoringConfig.gpuSpendPerDayUsd / GPU_USD_PER_SECOND)} GPU s)`
        : '';
      const runbook = /docs\/RUNBOOK\.md#[\w-]+/.exec(p.body.documentation.content)?.[0];
      return `alert policy "${p.body.displayName}"${budget} → ${runbook}`;
    }),
  ];
}

function gcloud(args, opts = {}) {
  const r = spawnSync('gcloud', args, { encoding: 'utf8', ...opts });
  if (r.error)
    throw new Error(
      `gcloud is not installed (${r.error.message}): install the Google Cloud CLI to apply monitoring`,
    );
  return r;
}

/** Creates or updates every metric and policy in the project; throws with gcloud's words on failure. */
export function applyMonitoring(root, project, monitoringConfig) {
  const { metrics, policies } = loadMonitoring(root);
  const tmp = mkdtempSync(join(tmpdir(), 'likeness-monitoring-'));
  try {
    for (const m of metrics) {
      const exists =
        gcloud(['logging', 'metrics', 'describe', m.body.name, `--project=${project}`]).status === 0;
      const r = gcloud(
        [
          'logging',
          'metrics',
          exists ? 'update' : 'create',
          m.body.name,
          `--config-from-file=${m.file}`,
          `--project=${project}`,
        ],
        { stdio: 'inherit' },
      );
      if (r.status !== 0)
        throw new Error(`could not ${exists ? 'update' : 'create'} log-based metric ${m.body.name}`);
    }
    for (const p of policies) {
      const file = join(tmp, p.file.split('/').pop());
      writeFileSync(file, JSON.stringify(renderPolicy(p.body, monitoringConfig)));
      // Alert policies are only in gcloud's alpha track (`gcloud monitoring policies` does not exist).
      const found = gcloud([
        'alpha',
        'monitoring',
        'policies',
        'list',
        `--project=${project}`,
        `--filter=displayName="${p.body.displayName}"`,
        '--format=value(name)',
      ]);
      if (found.status !== 0) throw new Error(`could not list alert policies: ${found.stderr}`);
      const name = found.stdout.trim().split('\n').filter(Boolean)[0];
      const args = name
        ? [
            'alpha',
            'monitoring',
            'policies',
            'update',
            name,
            `--policy-from-file=${file}`,
            `--project=${project}`,
          ]
        : ['alpha', 'monitoring', 'policies', 'create', `--policy-from-file=${file}`, `--project=${project}`];
      if (gcloud(args, { stdio: 'inherit' }).status !== 0)
        throw new Error(`could not apply alert policy "${p.body.displayName}"`);
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}
