import { html, page } from '../http/html.js';
import type { Address } from './send-request.js';
import type { OutboxMessage } from './outbox.js';

const CSS = `
.list a.row{display:grid;grid-template-columns:200px 1fr 150px;gap:16px;padding:12px 16px;border-bottom:1px solid #eef0f4;text-decoration:none;color:inherit}
.list a.row:hover{background:#f8f9fb}
.list .subject{font-weight:600}
.list .when{color:#667085;font-size:13px;text-align:right}
.list .to{overflow:hidden;text-overflow:ellipsis;white-space:nowrap}
dl{display:grid;grid-template-columns:110px 1fr;gap:6px 12px;margin:0 0 16px}
dt{color:#667085}dd{margin:0}
iframe{width:100%;height:70vh;border:1px solid #e6e8ee;border-radius:8px;background:#fff}
pre{white-space:pre-wrap;background:#f8f9fb;border-radius:8px;padding:12px;font-size:13px}
.chip{display:inline-block;background:#eef0f4;border-radius:999px;padding:1px 8px;font-size:12px;margin-right:4px}
h1{font-size:20px;margin:0 0 12px}
`;

const who = (a: Address) => (a.name ? `${a.name} <${a.email}>` : a.email);

/** The outbox: every message the product sent, newest first. */
export function outboxPage(messages: OutboxMessage[]): string {
  const rows = messages.map(
    (m) =>
      html`<a class="row" href="/messages/${encodeURIComponent(m.id)}" data-testid="outbox-message">
        <span class="to">${m.to.map(who).join(', ')}</span>
        <span
          ><span class="subject">${m.subject}</span>
          ${m.categories.map((c) => html`<span class="chip">${c}</span>`)}</span
        >
        <span class="when">${new Date(m.receivedAt).toLocaleString()}</span></a
      >`,
  );
  const body = html`<main>
    <div class="card">
      <h1>Outbox</h1>
      <p class="muted">
        Emails the local stack sent through the SendGrid API. Nothing leaves this machine. JSON:
        <a href="/api/messages">/api/messages</a>
      </p>
      ${messages.length ? html`<div class="list">${rows}</div>` : html`<div class="empty">No emails yet.</div>`}
    </div>
  </main>`;
  return page({ title: `Outbox (${messages.length})`, service: 'SendGrid outbox', body, css: CSS });
}

/** One message: its envelope, the HTML body in a sandboxed frame, the text part and attachments. */
export function messagePage(m: OutboxMessage): string {
  const attachments = m.attachments.map(
    (a, i) =>
      html`<li>
        <a href="/messages/${encodeURIComponent(m.id)}/attachments/${i}">${a.filename}</a>
        <span class="muted">${a.type}, ${a.size} bytes</span>
      </li>`,
  );
  const body = html`<main>
    <div class="card">
      <p><a href="/">← Outbox</a></p>
      <h1 data-testid="message-subject">${m.subject}</h1>
      <dl>
        <dt>From</dt>
        <dd>${who(m.from)}</dd>
        <dt>To</dt>
        <dd data-testid="message-to">${m.to.map(who).join(', ')}</dd>
        ${
          m.cc.length
            ? html`<dt>Cc</dt>
                <dd>${m.cc.map(who).join(', ')}</dd>`
            : html``
        }
        ${
          m.bcc.length
            ? html`<dt>Bcc</dt>
                <dd>${m.bcc.map(who).join(', ')}</dd>`
            : html``
        }
        ${
          m.replyTo
            ? html`<dt>Reply-To</dt>
                <dd>${who(m.replyTo)}</dd>`
            : html``
        }
        <dt>Received</dt>
        <dd>
          ${new Date(m.receivedAt).toLocaleString()}${m.sendAt ? ` (scheduled for ${new Date(m.sendAt * 1000).toLocaleString()})` : ''}
        </dd>
        ${
          m.categories.length
            ? html`<dt>Categories</dt>
                <dd>${m.categories.map((c) => html`<span class="chip">${c}</span>`)}</dd>`
            : html``
        }
        ${
          Object.keys(m.customArgs).length
            ? html`<dt>Custom args</dt>
                <dd><code>${JSON.stringify(m.customArgs)}</code></dd>`
            : html``
        }
        ${
          Object.keys(m.headers).length
            ? html`<dt>Headers</dt>
                <dd data-testid="message-headers">
                  ${Object.entries(m.headers).map(([k, v]) => html`<div><code>${k}: ${v}</code></div>`)}
                </dd>`
            : html``
        }
        <dt>Message id</dt>
        <dd><code>${m.id}</code></dd>
      </dl>
      ${m.html !== null ? html`<iframe sandbox="" srcdoc="${m.html}" title="HTML body" data-testid="message-html"></iframe>` : html``}
      ${
        m.text !== null
          ? html`<h3>Plain text</h3>
              <pre data-testid="message-text">${m.text}</pre>`
          : html``
      }
      ${
        m.attachments.length
          ? html`<h3>Attachments</h3>
              <ul>
                ${attachments}
              </ul>`
          : html``
      }
    </div>
  </main>`;
  return page({ title: m.subject, service: 'SendGrid outbox', body, css: CSS });
}
