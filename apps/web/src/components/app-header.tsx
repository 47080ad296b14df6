'use client';

import clsx from 'clsx';
import Link from 'next/link';
import { usePathname, useRouter } from 'next/navigation';
import { useAuth } from '@/lib/firebase/auth-provider';
import { Logo } from './logo';
import { TAP_TARGET } from './ui';

function NavLink({ href, children }: { href: string; children: string }) {
  const pathname = usePathname();
  const active = pathname === href || (href !== '/' && pathname.startsWith(`${href}/`));
  return (
    <Link
      href={href}
      prefetch={false}
      aria-current={active ? 'page' : undefined}
      className={clsx(
        'rounded-md px-2 py-1.5',
        TAP_TARGET,
        active ? 'text-slate-900' : 'text-slate-600 hover:text-slate-900',
      )}
    >
      {children}
    </Link>
  );
}

/** Header of the signed-in app: shows who is signed in and the operator console to operators. */
export function AppHeader() {
  const { user, isOperator, signOut } = useAuth();
  const router = useRouter();
  return (
    <header className="border-b border-slate-200 bg-white">
      <div className="mx-auto flex h-16 max-w-6xl items-center gap-4 px-4 sm:px-6">
        <Logo compact />
        <nav
          aria-label="Main"
          className="ml-auto flex items-center gap-1 text-sm font-medium whitespace-nowrap sm:gap-3"
        >
          {user && <NavLink href="/orders">My orders</NavLink>}
          {user && <NavLink href="/account">Account</NavLink>}
          {user && isOperator && <NavLink href="/operator">Operator</NavLink>}
          {user === null && (
            <Link
              href="/login"
              prefetch={false}
              className={clsx(
                'rounded-full bg-slate-900 px-4 py-2 text-white hover:bg-slate-700',
                TAP_TARGET,
              )}
            >
              Sign in
            </Link>
          )}
          {user && (
            <>
              <span
                className="hidden max-w-48 truncate text-slate-500 md:inline"
                title={user.email ?? undefined}
              >
                {user.email ?? user.displayName}
              </span>
              <button
                type="button"
                className={clsx(
                  'rounded-full px-3 py-1.5 text-slate-700 ring-1 ring-slate-300 ring-inset hover:bg-slate-50',
                  TAP_TARGET,
                )}
                onClick={async () => {
                  await signOut();
                  router.push('/');
                }}
              >
                Sign out
              </button>
            </>
          )}
        </nav>
      </div>
    </header>
  );
}
