import escapeHtml from 'escape-html';

/** Everything an email may say. Values may come from customers or Replicate: escape them all. */
export interface EmailContext {
  orderId: string;
  /** `${PUBLIC_WEB_URL}/orders/<orderId>` */
  orderUrl: string;
  planName: string;
  styleNames: readonly string[];
  images?: { planned: number; done: number; failed: number };
  errorMessage?: string;
  /** What was refunded, in the smallest currency unit. */
  refund?: { amount: number; currency: string };
  /** `${PUBLIC_WEB_URL}/account`: where the customer deletes their data. */
  accountUrl: string;
  /** `${PUBLIC_WEB_URL}/privacy`: every email links the privacy notice. */
  privacyUrl: string;
  /** What a deletion removed (counts by kind) and of what scope, for the receipts. */
  erasure?: { scope: 'training-data' | 'everything'; removed: Record<string, number> };
  /** When the headshots will be deleted (epoch ms), for the reminder. */
  headshotsDeleteAt?: number;
}

export interface RenderedEmail {
  subject: string;
  html: string;
  text: string;
}

export const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/**
 * One layout for every email: a title, plain-text paragraphs and one button, as HTML (inline styles,
 * which mail clients keep) and as the plain-text part. Paragraphs are text, escaped here.
 */
export function composeEmail(m: {
  /** The order the email is about; null for account-wide emails. */
  orderId: string | null;
  subject: string;
  title: string;
  paragraphs: readonly string[];
  cta: { label: string; url: string };
  privacyUrl: string;
}): RenderedEmail {
  const body = m.paragraphs.map((p) => `<p style="margin:0 0 16px">${escapeHtml(p)}</p>`).join('\n');
  const html = `<!doctype html>
<html><head><meta charset="utf-8"><title>${escapeHtml(m.title)}</title></head>
<body style="font-family:-apple-system,Segoe UI,Helvetica,Arial,sans-serif;color:#1f2328;line-height:1.5;max-width:560px;margin:0 auto;padding:24px">
<h1 style="font-size:22px;margin:0 0 16px">${escapeHtml(m.title)}</h1>
${body}
<p style="margin:24px 0"><a href="${escapeHtml(m.cta.url)}" style="background:#111827;color:#fff;padding:12px 20px;border-radius:6px;text-decoration:none;display:inline-block">${escapeHtml(m.cta.label)}</a></p>
<p style="color:#6b7280;font-size:13px">Likeness${m.orderId ? ` · order ${escapeHtml(m.orderId)}` : ''} · <a href="${escapeHtml(m.privacyUrl)}" style="color:#6b7280">How we handle your photos and data</a></p>
</body></html>`;
  const footer = `Likeness${m.orderId ? ` · order ${m.orderId}` : ''}\nHow we handle your photos and data: ${m.privacyUrl}`;
  const text = `${m.title}\n\n${m.paragraphs.join('\n\n')}\n\n${m.cta.label}: ${m.cta.url}\n\n${footer}\n`;
  return { subject: m.subject, html, text };
}
