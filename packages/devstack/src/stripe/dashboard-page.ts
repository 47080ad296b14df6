import type { DeliveryAttempt } from '../http/deliver.js';
import { html, page } from '../http/html.js';
import { formatAmount } from './amounts.js';
import type { CheckoutSessionObject, DisputeObject, EventObject, RefundObject } from './objects.js';

const CSS = `.pill{display:inline-block;border-radius:999px;padding:1px 8px;font-size:12px;font-weight:600;background:#eef0f4}
.pill.ok{background:#d3f9d8;color:#2b8a3e}.pill.bad{background:#ffe3e3;color:#c92a2a}.pill.open{background:#e7f5ff;color:#1864ab}
section{margin-bottom:24px}h2{font-size:18px}`;

function deliveryPill(attempts: DeliveryAttempt[] | undefined) {
  const last = attempts?.at(-1);
  if (!last) return html`<span class="pill">pending</span>`;
  const ok = last.status !== null && last.status >= 200 && last.status < 300;
  return html`<span class="pill ${ok ? 'ok' : 'bad'}">${last.status ?? last.error ?? 'error'}</span>
    <span class="muted">${attempts!.length} attempt(s)</span>`;
}

/** Refunds and disputes, newest first, in one small table (nothing when there are none). */
function moneySection(refunds: RefundObject[], disputes: DisputeObject[]) {
  if (!refunds.length && !disputes.length) return html``;
  const pill = (status: string) =>
    html`<span
      class="pill ${status === 'won' || status === 'succeeded' ? 'ok' : status === 'lost' ? 'bad' : 'open'}"
      >${status}</span
    >`;
  const rows = [
    ...refunds.map(
      (r) =>
        html`<tr>
          <td><code>${r.id}</code></td>
          <td>refund${r.reason ? ` (${r.reason})` : ''}</td>
          <td>${formatAmount(r.amount, r.currency)}</td>
          <td>${pill(r.status)}</td>
          <td><code>${String(r.payment_intent ?? '')}</code></td>
        </tr>`,
    ),
    ...disputes.map(
      (d) =>
        html`<tr>
          <td><code>${d.id}</code></td>
          <td>dispute (${d.reason})</td>
          <td>${formatAmount(d.amount, d.currency)}</td>
          <td>${pill(d.status)}</td>
          <td><code>${String(d.payment_intent ?? '')}</code></td>
        </tr>`,
    ),
  ];
  return html`<section class="card">
    <h2>Refunds and disputes</h2>
    <table>
      <tr>
        <th>Id</th>
        <th>Kind</th>
        <th>Amount</th>
        <th>Status</th>
        <th>PaymentIntent</th>
      </tr>
      ${rows}
    </table>
  </section>`;
}

/** What happened on this stand-in: sessions, refunds, disputes and the events sent, newest first. */
export function dashboardPage(
  sessions: CheckoutSessionObject[],
  events: EventObject[],
  attempts: Map<string, DeliveryAttempt[]>,
  webhookUrl: string,
  money: { refunds: RefundObject[]; disputes: DisputeObject[] } = { refunds: [], disputes: [] },
): string {
  const sessionRows = sessions.map(
    (s) =>
      html`<tr>
        <td><code>${s.id.slice(0, 20)}…</code></td>
        <td>${new Date(s.created * 1000).toLocaleString()}</td>
        <td>${formatAmount(s.amount_total, s.currency)}</td>
        <td>
          <span class="pill ${s.status === 'complete' ? 'ok' : s.status === 'open' ? 'open' : 'bad'}"
            >${s.status}</span
          >
          ${s.payment_status}
        </td>
        <td>${s.client_reference_id ?? ''}</td>
        <td>${s.status === 'open' && s.url ? html`<a href="${s.url}">open page</a>` : html``}</td>
      </tr>`,
  );
  const eventRows = events.map(
    (e) =>
      html`<tr>
        <td><code>${e.id}</code></td>
        <td>${e.type}</td>
        <td>${new Date(e.created * 1000).toLocaleString()}</td>
        <td>${deliveryPill(attempts.get(e.id))}</td>
      </tr>`,
  );
  const body = html`<main>
    <section class="card">
      <h2>Checkout Sessions</h2>
      ${
        sessions.length
          ? html`<table>
              <tr>
                <th>Session</th>
                <th>Created</th>
                <th>Total</th>
                <th>Status</th>
                <th>Reference</th>
                <th></th>
              </tr>
              ${sessionRows}
            </table>`
          : html`<div class="empty">No Checkout Sessions yet.</div>`
      }
    </section>
    ${moneySection(money.refunds, money.disputes)}
    <section class="card">
      <h2>Events</h2>
      <p class="muted">Webhook endpoint: <code>${webhookUrl}</code></p>
      ${
        events.length
          ? html`<table>
              <tr>
                <th>Event</th>
                <th>Type</th>
                <th>Created</th>
                <th>Delivery</th>
              </tr>
              ${eventRows}
            </table>`
          : html`<div class="empty">No events yet.</div>`
      }
    </section>
  </main>`;
  return page({ title: 'Stripe stand-in', service: 'Stripe', body, css: CSS });
}
