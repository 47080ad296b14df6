import Link from 'next/link';
import { Logo } from './logo';

/** Header of the static pages: no auth state, so the marketing pages carry no Firebase code. */
export function SiteHeader() {
  return (
    <header className="border-b border-slate-200/80 bg-white/90 backdrop-blur">
      <div className="mx-auto flex h-16 max-w-6xl items-center gap-6 px-4 sm:px-6">
        <Logo />
        <nav aria-label="Main" className="ml-auto flex items-center gap-1 text-sm font-medium sm:gap-3">
          <Link
            href="/#styles"
            prefetch={false}
            className="hidden rounded-md px-2 py-1.5 text-slate-600 hover:text-slate-900 sm:inline"
          >
            Styles
          </Link>
          <Link
            href="/#pricing"
            prefetch={false}
            className="hidden rounded-md px-2 py-1.5 text-slate-600 hover:text-slate-900 sm:inline"
          >
            Pricing
          </Link>
          <Link
            href="/orders"
            prefetch={false}
            className="rounded-md px-2 py-1.5 text-slate-600 hover:text-slate-900"
          >
            My orders
          </Link>
          <Link
            href="/login"
            prefetch={false}
            className="rounded-full bg-slate-900 px-4 py-2 text-white hover:bg-slate-700"
          >
            Sign in
          </Link>
        </nav>
      </div>
    </header>
  );
}
