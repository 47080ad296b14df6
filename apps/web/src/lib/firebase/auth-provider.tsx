'use client';

import type { User } from 'firebase/auth';
import { usePathname, useRouter } from 'next/navigation';
import {
  createContext,
  startTransition,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
  type ReactNode,
} from 'react';
import { currentUser, isOperator, signOut, watchUser } from './auth';

export interface AuthState {
  /** undefined while Firebase restores the session, null when signed out. */
  user: User | null | undefined;
  /** The `operator` custom claim. */
  isOperator: boolean;
  signOut(): Promise<void>;
  /** Reads the claims again from a fresh ID token, for someone who was just made an operator. */
  refreshClaims(): Promise<void>;
  /** True just after this tab signed out on purpose: the caller navigates, not useRequireUser. */
  signingOut(): boolean;
}

const AuthContext = createContext<AuthState | null>(null);

interface Session {
  user: User | null | undefined;
  isOperator: boolean;
}

/** Tracks the signed-in user for the app below it (app/(app)/layout.tsx). */
export function AuthProvider({ children }: { children: ReactNode }) {
  const [session, setSession] = useState<Session>({ user: undefined, isOperator: false });
  // Set while this tab signs out on purpose, so pages that need a user do not bounce to /login.
  const signingOut = useRef(false);

  useEffect(() => {
    let latest = 0;
    return watchUser(async (user) => {
      const call = ++latest;
      // User and claims change together: an operator must not see "operators only" for a moment.
      const operator = user ? await isOperator(user) : false;
      // A transition, like the Firestore snapshots (./listen.ts): the whole app re-renders for it.
      if (call === latest) startTransition(() => setSession({ user, isOperator: operator }));
    });
  }, []);

  const signOutOnPurpose = useCallback(async () => {
    signingOut.current = true;
    try {
      await signOut();
    } finally {
      // Long enough for the caller's navigation after signing out to start first.
      setTimeout(() => (signingOut.current = false), 1000);
    }
  }, []);

  const refreshClaims = useCallback(async () => {
    const user = currentUser();
    if (!user) return;
    const operator = await isOperator(user, true);
    setSession((s) => (s.user === user ? { user, isOperator: operator } : s));
  }, []);

  const value = useMemo<AuthState>(
    () => ({
      ...session,
      signOut: signOutOnPurpose,
      refreshClaims,
      signingOut: () => signingOut.current,
    }),
    [session, signOutOnPurpose, refreshClaims],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthState {
  const state = useContext(AuthContext);
  if (!state) throw new Error('useAuth() needs an <AuthProvider> above it (app/(app)/layout.tsx).');
  return state;
}

/**
 * The signed-in user, or null while the session loads or when there is none; with none, the page
 * is swapped for /login, which returns here after sign-in.
 */
export function useRequireUser(): User | null {
  const { user, signingOut } = useAuth();
  const router = useRouter();
  const pathname = usePathname();

  useEffect(() => {
    if (user !== null || signingOut()) return;
    const here = `${pathname}${window.location.search}`;
    router.replace(`/login?next=${encodeURIComponent(here)}`);
  }, [user, pathname, router, signingOut]);

  return user ?? null;
}
