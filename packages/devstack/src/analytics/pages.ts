import { html, page } from '../http/html.js';
import type { CollectedEvent, DroppedRequest } from './collected.js';

const CSS = `
h1{font-size:20px;margin:0 0 12px}
h2{font-size:16px;margin:24px 0 8px}
.chip{display:inline-block;background:#eef0f4;border-radius:999px;padding:1px 8px;font-size:12px;margin-right:4px}
.chip.server{background:#e7f5ff}
.chip.denied{background:#fff4e6}
td.params{font:12px ui-monospace,SFMono-Regular,Menlo,monospace;word-break:break-all}
`;

const consentChip = (e: CollectedEvent) => {
  if (e.channel === 'measurement-protocol') {
    const c = e.consent;
    return c.adUserData || c.adPersonalization
      ? html`<span class="chip"
          >ad_user_data ${c.adUserData ?? '—'}, ad_personalization ${c.adPersonalization ?? '—'}</span
        >`
      : html``;
  }
  return e.consent.analyticsStorage
    ? html`<span class="chip">storage granted</span>`
    : html`<span class="chip denied">cookieless (storage denied)</span>`;
};

/** Every event the local GA4 property received, newest first, and the requests it dropped. */
export function eventsPage(events: CollectedEvent[], dropped: DroppedRequest[]): string {
  const rows = [...events].reverse().map(
    (e) =>
      html`<tr data-testid="analytics-event">
        <td>${new Date(e.receivedAt).toLocaleTimeString()}</td>
        <td><strong data-testid="analytics-event-name">${e.name}</strong></td>
        <td>
          <span class="chip ${e.channel === 'gtag' ? '' : 'server'}">${e.channel}</span>${consentChip(e)}
        </td>
        <td class="params">${JSON.stringify(e.params)}</td>
        <td class="muted">${e.clientId ?? ''}</td>
      </tr>`,
  );
  const drops = [...dropped].reverse().map(
    (d) =>
      html`<tr data-testid="analytics-dropped">
        <td>${new Date(d.receivedAt).toLocaleTimeString()}</td>
        <td>${d.channel}</td>
        <td>${d.reason}${d.problems.map((p) => html`<br /><code>${p.fieldPath}</code> ${p.description}`)}</td>
      </tr>`,
  );
  const body = html`<main>
    <div class="card">
      <h1>Analytics events</h1>
      <p class="muted">
        What the local stack sent to GA4: the browser's gtag hits (<code>/g/collect</code>) and the server's
        Measurement Protocol events (<code>/mp/collect</code>). Nothing leaves this machine. JSON:
        <a href="/api/events">/api/events</a>
      </p>
      ${
        events.length
          ? html`<table>
              <thead>
                <tr>
                  <th>Time</th>
                  <th>Event</th>
                  <th>Channel</th>
                  <th>Parameters</th>
                  <th>Client id</th>
                </tr>
              </thead>
              <tbody>
                ${rows}
              </tbody>
            </table>`
          : html`<div class="empty">No events yet.</div>`
      }
      ${
        dropped.length
          ? html`<h2>Dropped requests</h2>
              <p class="muted">GA answers these with 2xx too, and never records them.</p>
              <table>
                <tbody>
                  ${drops}
                </tbody>
              </table>`
          : html``
      }
    </div>
  </main>`;
  return page({ title: `Analytics (${events.length})`, service: 'GA4 collector', body, css: CSS });
}
