import { LANDING_FUNCTION } from '@likeness/core';
import type { Metadata, Viewport } from 'next';
import type { ReactNode } from 'react';
import { Analytics } from '@/components/analytics';
import { ConsentAndLanding } from '@/components/consent-and-landing';
import { LocalStackBar } from '@/components/local-stack-bar';
import { functionUrl, publicConfig } from '@/lib/config';
import { SELFIE_DELETION_SHORT } from '@/lib/privacy-copy';
import { HEADSHOT_RANGE, SELFIE_RANGE } from '@/lib/product-numbers';
import './globals.css';

export const metadata: Metadata = {
  metadataBase: new URL(publicConfig.siteUrl),
  title: { default: 'Likeness — studio headshots from your selfies', template: '%s · Likeness' },
  description: `Upload ${SELFIE_RANGE} selfies and get ${HEADSHOT_RANGE} AI headshots in the studio styles you choose. ${SELFIE_DELETION_SHORT}`,
  applicationName: 'Likeness',
  openGraph: { siteName: 'Likeness', type: 'website' },
};

export const viewport: Viewport = { themeColor: '#4f46e5', width: 'device-width', initialScale: 1 };

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body className="flex min-h-dvh flex-col font-sans">
        <a
          href="#main"
          className="sr-only focus:not-sr-only focus:fixed focus:top-4 focus:left-4 focus:z-50 focus:rounded-md focus:bg-white focus:px-4 focus:py-2 focus:shadow"
        >
          Skip to content
        </a>
        {publicConfig.env === 'local' && (
          <LocalStackBar
            outboxUrl={publicConfig.outboxUrl}
            analyticsUrl={publicConfig.analytics?.serverContainerUrl ?? null}
          />
        )}
        {children}
        {publicConfig.analytics && <Analytics config={publicConfig.analytics} />}
        <ConsentAndLanding
          landingUrl={functionUrl(publicConfig, LANDING_FUNCTION)}
          analytics={Boolean(publicConfig.analytics)}
        />
      </body>
    </html>
  );
}
