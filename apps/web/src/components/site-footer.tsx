import { COUNTRIES, CountryCode, citiesIn } from '@likeness/core';
import clsx from 'clsx';
import Link from 'next/link';
import { publicConfig } from '@/lib/config';
import { SELFIE_DELETION_SHORT } from '@/lib/privacy-copy';
import { ConsentSettingsLink } from './consent-settings-link';

const LEGAL_LINKS = [
  { href: '/privacy', label: 'Privacy notice' },
  { href: '/terms', label: 'Terms of service' },
] as const;

/**
 * The footer. The city directory (52 links, for visitors and search engines) is on the public pages
 * only: in the signed-in app it made every page heavier to parse, render and hydrate.
 */
export function SiteFooter({ cityDirectory = true }: { cityDirectory?: boolean }) {
  return (
    <footer className="mt-auto border-t border-slate-200 bg-slate-50">
      <div className="mx-auto max-w-6xl px-4 py-10 sm:px-6">
        {cityDirectory && <CityDirectory />}
        <div
          className={clsx(
            'flex flex-wrap items-baseline justify-between gap-x-8 gap-y-3 text-xs text-slate-500',
            cityDirectory && 'mt-8',
          )}
        >
          <p>Likeness is an open-source headshot studio. {SELFIE_DELETION_SHORT}</p>
          <nav aria-label="Legal">
            <ul className="flex flex-wrap gap-x-5 gap-y-1">
              {LEGAL_LINKS.map((link) => (
                <li key={link.href}>
                  <Link
                    href={link.href}
                    prefetch={false}
                    className="font-medium text-slate-600 hover:text-slate-900 hover:underline"
                  >
                    {link.label}
                  </Link>
                </li>
              ))}
              {publicConfig.analytics && (
                <li>
                  <ConsentSettingsLink />
                </li>
              )}
            </ul>
          </nav>
        </div>
      </div>
    </footer>
  );
}

function CityDirectory() {
  return (
    <>
      <h2 className="text-sm font-semibold text-slate-900">Professional headshots near you</h2>
      <div className="mt-3 grid gap-6 text-sm sm:grid-cols-2 lg:grid-cols-4">
        {CountryCode.options.map((code) => (
          <div key={code}>
            <h3 className="text-xs font-semibold tracking-wider text-slate-500 uppercase">
              {COUNTRIES[code].name}
            </h3>
            <ul className="mt-2 flex flex-wrap gap-x-3 gap-y-1">
              {citiesIn(code).map((city) => (
                <li key={city.slug}>
                  {/* Not prefetched: with the footer in view, 52 links would fetch 52 pages during load. */}
                  <Link
                    href={`/headshots/${city.slug}`}
                    prefetch={false}
                    className="text-slate-600 hover:text-slate-900 hover:underline"
                  >
                    {city.name}
                  </Link>
                </li>
              ))}
            </ul>
          </div>
        ))}
      </div>
    </>
  );
}
