import { CITIES, getCity } from '@likeness/core';
import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { HeroCollage, PlanCards, PrimaryCta } from '@/components/marketing';
import { MeasuredTurnaround } from '@/components/measured-turnaround';
import { cityJsonLd, jsonLdScript } from '@/lib/city-json-ld';
import { cityOrderPath, cityPageCopy } from '@/lib/city-page';
import { publicConfig } from '@/lib/config';
import { SELFIE_DELETION_PROMISE } from '@/lib/privacy-copy';

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
  const copy = cityPageCopy(city);
  return {
    title: copy.title,
    description: copy.description,
    // Each page is the only version of itself: hreflang names its audience and points back at it.
    alternates: { canonical: copy.path, languages: { [copy.locale]: copy.path } },
    openGraph: {
      title: copy.title,
      description: copy.description,
      url: copy.path,
      locale: copy.locale.replace('-', '_'),
    },
  };
}

export default async function CityPage({ params }: Props) {
  const city = getCity((await params).city);
  if (!city) notFound();
  const copy = cityPageCopy(city);
  return (
    <>
      {cityJsonLd(city, copy, publicConfig.siteUrl).map((data, i) => (
        <script key={i} type="application/ld+json" dangerouslySetInnerHTML={{ __html: jsonLdScript(data) }} />
      ))}
      <nav aria-label="Breadcrumb" className="mx-auto max-w-6xl px-4 pt-6 text-sm text-slate-500 sm:px-6">
        <ol className="flex flex-wrap gap-x-2">
          <li>
            <Link href="/" prefetch={false} className="hover:text-slate-900 hover:underline">
              Likeness
            </Link>
            <span aria-hidden="true"> ›</span>
          </li>
          <li aria-current="page" className="text-slate-700">
            {copy.heading}
          </li>
        </ol>
      </nav>
      <section className="mx-auto grid max-w-6xl items-center gap-12 px-4 pt-8 pb-16 sm:px-6 md:grid-cols-2">
        <div>
          <p className="text-sm font-semibold tracking-wider text-brand-700 uppercase">{copy.place}</p>
          <h1 className="mt-3 text-4xl font-semibold tracking-tight text-balance sm:text-5xl">
            {copy.heading}
          </h1>
          <p className="mt-5 text-lg leading-8 text-slate-600">{copy.intro}</p>
          <div className="mt-8">
            <PrimaryCta href={cityOrderPath(copy.currency)}>{`Get headshots in ${city.name}`}</PrimaryCta>
          </div>
        </div>
        <HeroCollage styleIds={city.styleIds} />
      </section>

      <section aria-labelledby="professions" className="bg-slate-50">
        <div className="mx-auto max-w-6xl px-4 py-14 sm:px-6">
          <h2 id="professions" className="text-2xl font-semibold tracking-tight">
            {copy.professionsHeading}
          </h2>
          <ul className="mt-6 grid gap-6 text-sm leading-6 text-slate-600 sm:grid-cols-3">
            {copy.professions.map((p) => (
              <li key={p.who}>
                <strong className="block text-slate-900">{p.who}</strong>
                {p.why}
              </li>
            ))}
          </ul>
          <h3 className="mt-12 text-lg font-semibold tracking-tight">{copy.stylesHeading}</h3>
          <ul className="mt-4 flex flex-wrap gap-x-6 gap-y-2 text-sm text-slate-700">
            {copy.styles.map((s) => (
              <li key={s.id}>{s.name}</li>
            ))}
          </ul>
          <p className="mt-6 text-sm text-slate-600">{SELFIE_DELETION_PROMISE}</p>
          <MeasuredTurnaround stage="delivery" className="mt-3 text-sm text-slate-600" />
        </div>
      </section>

      <PlanCards currency={copy.currency} orderPath={(planId) => cityOrderPath(copy.currency, planId)} />

      <section aria-labelledby="faq" className="bg-slate-50">
        <div className="mx-auto max-w-3xl px-4 py-14 sm:px-6">
          <h2 id="faq" className="text-2xl font-semibold tracking-tight">
            Questions about headshots in {city.name}
          </h2>
          <dl className="mt-6 space-y-6">
            {copy.faq.map((q) => (
              <div key={q.question}>
                <dt className="font-semibold text-slate-900">{q.question}</dt>
                <dd className="mt-1 text-slate-600">{q.answer}</dd>
              </div>
            ))}
          </dl>
        </div>
      </section>

      <nav aria-labelledby="nearby" className="mx-auto max-w-6xl px-4 py-12 sm:px-6">
        <h2 id="nearby" className="text-lg font-semibold tracking-tight">
          {copy.nearbyHeading}
        </h2>
        <p className="mt-1 text-xs text-slate-500">Distances are straight-line, centre to centre.</p>
        <ul className="mt-4 grid gap-3 text-sm sm:grid-cols-4">
          {copy.nearby.map((n) => (
            <li key={n.path}>
              <Link href={n.path} prefetch={false} className="font-medium text-slate-800 hover:underline">
                {n.name}, {n.region}
              </Link>{' '}
              <span className="text-slate-500">· {n.distance}</span>
            </li>
          ))}
        </ul>
      </nav>
    </>
  );
}
