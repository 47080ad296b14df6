import Link from 'next/link';
import { SiteFooter } from '@/components/site-footer';
import { SiteHeader } from '@/components/site-header';

export default function NotFound() {
  return (
    <>
      <SiteHeader />
      <main
        id="main"
        className="mx-auto flex max-w-xl flex-1 flex-col items-center justify-center px-4 py-24 text-center"
      >
        <p className="text-sm font-semibold text-brand-600">404</p>
        <h1 className="mt-2 text-3xl font-semibold tracking-tight">Page not found</h1>
        <p className="mt-3 text-slate-600">The page you asked for does not exist.</p>
        <Link
          prefetch={false}
          href="/"
          className="mt-6 rounded-full bg-slate-900 px-5 py-2.5 text-sm font-semibold text-white hover:bg-slate-700"
        >
          Back to the home page
        </Link>
      </main>
      <SiteFooter />
    </>
  );
}
