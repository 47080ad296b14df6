import { composeEmail, plural, type EmailContext, type RenderedEmail } from '../layout.js';

export function renderOrderDelivered(ctx: EmailContext): Promise<RenderedEmail> {
  const done = ctx.images?.done ?? 0;
  const failed = ctx.images?.failed ?? 0;
  const are = done === 1 ? 'is' : 'are';
  return composeEmail({
    orderId: ctx.orderId,
    subject: `Your ${plural(done, 'headshot')} ${are} ready`,
    title: 'Your headshots are ready',
    paragraphs: [
      `${plural(done, 'headshot')} in ${plural(ctx.styleNames.length, 'style')} (${ctx.styleNames.join(', ')}) ${are} ready in your private gallery.`,
      ...(failed > 0
        ? [`${plural(failed, 'image')} could not be generated; the rest of your order is complete.`]
        : []),
      'Download the ones you like, rate them, or grab them all as one zip.',
    ],
    cta: { label: 'Open your gallery', url: ctx.orderUrl },
    privacyUrl: ctx.privacyUrl,
  });
}
