import Link from 'next/link';
import {
  HeroCollage,
  HowItWorks,
  PlanCards,
  PrimaryCta,
  PrivacyPromise,
  StyleCatalog,
} from '@/components/marketing';
import { HEADSHOT_RANGE, SELFIE_RANGE } from '@/lib/product-numbers';

export const dynamic = 'force-static';

export default function HomePage() {
  return (
    <>
      <section className="mx-auto grid max-w-6xl items-center gap-12 px-4 py-16 sm:px-6 md:grid-cols-2 md:py-24">
        <div>
          <p className="text-sm font-semibold tracking-wider text-brand-600 uppercase">AI headshot studio</p>
          <h1 className="mt-3 text-4xl font-semibold tracking-tight text-balance sm:text-5xl">
            Studio headshots from the selfies on your phone
          </h1>
          <p className="mt-5 text-lg leading-8 text-slate-600">
            Upload {SELFIE_RANGE} selfies. We check each one, train a private model of your face, and deliver{' '}
            {HEADSHOT_RANGE} professional headshots in the styles you pick — no photographer, no studio visit.
          </p>
          <div className="mt-8 flex flex-wrap items-center gap-4">
            <PrimaryCta />
            <Link
              href="/login"
              prefetch={false}
              className="rounded-md px-2 py-1 text-sm font-semibold text-slate-700 hover:text-slate-900"
            >
              Already a customer? Sign in →
            </Link>
          </div>
        </div>
        <HeroCollage styleIds={['corporate-grey', 'city-outdoors', 'tech-founder', 'warm-studio']} />
      </section>
      <HowItWorks />
      <StyleCatalog />
      <PlanCards />
      <PrivacyPromise />
    </>
  );
}
