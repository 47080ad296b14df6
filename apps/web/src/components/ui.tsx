import clsx from 'clsx';
import type { ButtonHTMLAttributes, ReactNode } from 'react';

type Variant = 'primary' | 'secondary' | 'ghost' | 'danger';

const VARIANTS: Record<Variant, string> = {
  primary: 'bg-brand-600 text-white shadow-sm hover:bg-brand-700 disabled:bg-brand-600/50',
  secondary:
    'bg-white text-slate-900 ring-1 ring-inset ring-slate-300 hover:bg-slate-50 disabled:text-slate-400',
  ghost: 'text-slate-700 hover:bg-slate-100 disabled:text-slate-400',
  danger: 'bg-red-600 text-white hover:bg-red-700 disabled:bg-red-600/50',
};

/**
 * On a touch screen every control is at least 44 × 44 CSS px (WCAG 2.5.5, Apple's and Android's
 * guidance), however small it is drawn for a mouse.
 */
export const TAP_TARGET =
  'pointer-coarse:inline-flex pointer-coarse:min-h-11 pointer-coarse:min-w-11 pointer-coarse:items-center pointer-coarse:justify-center';

export function buttonClass(variant: Variant = 'primary', size: 'sm' | 'md' | 'lg' = 'md'): string {
  const sizes = { sm: 'px-3 py-1.5 text-sm', md: 'px-4 py-2 text-sm', lg: 'px-6 py-3 text-base' };
  return clsx(
    'inline-flex items-center justify-center gap-2 rounded-full font-semibold transition-colors disabled:cursor-not-allowed pointer-coarse:min-h-11',
    sizes[size],
    VARIANTS[variant],
  );
}

export function Button({
  variant = 'primary',
  size = 'md',
  className,
  type = 'button',
  ...rest
}: ButtonHTMLAttributes<HTMLButtonElement> & { variant?: Variant; size?: 'sm' | 'md' | 'lg' }) {
  return <button type={type} className={clsx(buttonClass(variant, size), className)} {...rest} />;
}

export function Spinner({ className = 'size-4' }: { className?: string }) {
  return (
    <svg aria-hidden="true" viewBox="0 0 24 24" className={clsx('animate-spin', className)} fill="none">
      <circle cx="12" cy="12" r="10" stroke="currentColor" strokeOpacity="0.25" strokeWidth="4" />
      <path d="M22 12a10 10 0 0 0-10-10" stroke="currentColor" strokeWidth="4" strokeLinecap="round" />
    </svg>
  );
}

const TONES = {
  info: 'bg-sky-50 text-sky-900 ring-sky-200',
  success: 'bg-emerald-50 text-emerald-900 ring-emerald-200',
  warning: 'bg-amber-50 text-amber-950 ring-amber-200',
  error: 'bg-red-50 text-red-900 ring-red-200',
} as const;

export function Alert({
  tone = 'info',
  children,
  className,
  ...rest
}: { tone?: keyof typeof TONES; children: ReactNode; className?: string } & Record<
  `data-${string}`,
  string
>) {
  return (
    <div
      role={tone === 'error' ? 'alert' : 'status'}
      className={clsx('rounded-xl px-4 py-3 text-sm ring-1 ring-inset', TONES[tone], className)}
      {...rest}
    >
      {children}
    </div>
  );
}

export function Card({
  children,
  className,
  ...rest
}: {
  children: ReactNode;
  className?: string;
  'aria-labelledby'?: string;
}) {
  return (
    <section
      className={clsx('rounded-2xl border border-slate-200 bg-white p-5 shadow-sm sm:p-6', className)}
      {...rest}
    >
      {children}
    </section>
  );
}

export function PageLoading({ label = 'Loading…' }: { label?: string }) {
  return (
    <div className="flex items-center justify-center gap-3 py-24 text-slate-500" role="status">
      <Spinner className="size-5" />
      {label}
    </div>
  );
}

// Made once: building an Intl formatter costs far more than formatting with it, and the order page
// formats a date on each of its renders (it was the costliest function of its own in a profile of it).
const DATE_TIME = new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeStyle: 'short' });

export function formatDateTime(ms: number | undefined): string {
  if (ms === undefined) return '—';
  return DATE_TIME.format(ms);
}
