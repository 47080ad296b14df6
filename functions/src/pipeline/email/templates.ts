import type { EmailTemplate } from '@likeness/core';
import escapeHtml from 'escape-html';

/** Everything a pipeline email may say. Values may come from customers or Replicate: escape them all. */
export interface EmailContext {
  orderId: string;
  /** `${PUBLIC_WEB_URL}/orders/<orderId>` */
  orderUrl: string;
  planName: string;
  styleNames: readonly string[];
  images?: { planned: number; done: number; failed: number };
  errorMessage?: string;
}

export interface RenderedEmail {
  subject: string;
  html: string;
  text: string;
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

function layout(
  orderId: string,
  title: string,
  paragraphs: readonly string[],
  cta: { label: string; url: string },
): string {
  const body = paragraphs.map((p) => `<p style="margin:0 0 16px">${p}</p>`).join('\n');
  return `<!doctype html>
<html><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head>
<body style="font-family:-apple-system,Segoe UI,Helvetica,Arial,sans-serif;color:#1f2328;line-height:1.5;max-width:560px;margin:0 auto;padding:24px">
<h1 style="font-size:22px;margin:0 0 16px">${escapeHtml(title)}</h1>
${body}
<p style="margin:24px 0"><a href="${escapeHtml(cta.url)}" style="background:#111827;color:#fff;padding:12px 20px;border-radius:6px;text-decoration:none;display:inline-block">${escapeHtml(cta.label)}</a></p>
<p style="color:#6b7280;font-size:13px">Likeness · order ${escapeHtml(orderId)}</p>
</body></html>`;
}

function delivered(ctx: EmailContext): RenderedEmail {
  const done = ctx.images?.done ?? 0;
  const failed = ctx.images?.failed ?? 0;
  const styles = ctx.styleNames.join(', ');
  const subject = `Your ${plural(done, 'headshot')} ${done === 1 ? 'is' : 'are'} ready`;
  const lines = [
    `${plural(done, 'headshot')} in ${plural(ctx.styleNames.length, 'style')} (${styles}) ${done === 1 ? 'is' : 'are'} ready in your private gallery.`,
    ...(failed > 0
      ? [`${plural(failed, 'image')} could not be generated; the rest of your order is complete.`]
      : []),
    'Download the ones you like, rate them, or grab them all as one zip.',
  ];
  const title = 'Your headshots are ready';
  return {
    subject,
    html: layout(
      ctx.orderId,
      title,
      lines.map((l) => escapeHtml(l)),
      { label: 'Open your gallery', url: ctx.orderUrl },
    ),
    text: `${title}\n\n${lines.join('\n\n')}\n\nOpen your gallery: ${ctx.orderUrl}\n`,
  };
}

function failed(ctx: EmailContext): RenderedEmail {
  const title = 'We could not finish your headshots';
  const lines = [
    `Something went wrong while we were making your ${ctx.planName} headshots.`,
    ...(ctx.errorMessage ? [`What happened: ${ctx.errorMessage}`] : []),
    'Reply to this email and we will retry your order or refund it, whichever you prefer.',
  ];
  return {
    subject: title,
    html: layout(
      ctx.orderId,
      title,
      lines.map((l) => escapeHtml(l)),
      { label: 'See your order', url: ctx.orderUrl },
    ),
    text: `${title}\n\n${lines.join('\n\n')}\n\nSee your order: ${ctx.orderUrl}\n`,
  };
}

export function renderEmail(template: EmailTemplate, ctx: EmailContext): RenderedEmail {
  switch (template) {
    case 'order-delivered':
      return delivered(ctx);
    case 'order-failed':
      return failed(ctx);
  }
}
