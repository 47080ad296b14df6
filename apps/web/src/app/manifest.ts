import type { MetadataRoute } from 'next';

/** Brand indigo (brand-600 in globals.css), also the layout's theme colour. */
export const THEME_COLOUR = '#4f46e5';

/**
 * Makes the site installable from a phone's browser: standalone window, opening on the customer's
 * orders (the login page takes over when signed out). Icons come from app/icon.svg through
 * scripts/make-app-icons.mjs.
 */
export default function manifest(): MetadataRoute.Manifest {
  return {
    id: '/',
    name: 'Likeness — studio headshots from your selfies',
    short_name: 'Likeness',
    description:
      'Take or upload selfies, check them as you go, and get studio headshots in the styles you choose.',
    start_url: '/orders',
    scope: '/',
    display: 'standalone',
    orientation: 'portrait',
    background_color: '#ffffff',
    theme_color: THEME_COLOUR,
    categories: ['photo', 'productivity'],
    icons: [
      { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
      { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
      { src: '/icons/maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
    ],
  };
}
