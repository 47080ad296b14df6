import type { City } from './cities.js';

/** Landing-page cities in Canada; the rules for the copy are on `City`. */
export const CA_CITIES: readonly City[] = [
  {
    slug: 'toronto',
    name: 'Toronto',
    region: 'ON',
    country: 'CA',
    lat: 43.6532,
    lng: -79.3832,
    intro:
      'Toronto is Canada’s financial capital: the big banks’ head offices and the Toronto Stock Exchange sit on and around Bay Street, and the city has one of North America’s largest tech labour markets. Law, consulting and accounting firms fill the towers around them.',
    professions: [
      {
        who: 'Bank and insurance staff',
        why: 'Directory and LinkedIn photos for the Bay Street institutions.',
      },
      {
        who: 'Tech workers',
        why: 'Team pages at startups and scale-ups from King West to the MaRS Discovery District.',
      },
      {
        who: 'Accountants and lawyers',
        why: 'Professional-firm bio pages, where a formal studio look is still the norm.',
      },
    ],
    styleIds: ['navy-executive', 'corporate-grey', 'modern-office', 'city-outdoors'],
    faq: [
      {
        question: 'Can I use these for a Canadian passport or PR card photo?',
        answer:
          'No. Passport and immigration photos must be unaltered photographs taken by a commercial photographer to the government’s specifications. Likeness headshots are for profiles and bios.',
      },
    ],
  },
  {
    slug: 'montreal',
    name: 'Montreal',
    region: 'QC',
    country: 'CA',
    lat: 45.5019,
    lng: -73.5674,
    intro:
      'Montreal has become a centre for AI research around Mila, for video-game studios and for aerospace, alongside four universities and a large financial sector. Many professionals here work in French and English and keep profiles in both.',
    professions: [
      {
        who: 'Game developers',
        why: 'Studio team pages and conference speaker bios.',
      },
      {
        who: 'AI researchers',
        why: 'Lab pages and conference profiles.',
      },
      {
        who: 'Aerospace engineers',
        why: 'Directory photos at the region’s aircraft, engine and simulator makers.',
      },
    ],
    styleIds: ['tech-founder', 'black-tie', 'modern-office', 'city-outdoors'],
    faq: [
      {
        question: 'Is Likeness available in French?',
        answer:
          'No: the site and the emails are in English only. The headshots themselves carry no text, so they suit a French-language profile too.',
      },
    ],
  },
  {
    slug: 'vancouver',
    name: 'Vancouver',
    region: 'BC',
    country: 'CA',
    lat: 49.2827,
    lng: -123.1207,
    intro:
      'Vancouver’s economy runs on Canada’s busiest port, a large film and visual-effects industry, tech offices downtown and in Mount Pleasant, and the mining companies whose head offices overlook the harbour. An outdoor, natural look is common here even on professional profiles.',
    professions: [
      {
        who: 'VFX and animation artists',
        why: 'Studio pages and LinkedIn profiles between productions.',
      },
      {
        who: 'Tech workers',
        why: 'Team pages and LinkedIn for downtown offices.',
      },
      {
        who: 'Mining executives',
        why: 'Leadership pages and investor presentations for the head offices on Burrard Inlet.',
      },
    ],
    styleIds: ['garden-natural', 'city-outdoors', 'tech-founder', 'modern-office'],
    faq: [
      {
        question: 'Rain makes outdoor selfies hard. Do they have to be taken outside?',
        answer:
          'No. Indoor selfies by a window are fine; the outdoor styles are generated, so you do not need to be outside for them.',
      },
    ],
  },
  {
    slug: 'calgary',
    name: 'Calgary',
    region: 'AB',
    country: 'CA',
    lat: 51.0447,
    lng: -114.0719,
    intro:
      'Calgary is the head-office city of Canada’s oil and gas industry, and its downtown towers are increasingly shared with tech firms and renewable-energy companies. Engineers, geologists and financial analysts make up a large part of its professional workforce.',
    professions: [
      {
        who: 'Energy engineers and geoscientists',
        why: 'Company directories and technical-conference programmes.',
      },
      {
        who: 'Financial analysts',
        why: 'Firm pages for the energy-focused banks and investment firms downtown.',
      },
      {
        who: 'Tech workers',
        why: 'Team pages at the software companies that have set up downtown.',
      },
    ],
    styleIds: ['corporate-grey', 'navy-executive', 'modern-office', 'tech-founder'],
    faq: [
      {
        question: 'My only recent photos are from site, in a hard hat and safety glasses. Will they work?',
        answer:
          'Take new selfies without them. The model learns from what it sees, and gear that covers your head or eyes hides what it needs to learn.',
      },
    ],
  },
  {
    slug: 'edmonton',
    name: 'Edmonton',
    region: 'AB',
    country: 'CA',
    lat: 53.5461,
    lng: -113.4938,
    intro:
      'Edmonton is Alberta’s capital and a centre for the provincial government, for research at the University of Alberta — home to the Alberta Machine Intelligence Institute — and for the energy-services companies that support the oil sands.',
    professions: [
      {
        who: 'Public servants',
        why: 'Staff and leadership pages at provincial ministries.',
      },
      {
        who: 'Researchers',
        why: 'University and AI-institute profiles.',
      },
      {
        who: 'Energy-services staff',
        why: 'Directory and LinkedIn photos for the firms that supply the oil sands.',
      },
    ],
    styleIds: ['corporate-grey', 'modern-office', 'warm-studio', 'navy-executive'],
    faq: [
      {
        question: 'Where are my photos processed?',
        answer:
          'By our cloud and GPU providers, which may process them outside Canada. The privacy notice names each provider, what it receives and how long it is kept.',
      },
    ],
  },
  {
    slug: 'ottawa',
    name: 'Ottawa',
    region: 'ON',
    country: 'CA',
    lat: 45.4215,
    lng: -75.6972,
    intro:
      'Ottawa is the seat of the federal government, and most of its professionals are public servants, consultants to government, or engineers at the telecom and software companies of Kanata North.',
    professions: [
      {
        who: 'Public servants',
        why: 'Speaker bios and LinkedIn for policy and programme staff.',
      },
      {
        who: 'Government consultants',
        why: 'Firm pages and the team bios in their proposals.',
      },
      {
        who: 'Telecom and software engineers',
        why: 'Directory photos at the tech park in Kanata.',
      },
    ],
    styleIds: ['corporate-grey', 'navy-executive', 'modern-office', 'warm-studio'],
    faq: [
      {
        question: 'Is a Likeness headshot appropriate for a Government of Canada bio?',
        answer:
          'Yes for a speaker bio or LinkedIn; for a departmental directory, check your department’s rules first. Building passes are photographed on site, not uploaded.',
      },
    ],
  },
  {
    slug: 'winnipeg',
    name: 'Winnipeg',
    region: 'MB',
    country: 'CA',
    lat: 49.8954,
    lng: -97.1385,
    intro:
      'Winnipeg’s economy is unusually broad: insurance and financial head offices, aerospace manufacturing, agribusiness, and transport companies built around the city’s role as a rail and trucking hub for the Prairies.',
    professions: [
      {
        who: 'Insurance and finance staff',
        why: 'Directory photos for the head offices downtown.',
      },
      {
        who: 'Aerospace and manufacturing engineers',
        why: 'LinkedIn and company profiles.',
      },
      {
        who: 'Grain-trade and agribusiness staff',
        why: 'Team pages for the companies that trade and ship Prairie crops.',
      },
    ],
    styleIds: ['corporate-grey', 'navy-executive', 'modern-office', 'warm-studio'],
    faq: [
      {
        question: 'Can I try it before paying?',
        answer:
          'You can upload your selfies and see each one checked before you pay. The headshots themselves are made only after payment.',
      },
    ],
  },
  {
    slug: 'quebec-city',
    name: 'Quebec City',
    region: 'QC',
    country: 'CA',
    lat: 46.8139,
    lng: -71.208,
    intro:
      'Quebec City is the provincial capital, so the Quebec public service is its largest employer, alongside insurance companies, Université Laval and growing video-game and optics industries.',
    professions: [
      {
        who: 'Provincial public servants',
        why: 'LinkedIn and speaker bios for ministry staff.',
      },
      {
        who: 'Insurance professionals',
        why: 'Adviser and team pages at the insurers based in the city.',
      },
      {
        who: 'Optics and game developers',
        why: 'Studio and lab team pages.',
      },
    ],
    styleIds: ['corporate-grey', 'modern-office', 'garden-natural', 'warm-studio'],
    faq: [
      {
        question: 'Are the headshots suitable for a bilingual LinkedIn profile?',
        answer:
          'Yes. A headshot has no text on it, so the same photo works for the French and the English versions of your profile.',
      },
    ],
  },
  {
    slug: 'halifax',
    name: 'Halifax',
    region: 'NS',
    country: 'CA',
    lat: 44.6488,
    lng: -63.5752,
    intro:
      'Halifax is Atlantic Canada’s largest city, home port of the navy’s Atlantic fleet and of Dalhousie University, with a cluster of ocean-technology companies and the regional offices of the banks and federal departments.',
    professions: [
      {
        who: 'Ocean-technology and research staff',
        why: 'Company and lab team pages.',
      },
      {
        who: 'Hospital staff',
        why: 'Profiles for clinicians at the province’s largest hospitals, which are in the city.',
      },
      {
        who: 'Public servants and bankers',
        why: 'Regional offices of federal departments and the banks.',
      },
    ],
    styleIds: ['garden-natural', 'medical-white', 'corporate-grey', 'modern-office'],
    faq: [
      {
        question: 'Can I order headshots for someone else?',
        answer:
          'Only with their permission: the terms allow photos of yourself, or of an adult who has agreed to it. The simplest way is for them to order from their own account.',
      },
    ],
  },
  {
    slug: 'waterloo',
    name: 'Waterloo',
    region: 'ON',
    country: 'CA',
    lat: 43.4643,
    lng: -80.5204,
    intro:
      'Waterloo Region is one of Canada’s main tech centres, built around the University of Waterloo’s co-op programme, research institutes such as Perimeter, and companies that grew up in the city. Large insurers have major offices here too.',
    professions: [
      {
        who: 'Co-op students',
        why: 'A professional photo for job portals and LinkedIn before each work term.',
      },
      {
        who: 'Software engineers',
        why: 'Team pages and LinkedIn at the region’s tech firms.',
      },
      {
        who: 'Insurance staff',
        why: 'Directory photos at the insurers’ Waterloo offices.',
      },
    ],
    styleIds: ['tech-founder', 'modern-office', 'corporate-grey', 'garden-natural'],
    faq: [
      {
        question: 'Is one order enough for several co-op applications?',
        answer:
          'Yes. Download the headshots you like and use them on every application and profile; the gallery is deleted on the schedule in the privacy notice, so keep your copies.',
      },
    ],
  },
];
