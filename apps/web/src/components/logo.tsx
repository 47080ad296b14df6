import clsx from 'clsx';
import Link from 'next/link';
import { TAP_TARGET } from './ui';

/** `compact`: below the sm breakpoint only the mark shows (the name stays for screen readers), for headers with more links. */
export function Logo({ compact = false }: { compact?: boolean }) {
  return (
    <Link
      href="/"
      prefetch={false}
      className={clsx(
        'flex shrink-0 items-center gap-2 rounded-md text-lg font-semibold tracking-tight text-slate-900',
        TAP_TARGET,
      )}
    >
      <svg aria-hidden="true" viewBox="0 0 32 32" className="size-7 shrink-0">
        <rect width="32" height="32" rx="8" fill="#4f46e5" />
        <circle cx="16" cy="12.5" r="5" fill="#fff" />
        <path d="M6.5 27c1.2-5.4 5-8 9.5-8s8.3 2.6 9.5 8" fill="#fff" />
      </svg>
      <span className={clsx(compact && 'max-sm:sr-only')}>Likeness</span>
    </Link>
  );
}
