import escapeHtml from 'escape-html';
import type { Response } from '../shared/http.js';

/** The small pages the email links open (unsubscribe, rating): plain HTML, no script. */
export function linkPage(title: string, body: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="robots" content="noindex"><title>${escapeHtml(title)} · Likeness</title></head>
<body style="font-family:-apple-system,Segoe UI,Helvetica,Arial,sans-serif;color:#1f2328;line-height:1.5;max-width:560px;margin:0 auto;padding:32px 24px">
<h1 style="font-size:22px;margin:0 0 16px">${escapeHtml(title)}</h1>
${body}
</body></html>`;
}

/** A form of one button that posts back to the same signed URL (what the page's one click does). */
export function postButton(action: string, label: string, fields: Record<string, string> = {}): string {
  const hidden = Object.entries(fields)
    .map(([k, v]) => `<input type="hidden" name="${escapeHtml(k)}" value="${escapeHtml(v)}">`)
    .join('');
  return `<form method="post" action="${escapeHtml(action)}">${hidden}<button type="submit" style="background:#111827;color:#fff;padding:12px 20px;border:0;border-radius:6px;font-size:15px;cursor:pointer">${escapeHtml(label)}</button></form>`;
}

export const paragraph = (text: string) => `<p style="margin:0 0 16px">${escapeHtml(text)}</p>`;

/** Answers with one of these pages. */
export function sendLinkPage(res: Response, status: number, title: string, body: string): void {
  res.status(status).type('html').send(linkPage(title, body));
}
