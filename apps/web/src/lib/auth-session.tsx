'use client';

import { onIdTokenChanged, signOut as firebaseSignOut, type User } from 'firebase/auth';
import { usePathname, useRouter } from 'next/navigation';
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { adoptPublicConfig, type PublicConfig } from './config';
import { firebase } from './firebase';

export interface AuthState {
  /** undefined while Firebase restores the session, null when signed out. */
  user: User | null | undefined;
  /** The `operator` custom claim (firestore.rules grant operators read access to everything). */
  isOperator: boolean;
  signOut(): Promise<void>;
  /** Reads the claims again from a fresh ID token, for someone who was just made an operator. */
  refreshClaims(): Promise<void>;
}

interface AuthContextValue extends AuthState {
  /** True just after this tab signed out on purpose: the caller navigates, not useRequireUser. */
  signingOut(): boolean;
}

const AuthContext = createContext<AuthContextValue | null>(null);

interface Session {
  user: User | null | undefined;
  isOperator: boolean;
}

async function operatorClaim(user: User, forceRefresh = false): Promise<boolean> {
  try {
    const { claims } = await user.getIdTokenResult(forceRefresh);
    return claims.operator === true;
  } catch {
    // Offline or a revoked session: no elevated view; the rules decide what can be read anyway.
    return false;
  }
}

/** The browser side of AuthProvider (auth.tsx): adopts the server's config, then tracks the user. */
export function AuthSessionProvider({ config, children }: { config: PublicConfig; children: ReactNode }) {
  // During render, not in an effect: children read publicConfig while they render.
  adoptPublicConfig(config);
  const [session, setSession] = useState<Session>({ user: undefined, isOperator: false });
  // Set while this tab signs out on purpose, so pages that need a user do not bounce to /login.
  const signingOut = useRef(false);

  useEffect(() => {
    let latest = 0;
    return onIdTokenChanged(firebase().auth, async (user) => {
      const call = ++latest;
      // User and claims change together: an operator must not see "operators only" for a moment.
      const isOperator = user ? await operatorClaim(user) : false;
      if (call === latest) setSession({ user, isOperator });
    });
  }, []);

  const signOut = useCallback(async () => {
    signingOut.current = true;
    try {
      await firebaseSignOut(firebase().auth);
    } finally {
      // Long enough for the caller's navigation after signing out to start first.
      setTimeout(() => (signingOut.current = false), 1000);
    }
  }, []);

  const refreshClaims = useCallback(async () => {
    const user = firebase().auth.currentUser;
    if (!user) return;
    const isOperator = await operatorClaim(user, true);
    setSession((s) => (s.user === user ? { user, isOperator } : s));
  }, []);

  const value = useMemo<AuthContextValue>(
    () => ({ ...session, signOut, refreshClaims, signingOut: () => signingOut.current }),
    [session, signOut, refreshClaims],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

function useAuthContext(): AuthContextValue {
  const state = useContext(AuthContext);
  if (!state) throw new Error('useAuth() needs an <AuthProvider> above it (app/(app)/layout.tsx).');
  return state;
}

export function useAuth(): AuthState {
  return useAuthContext();
}

/**
 * The signed-in user, or null while the session loads or when there is none; with none, the page
 * is swapped for /login, which returns here after sign-in.
 */
export function useRequireUser(): User | null {
  const { user, signingOut } = useAuthContext();
  const router = useRouter();
  const pathname = usePathname();

  useEffect(() => {
    if (user !== null || signingOut()) return;
    const here = `${pathname}${window.location.search}`;
    router.replace(`/login?next=${encodeURIComponent(here)}`);
  }, [user, pathname, router, signingOut]);

  return user ?? null;
}
