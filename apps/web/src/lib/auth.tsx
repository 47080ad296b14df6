import type { ReactNode } from 'react';
import { AuthSessionProvider } from './auth-session';
import { publicConfigSnapshot } from './config';

export { useAuth, useRequireUser, type AuthState } from './auth-session';

/**
 * Wraps the signed-in app. A server component so that the browser gets this server's configuration
 * at request time (port offset, project: see adoptPublicConfig) instead of whatever was known when
 * the app was built; `connection()` keeps Next.js from baking a build-time copy into static HTML.
 */
export async function AuthProvider({ children }: { children: ReactNode }) {
  // Imported here, not at the top: client components import this module for the hooks, and a static
  // import would put all of next/server into their bundle.
  const { connection } = await import('next/server');
  await connection();
  return <AuthSessionProvider config={publicConfigSnapshot()}>{children}</AuthSessionProvider>;
}
