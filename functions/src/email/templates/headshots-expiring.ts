import { composeEmail, type EmailContext, type RenderedEmail } from '../layout.js';

const dateOf = (ms: number) =>
  new Intl.DateTimeFormat('en-US', { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(ms));

/** The reminder before the retention schedule deletes a delivered order's headshots. */
export function renderHeadshotsExpiring(ctx: EmailContext): Promise<RenderedEmail> {
  const when = ctx.headshotsDeleteAt ? `on ${dateOf(ctx.headshotsDeleteAt)}` : 'soon';
  return composeEmail({
    orderId: ctx.orderId,
    subject: 'Download your headshots before they are deleted',
    title: 'Your headshots will be deleted soon',
    paragraphs: [
      `We keep headshots for a limited time, as our privacy notice says: those of your ${ctx.planName} order will be deleted ${when}.`,
      'Download the ones you want to keep before then. After that date nobody can recover them.',
    ],
    cta: { label: 'Download your headshots', url: ctx.orderUrl },
    privacyUrl: ctx.privacyUrl,
  });
}
