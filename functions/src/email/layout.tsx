import { Body, Button, Head, Heading, Html, Link, Preview, Section, Text } from '@react-email/components';
import { render } from '@react-email/render';

/** Everything an email may say. Values may come from customers or Replicate: React escapes them all. */
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
  /** Marketing emails only: the signed one-click unsubscribe link (email/links.ts). */
  unsubscribeUrl?: string;
  /** The rating request only: one signed link per star count, 1 to 5. */
  ratingUrls?: readonly string[];
}

export interface RenderedEmail {
  subject: string;
  html: string;
  text: string;
  /**
   * Extra mail headers: marketing emails carry RFC 8058's `List-Unsubscribe` and
   * `List-Unsubscribe-Post`, so mail clients offer unsubscribing without opening anything.
   */
  headers?: Record<string, string>;
}

export const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

const font = '-apple-system,Segoe UI,Helvetica,Arial,sans-serif';
const muted = { color: '#6b7280', fontSize: '13px' };

export interface EmailContent {
  /** The order the email is about; null for account-wide emails. */
  orderId: string | null;
  subject: string;
  title: string;
  paragraphs: readonly string[];
  cta: { label: string; url: string };
  privacyUrl: string;
  /** A row of links under the paragraphs (the rating stars), before the button. */
  choices?: readonly { label: string; url: string }[];
  /** Set on marketing emails: a footer link and the one-click headers. */
  unsubscribeUrl?: string;
}

/** The one layout of every email, as a react-email component. */
export function EmailLayout(m: EmailContent) {
  return (
    <Html lang="en">
      <Head>
        <meta charSet="utf-8" />
        <title>{m.title}</title>
      </Head>
      <Preview>{m.paragraphs[0] ?? m.title}</Preview>
      <Body
        style={{
          fontFamily: font,
          color: '#1f2328',
          lineHeight: 1.5,
          maxWidth: '560px',
          margin: '0 auto',
          padding: '24px',
        }}
      >
        <Heading as="h1" style={{ fontSize: '22px', margin: '0 0 16px' }}>
          {m.title}
        </Heading>
        {m.paragraphs.map((p, i) => (
          <Text key={i} style={{ margin: '0 0 16px', fontSize: '15px' }}>
            {p}
          </Text>
        ))}
        {m.choices?.length ? (
          <Section style={{ margin: '8px 0 16px' }}>
            {m.choices.map((c) => (
              <Link
                key={c.url}
                href={c.url}
                style={{ fontSize: '22px', marginRight: '12px', color: '#b45309' }}
              >
                {c.label}
              </Link>
            ))}
          </Section>
        ) : null}
        <Section style={{ margin: '24px 0' }}>
          <Button
            href={m.cta.url}
            style={{
              background: '#111827',
              color: '#fff',
              padding: '12px 20px',
              borderRadius: '6px',
              textDecoration: 'none',
            }}
          >
            {m.cta.label}
          </Button>
        </Section>
        <Text style={muted}>
          Likeness{m.orderId ? ` · order ${m.orderId}` : ''} ·{' '}
          <Link href={m.privacyUrl} style={{ color: '#6b7280' }}>
            How we handle your photos and data
          </Link>
          {m.unsubscribeUrl ? (
            <>
              {' · '}
              <Link href={m.unsubscribeUrl} style={{ color: '#6b7280' }}>
                Unsubscribe from offers and reminders
              </Link>
            </>
          ) : null}
        </Text>
      </Body>
    </Html>
  );
}

/** The plain-text part: the same words, links written out. */
function plainText(m: EmailContent): string {
  const choices = m.choices?.length ? `\n\n${m.choices.map((c) => `${c.label}: ${c.url}`).join('\n')}` : '';
  const unsubscribe = m.unsubscribeUrl ? `\nUnsubscribe from offers and reminders: ${m.unsubscribeUrl}` : '';
  const footer = `Likeness${m.orderId ? ` · order ${m.orderId}` : ''}\nHow we handle your photos and data: ${m.privacyUrl}${unsubscribe}`;
  return `${m.title}\n\n${m.paragraphs.join('\n\n')}${choices}\n\n${m.cta.label}: ${m.cta.url}\n\n${footer}\n`;
}

/**
 * One layout for every email: a title, plain-text paragraphs and one button, as HTML (react-email's
 * components write the inline styles mail clients keep) and as the plain-text part. A marketing
 * email (one with `unsubscribeUrl`) also gets RFC 8058 one-click unsubscribe headers.
 */
export async function composeEmail(m: EmailContent): Promise<RenderedEmail> {
  const html = await render(<EmailLayout {...m} />);
  return {
    subject: m.subject,
    html,
    text: plainText(m),
    ...(m.unsubscribeUrl
      ? {
          headers: {
            'List-Unsubscribe': `<${m.unsubscribeUrl}>`,
            'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
          },
        }
      : {}),
  };
}
