export interface City {
  slug: string;
  name: string;
  region: string;
}

/** Cities with a static landing page ("Professional headshots in Houston"). */
export const CITIES: readonly City[] = [
  { slug: 'new-york', name: 'New York', region: 'NY' },
  { slug: 'los-angeles', name: 'Los Angeles', region: 'CA' },
  { slug: 'chicago', name: 'Chicago', region: 'IL' },
  { slug: 'houston', name: 'Houston', region: 'TX' },
  { slug: 'phoenix', name: 'Phoenix', region: 'AZ' },
  { slug: 'philadelphia', name: 'Philadelphia', region: 'PA' },
  { slug: 'san-antonio', name: 'San Antonio', region: 'TX' },
  { slug: 'san-diego', name: 'San Diego', region: 'CA' },
  { slug: 'dallas', name: 'Dallas', region: 'TX' },
  { slug: 'austin', name: 'Austin', region: 'TX' },
  { slug: 'san-francisco', name: 'San Francisco', region: 'CA' },
  { slug: 'seattle', name: 'Seattle', region: 'WA' },
  { slug: 'denver', name: 'Denver', region: 'CO' },
  { slug: 'boston', name: 'Boston', region: 'MA' },
  { slug: 'atlanta', name: 'Atlanta', region: 'GA' },
  { slug: 'miami', name: 'Miami', region: 'FL' },
];

export function getCity(slug: string): City | undefined {
  return CITIES.find((c) => c.slug === slug);
}
