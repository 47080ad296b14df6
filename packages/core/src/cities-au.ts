import type { City } from './cities.js';

/** Landing-page cities in Australia; the rules for the copy are on `City`. */
export const AU_CITIES: readonly City[] = [
  {
    slug: 'sydney',
    name: 'Sydney',
    region: 'NSW',
    country: 'AU',
    lat: -33.8688,
    lng: 151.2093,
    intro:
      'Sydney is Australia’s financial capital: two of the big four banks, the ASX and many of the country’s fund managers are in or near the CBD, and North Sydney and Barangaroo add insurers, consultancies and tech firms.',
    professions: [
      {
        who: 'Bankers and fund managers',
        why: 'Team pages and LinkedIn in the CBD and Barangaroo.',
      },
      {
        who: 'Consultants',
        why: 'Firm bios and the team pages of client proposals.',
      },
      {
        who: 'Real estate agents',
        why: 'In a market watched this closely, the agent’s photo is on every listing and signboard.',
      },
    ],
    styleIds: ['navy-executive', 'corporate-grey', 'city-outdoors', 'modern-office'],
    faq: [
      {
        question: 'Can I use a Likeness headshot for an Australian passport?',
        answer:
          'No. Passport photos must be unaltered photographs that meet the Australian Passport Office’s rules. Use Likeness for LinkedIn, company bios and profiles.',
      },
    ],
  },
  {
    slug: 'melbourne',
    name: 'Melbourne',
    region: 'VIC',
    country: 'AU',
    lat: -37.8136,
    lng: 144.9631,
    intro:
      'Melbourne is home to two of the big four banks, the head offices of BHP and Telstra, and a large medical-research precinct in Parkville. Its universities make it one of Australia’s biggest education cities.',
    professions: [
      {
        who: 'Corporate staff',
        why: 'Directory and annual-report photos at the big head offices.',
      },
      {
        who: 'Medical researchers',
        why: 'Institute pages in the Parkville precinct.',
      },
      {
        who: 'University staff',
        why: 'Faculty pages and conference profiles.',
      },
    ],
    styleIds: ['black-tie', 'warm-studio', 'modern-office', 'corporate-grey'],
    faq: [
      {
        question: 'Can I use photos taken in my phone’s portrait mode?',
        answer:
          'Yes, if your face is sharp. Every selfie is checked as it uploads, and one that is too blurred is turned down with the reason.',
      },
    ],
  },
  {
    slug: 'brisbane',
    name: 'Brisbane',
    region: 'QLD',
    country: 'AU',
    lat: -27.4698,
    lng: 153.0251,
    intro:
      'Brisbane is Queensland’s capital and a centre for resources head offices, state government and a growing tech sector, and it is preparing to host the 2032 Olympic and Paralympic Games. Its outdoor lifestyle carries over into relaxed professional profiles.',
    professions: [
      {
        who: 'Resources engineers',
        why: 'Head-office directories and LinkedIn.',
      },
      {
        who: 'State public servants',
        why: 'Department staff pages and LinkedIn.',
      },
      {
        who: 'Construction and infrastructure professionals',
        why: 'Bid documents and company pages as building for the 2032 Games gets under way.',
      },
    ],
    styleIds: ['garden-natural', 'city-outdoors', 'corporate-grey', 'modern-office'],
    faq: [
      {
        question: 'Can I use a headshot in a tender or bid document?',
        answer:
          'Yes. The terms licence your headshots for any lawful use, personal or commercial, and a bid’s team page is one of them.',
      },
    ],
  },
  {
    slug: 'perth',
    name: 'Perth',
    region: 'WA',
    country: 'AU',
    lat: -31.9505,
    lng: 115.8605,
    intro:
      'Perth is the head-office city for much of Australia’s mining and LNG industry: Woodside is headquartered here and the big iron-ore miners run their Pilbara operations from the city. Many engineers work fly-in fly-out, which leaves little time for a studio booking.',
    professions: [
      {
        who: 'Mining and LNG engineers',
        why: 'Company directories and LinkedIn.',
      },
      {
        who: 'Fly-in fly-out workers',
        why: 'A professional photo without fitting a studio session around a roster.',
      },
      {
        who: 'Geologists and consultants',
        why: 'Consultancy team pages.',
      },
    ],
    styleIds: ['corporate-grey', 'navy-executive', 'modern-office', 'city-outdoors'],
    faq: [
      {
        question: 'I work a FIFO roster. Can I upload from site?',
        answer:
          'Yes, if you have a mobile connection: uploading, checkout and the gallery work in a phone browser, and your order waits where you left it.',
      },
    ],
  },
  {
    slug: 'adelaide',
    name: 'Adelaide',
    region: 'SA',
    country: 'AU',
    lat: -34.9285,
    lng: 138.6007,
    intro:
      'Adelaide’s growth industries are defence and space: the Osborne shipyards build the navy’s ships, and the Australian Space Agency is headquartered at Lot Fourteen. A health and medical-research precinct lines North Terrace.',
    professions: [
      {
        who: 'Defence engineers',
        why: 'Directory photos and LinkedIn.',
      },
      {
        who: 'Space-industry staff',
        why: 'Startup team pages at Lot Fourteen.',
      },
      {
        who: 'Researchers and clinicians',
        why: 'Institute and hospital profile pages.',
      },
    ],
    styleIds: ['corporate-grey', 'tech-founder', 'medical-white', 'modern-office'],
    faq: [
      {
        question: 'Do I have to wait in for a delivery?',
        answer:
          'No. Nothing is posted: your headshots appear in your online gallery, and we email you when they are ready.',
      },
    ],
  },
  {
    slug: 'canberra',
    name: 'Canberra',
    region: 'ACT',
    country: 'AU',
    lat: -35.2809,
    lng: 149.13,
    intro:
      'Canberra is Australia’s capital: most of its professionals work for federal departments, Parliament or Defence, or for the consultancies and contractors around them, and the Australian National University adds researchers.',
    professions: [
      {
        who: 'Federal public servants',
        why: 'Speaker bios and LinkedIn.',
      },
      {
        who: 'Defence and policy consultants',
        why: 'Firm team pages.',
      },
      {
        who: 'Researchers',
        why: 'University and research-agency profiles.',
      },
    ],
    styleIds: ['navy-executive', 'corporate-grey', 'warm-studio', 'modern-office'],
    faq: [
      {
        question: 'Can I keep the headshots after the gallery is deleted?',
        answer:
          'Yes: download the ones you want, one by one or all together as a zip. Your downloads are yours; the gallery itself is deleted on the schedule in the privacy notice, with a reminder email first.',
      },
    ],
  },
  {
    slug: 'gold-coast',
    name: 'Gold Coast',
    region: 'QLD',
    country: 'AU',
    lat: -28.0167,
    lng: 153.4,
    intro:
      'The Gold Coast is a city of small businesses — real estate, tourism, hospitality, health and fitness — where the owner’s face is often the brand and many professionals work for themselves.',
    professions: [
      {
        who: 'Real estate agents',
        why: 'Listing portals and signboards.',
      },
      {
        who: 'Health and fitness practitioners',
        why: 'Booking pages and social profiles for physiotherapists, personal trainers and clinics.',
      },
      {
        who: 'Tourism and hospitality managers',
        why: 'Hotel and venue team pages.',
      },
    ],
    styleIds: ['garden-natural', 'city-outdoors', 'medical-white', 'modern-office'],
    faq: [
      {
        question: 'Can I use them on my business’s social media?',
        answer:
          'Yes. Your headshots are licensed to you for personal and commercial use, so your website, listings and social accounts are all covered.',
      },
    ],
  },
  {
    slug: 'hobart',
    name: 'Hobart',
    region: 'TAS',
    country: 'AU',
    lat: -42.8821,
    lng: 147.3272,
    intro:
      'Hobart is Tasmania’s capital and Australia’s gateway to Antarctica, with the Australian Antarctic Division and CSIRO’s marine research based in and around the city, alongside the state government and the University of Tasmania.',
    professions: [
      {
        who: 'Antarctic and marine scientists',
        why: 'Research-agency and university profiles.',
      },
      {
        who: 'State public servants',
        why: 'Department pages and LinkedIn.',
      },
      {
        who: 'Tourism and food business owners',
        why: 'Profile photos for small businesses in the state’s visitor and produce trade.',
      },
    ],
    styleIds: ['garden-natural', 'warm-studio', 'corporate-grey', 'modern-office'],
    faq: [
      {
        question: 'Is there an extra charge for ordering from Tasmania?',
        answer:
          'No. Everything is online, so there is no shipping and no regional surcharge; we charge only the plan price.',
      },
    ],
  },
];
