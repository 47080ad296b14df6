import { CITIES, STYLES, getCity } from '@likeness/core';
import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { HeroCollage, PrimaryCta } from '@/components/marketing';
import { SELFIE_DELETION_PROMISE } from '@/lib/privacy-copy';
import { HEADSHOT_RANGE, LOWEST_PRICE, SELFIE_RANGE } from '@/lib/product-numbers';

export const dynamicParams = false;

export function generateStaticParams() {
  return CITIES.map((city) => ({ city: city.slug }));
}

interface Props {
  params: Promise<{ city: string }>;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const city = getCity((await params).city);
  if (!city) return {};
  const where = `${city.name}, ${city.region}`;
  const title = `Professional headshots in ${where}`;
  const description = `AI studio headshots for ${city.name} professionals without booking a photographer: upload ${SELFIE_RANGE} selfies and get ${HEADSHOT_RANGE} headshots from ${LOWEST_PRICE}.`;
  return {
    title,
    description,
    alternates: { canonical: `/headshots/${city.slug}` },
    openGraph: { title, description, url: `/headshots/${city.slug}` },
  };
}

export default async function CityPage({ params }: Props) {
  const city = getCity((await params).city);
  if (!city) notFound();
  const where = `${city.name}, ${city.region}`;
  const others = CITIES.filter((c) => c.slug !== city.slug).slice(0, 8);
  return (
    <>
      <section className="mx-auto grid max-w-6xl items-center gap-12 px-4 py-16 sm:px-6 md:grid-cols-2">
        <div>
          <p className="text-sm font-semibold tracking-wider text-brand-600 uppercase">{where}</p>
          <h1 className="mt-3 text-4xl font-semibold tracking-tight text-balance sm:text-5xl">
            Professional headshots in {where}
          </h1>
          <p className="mt-5 text-lg leading-8 text-slate-600">
            Skip the studio booking and the drive across {city.name}. Upload {SELFIE_RANGE} selfies from your
            phone and get {HEADSHOT_RANGE} polished headshots for LinkedIn, your company site or your next
            pitch — from {LOWEST_PRICE}, paid once, no subscription.
          </p>
          <div className="mt-8">
            <PrimaryCta>{`Get headshots in ${city.name}`}</PrimaryCta>
          </div>
        </div>
        <HeroCollage styleIds={['modern-office', 'navy-executive', 'garden-natural', 'medical-white']} />
      </section>
      <section className="bg-slate-50">
        <div className="mx-auto max-w-6xl px-4 py-14 sm:px-6">
          <h2 className="text-2xl font-semibold tracking-tight">
            Why {city.name} professionals use Likeness
          </h2>
          <ul className="mt-6 grid gap-6 text-sm leading-6 text-slate-600 sm:grid-cols-3">
            <li>
              <strong className="block text-slate-900">{STYLES.length} studio styles</strong>
              Corporate grey, modern office, city outdoors and more, without changing outfits between sets.
            </li>
            <li>
              <strong className="block text-slate-900">Checked before you pay</strong>
              Every selfie is checked as you upload it, and checkout opens only once enough of them pass.
            </li>
            <li>
              <strong className="block text-slate-900">Private by default</strong>
              {SELFIE_DELETION_PROMISE}
            </li>
          </ul>
          <p className="mt-8 text-sm">
            <Link href="/#pricing" className="font-semibold text-brand-700 hover:underline">
              See plans and prices →
            </Link>
          </p>
        </div>
      </section>
      <nav aria-label="Other cities" className="mx-auto max-w-6xl px-4 py-10 text-sm sm:px-6">
        <span className="text-slate-500">Also in: </span>
        {others.map((c, i) => (
          <span key={c.slug}>
            {i > 0 && ', '}
            <Link href={`/headshots/${c.slug}`} className="text-slate-700 hover:underline">
              {c.name}
            </Link>
          </span>
        ))}
      </nav>
    </>
  );
}
