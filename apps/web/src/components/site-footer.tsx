import { CITIES } from '@likeness/core';
import Link from 'next/link';

export function SiteFooter() {
  return (
    <footer className="mt-auto border-t border-slate-200 bg-slate-50">
      <div className="mx-auto max-w-6xl px-4 py-10 sm:px-6">
        <h2 className="text-sm font-semibold text-slate-900">Professional headshots near you</h2>
        <ul className="mt-3 grid grid-cols-2 gap-x-6 gap-y-1.5 text-sm sm:grid-cols-4">
          {CITIES.map((city) => (
            <li key={city.slug}>
              <Link
                href={`/headshots/${city.slug}`}
                className="text-slate-600 hover:text-slate-900 hover:underline"
              >
                {city.name}, {city.region}
              </Link>
            </li>
          ))}
        </ul>
        <p className="mt-8 text-xs text-slate-500">
          Likeness is an open-source headshot studio. Selfies and your personal model are deleted 30 days
          after delivery.
        </p>
      </div>
    </footer>
  );
}
