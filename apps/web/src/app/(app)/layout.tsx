import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { AppHeader } from '@/components/app-header';
import { SiteFooter } from '@/components/site-footer';
import { publicConfig } from '@/lib/config';
import { AuthProvider } from '@/lib/firebase/auth-provider';
import { firebaseOrigins } from '@/lib/firebase/origins';

export const metadata: Metadata = { robots: { index: false, follow: false } };

export default function AppLayout({ children }: { children: ReactNode }) {
  return (
    <AuthProvider>
      {/* React places these links in the document's head. */}
      {firebaseOrigins(publicConfig).map((origin) => (
        <link key={origin} rel="preconnect" href={origin} crossOrigin="anonymous" />
      ))}
      <AppHeader />
      {/* At least a screen tall: app pages fill in after sign-in and live queries, and a footer in view
          would be pushed down each time (Lighthouse counted a layout shift of 0.55 on the order page). */}
      <main
        id="main"
        className="mx-auto min-h-[calc(100dvh-4rem)] w-full max-w-6xl flex-1 px-4 py-8 sm:px-6 sm:py-10"
      >
        {children}
      </main>
      <SiteFooter cityDirectory={false} />
    </AuthProvider>
  );
}
