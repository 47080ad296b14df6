// Firestore scheduled backups for the (default) database: one daily schedule (and a weekly one when
// configured) with the retention from deploy.config.json. Created when missing, retention updated
// when it differs, so deploying twice changes nothing. Restoring is a drill in docs/RUNBOOK.md.
import { spawnSync } from 'node:child_process';

export function backupPlan(backups) {
  return [
    `daily Firestore backup of (default), kept ${backups.dailyRetentionDays} days`,
    ...(backups.weeklyRetentionWeeks > 0
      ? [`weekly Firestore backup (Sunday) of (default), kept ${backups.weeklyRetentionWeeks} weeks`]
      : []),
  ];
}

function gcloud(args, opts = {}) {
  const r = spawnSync('gcloud', args, { encoding: 'utf8', ...opts });
  if (r.error)
    throw new Error(
      `gcloud is not installed (${r.error.message}): install the Google Cloud CLI to schedule backups`,
    );
  return r;
}

export function applyBackups(project, backups) {
  const listed = gcloud([
    'firestore',
    'backups',
    'schedules',
    'list',
    '--database=(default)',
    `--project=${project}`,
    '--format=json',
  ]);
  if (listed.status !== 0) throw new Error(`could not list backup schedules: ${listed.stderr.trim()}`);
  const schedules = JSON.parse(listed.stdout || '[]');
  const wanted = [
    { kind: 'daily', recurrence: ['--recurrence=daily'], retention: `${backups.dailyRetentionDays}d` },
  ];
  if (backups.weeklyRetentionWeeks > 0) {
    wanted.push({
      kind: 'weekly',
      recurrence: ['--recurrence=weekly', '--day-of-week=SUN'],
      retention: `${backups.weeklyRetentionWeeks * 7}d`,
    });
  }
  for (const w of wanted) {
    const have = schedules.find((s) => (w.kind === 'daily' ? s.dailyRecurrence : s.weeklyRecurrence));
    const args = have
      ? ['firestore', 'backups', 'schedules', 'update', `--backup-schedule=${have.name.split('/').pop()}`]
      : ['firestore', 'backups', 'schedules', 'create', ...w.recurrence];
    const r = gcloud(
      [...args, '--database=(default)', `--retention=${w.retention}`, `--project=${project}`],
      {
        stdio: 'inherit',
      },
    );
    if (r.status !== 0)
      throw new Error(`could not ${have ? 'update' : 'create'} the ${w.kind} backup schedule`);
  }
}
