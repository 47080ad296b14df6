import { html, page } from '../http/html.js';
import type { JobKind, JobObject } from './objects.js';
import type { SentWebhook } from './webhooks.js';

const CSS = `.pill{display:inline-block;border-radius:999px;padding:1px 8px;font-size:12px;font-weight:600;background:#eef0f4}
.pill.succeeded{background:#d3f9d8;color:#2b8a3e}.pill.failed,.pill.canceled,.pill.aborted{background:#ffe3e3;color:#c92a2a}
.pill.processing,.pill.starting{background:#e7f5ff;color:#1864ab}
.thumbs img{width:56px;height:70px;object-fit:cover;border-radius:4px;margin-right:4px}
section{margin-bottom:24px}h2{font-size:18px}.err{color:#c92a2a;font-size:13px}`;

function rows(jobs: JobObject[], kind: JobKind, sent: Map<string, SentWebhook[]>) {
  return jobs.map((j) => {
    const outputs =
      kind === 'prediction' && Array.isArray(j.output) && !j.data_removed ? (j.output as string[]) : [];
    const hooks = sent.get(j.id) ?? [];
    return html`<tr>
      <td><code>${j.id}</code></td>
      <td>${new Date(j.created_at).toLocaleTimeString()}</td>
      <td>
        <span class="pill ${j.status}">${j.status}</span
        >${j.error ? html`<div class="err">${j.error}</div>` : html``}
      </td>
      <td>${j.metrics.predict_time !== undefined ? `${j.metrics.predict_time.toFixed(2)} s` : ''}</td>
      <td class="thumbs">
        ${outputs.map((u) => html`<a href="${u}"><img src="${u}" alt="" /></a>`)}${j.data_removed ? html`<span class="muted">outputs deleted</span>` : html``}
        ${kind === 'training' && j.output && typeof j.output === 'object' ? html`<a href="${String((j.output as { weights?: string }).weights ?? '')}">weights</a>` : html``}
      </td>
      <td class="muted">${hooks.map((h) => `${h.event}${h.ok ? '' : ' ✗'}`).join(', ')}</td>
    </tr>`;
  });
}

/** Trainings and predictions of this stand-in, newest first, with their outputs and webhooks. */
export function dashboardPage(
  trainings: JobObject[],
  predictions: JobObject[],
  sent: Map<string, SentWebhook[]>,
  pending: Record<JobKind, number>,
): string {
  const table = (jobs: JobObject[], kind: JobKind) =>
    jobs.length
      ? html`<table>
          <tr>
            <th>Id</th>
            <th>Created</th>
            <th>Status</th>
            <th>Time</th>
            <th>Output</th>
            <th>Webhooks</th>
          </tr>
          ${rows(jobs, kind, sent)}
        </table>`
      : html`<div class="empty">None yet.</div>`;
  const body = html`<main>
    <section class="card">
      <h2>Trainings</h2>
      ${table(trainings, 'training')}
    </section>
    <section class="card">
      <h2>Predictions</h2>
      ${table(predictions.slice(0, 200), 'prediction')}
    </section>
    <p class="muted">
      Injected failures waiting: ${pending.training} training(s), ${pending.prediction} prediction(s).
    </p>
  </main>`;
  return page({ title: 'Replicate stand-in', service: 'Replicate', body, css: CSS });
}
