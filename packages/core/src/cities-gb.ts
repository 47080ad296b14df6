import type { City } from './cities.js';

/** Landing-page cities in the United Kingdom; the rules for the copy are on `City`. */
export const GB_CITIES: readonly City[] = [
  {
    slug: 'london',
    name: 'London',
    region: 'England',
    country: 'GB',
    lat: 51.5074,
    lng: -0.1278,
    intro:
      'London’s City and Canary Wharf hold the banks, insurers and law firms, the West End holds advertising and media, and Shoreditch and King’s Cross are where much of the tech industry works. Nearly every one of those employers puts staff photos on a website or in a pitch.',
    professions: [
      {
        who: 'Solicitors and barristers',
        why: 'Firm and chambers profile pages, which are conservative in tone.',
      },
      {
        who: 'Bankers and insurers',
        why: 'Directory photos and LinkedIn in the City and Canary Wharf.',
      },
      {
        who: 'Tech and creative staff',
        why: 'Relaxed team photos for startups in Shoreditch and King’s Cross.',
      },
    ],
    styleIds: ['corporate-grey', 'navy-executive', 'black-tie', 'tech-founder'],
    faq: [
      {
        question: 'Are these suitable for a barristers’ chambers profile?',
        answer:
          'Many chambers profiles use a plain, formal studio portrait, which the grey, navy and monochrome styles are. Check your chambers’ guidelines first.',
      },
    ],
  },
  {
    slug: 'manchester',
    name: 'Manchester',
    region: 'England',
    country: 'GB',
    lat: 53.4808,
    lng: -2.2426,
    intro:
      'Manchester has one of the largest city economies in the UK outside London, with financial and professional services in Spinningfields, broadcasters and digital firms at MediaCityUK in neighbouring Salford, and two large universities in the city centre.',
    professions: [
      {
        who: 'Media and broadcasting staff',
        why: 'Team pages and LinkedIn around MediaCityUK.',
      },
      {
        who: 'Professional-services staff',
        why: 'Bio pages for the accountancy and law firms in Spinningfields.',
      },
      {
        who: 'Digital agency staff',
        why: 'Relaxed team photos for the agencies of the Northern Quarter.',
      },
    ],
    styleIds: ['modern-office', 'tech-founder', 'corporate-grey', 'city-outdoors'],
    faq: [
      {
        question: 'Can I pick which headshots to keep?',
        answer:
          'Yes. Favourite and rate headshots in your gallery, then download only the ones you like, or all of them at once.',
      },
    ],
  },
  {
    slug: 'birmingham',
    name: 'Birmingham',
    region: 'England',
    country: 'GB',
    lat: 52.4862,
    lng: -1.8904,
    intro:
      'Birmingham is a centre for professional services, with many large firms around Colmore Row and HSBC UK’s head office in the city, and the West Midlands’ car and engineering industry employs thousands of engineers around it.',
    professions: [
      {
        who: 'Accountants and lawyers',
        why: 'Firm bio pages in the Colmore business district.',
      },
      {
        who: 'Automotive engineers',
        why: 'Directory photos for the carmakers and suppliers across the West Midlands.',
      },
      {
        who: 'Bank staff',
        why: 'Team and directory pages at the banks’ Birmingham offices.',
      },
    ],
    styleIds: ['corporate-grey', 'navy-executive', 'modern-office', 'warm-studio'],
    faq: [
      {
        question: 'What should I wear in my selfies?',
        answer:
          'It matters less than you would think: each style sets the outfit, from a suit to a knit jumper. What matters is your face — clear, well lit and without sunglasses.',
      },
    ],
  },
  {
    slug: 'edinburgh',
    name: 'Edinburgh',
    region: 'Scotland',
    country: 'GB',
    lat: 55.9533,
    lng: -3.1883,
    intro:
      'Edinburgh is Scotland’s capital and one of the UK’s largest financial centres after London, strongest in asset management, pensions and insurance. The Scottish Parliament, the universities and a growing software sector add civil servants, academics and developers.',
    professions: [
      {
        who: 'Fund managers and actuaries',
        why: 'Firm team pages and LinkedIn.',
      },
      {
        who: 'Civil servants and parliamentary staff',
        why: 'Speaker bios and LinkedIn.',
      },
      {
        who: 'Academics',
        why: 'University profile pages.',
      },
    ],
    styleIds: ['navy-executive', 'corporate-grey', 'warm-studio', 'garden-natural'],
    faq: [
      {
        question: 'The city is packed in festival season. Do I need to book anything?',
        answer:
          'No. There is nothing to book: you upload selfies whenever it suits you, and everything else happens online.',
      },
    ],
  },
  {
    slug: 'glasgow',
    name: 'Glasgow',
    region: 'Scotland',
    country: 'GB',
    lat: 55.8642,
    lng: -4.2518,
    intro:
      'Glasgow is Scotland’s largest city, with financial and business services in the International Financial Services District, shipbuilding and defence engineering on the Clyde, and a space-technology cluster that builds small satellites.',
    professions: [
      {
        who: 'Engineers on the Clyde',
        why: 'Directory and LinkedIn photos for the shipbuilding and defence firms.',
      },
      {
        who: 'Space-technology staff',
        why: 'Team pages at the satellite makers.',
      },
      {
        who: 'Financial-services staff',
        why: 'Team pages in the city’s financial district.',
      },
    ],
    styleIds: ['corporate-grey', 'modern-office', 'tech-founder', 'city-outdoors'],
    faq: [
      {
        question: 'Can I see the headshots before I pay?',
        answer:
          'No: they are made after payment, because training your model takes GPU time. You do see every selfie checked before you pay, and the refund guarantee is set out with the plans.',
      },
    ],
  },
  {
    slug: 'leeds',
    name: 'Leeds',
    region: 'England',
    country: 'GB',
    lat: 53.8008,
    lng: -1.5491,
    intro:
      'Leeds is one of the UK’s largest legal and financial centres outside London, with national banking and insurance operations and a concentration of NHS and health-data organisations.',
    professions: [
      {
        who: 'Solicitors',
        why: 'Firm profile pages in the city-centre legal district.',
      },
      {
        who: 'NHS and health-data staff',
        why: 'Team and speaker pages.',
      },
      {
        who: 'Bank and building society staff',
        why: 'Directory photos for the large operations based in and around the city.',
      },
    ],
    styleIds: ['corporate-grey', 'modern-office', 'navy-executive', 'medical-white'],
    faq: [
      {
        question: 'Do I need a particular phone?',
        answer:
          'No. Any phone camera that takes a sharp picture will do; every selfie is checked as it uploads, and you are told if one is blurred or too dark.',
      },
    ],
  },
  {
    slug: 'bristol',
    name: 'Bristol',
    region: 'England',
    country: 'GB',
    lat: 51.4545,
    lng: -2.5879,
    intro:
      'Bristol’s economy leans on aerospace around Filton, a large creative and natural-history film sector, and a strong microelectronics and software scene. Many people here move between engineering and creative work over a career.',
    professions: [
      {
        who: 'Aerospace engineers',
        why: 'Directory photos for the employers around Filton.',
      },
      {
        who: 'Film and TV production staff',
        why: 'Crew and company pages.',
      },
      {
        who: 'Chip designers and developers',
        why: 'LinkedIn and team pages.',
      },
    ],
    styleIds: ['tech-founder', 'garden-natural', 'city-outdoors', 'modern-office'],
    faq: [
      {
        question: 'Can I use a headshot on my own freelance website?',
        answer:
          'Yes. The terms give you a licence to use your headshots for any lawful purpose, personal or commercial, which covers your own site and marketing.',
      },
    ],
  },
  {
    slug: 'liverpool',
    name: 'Liverpool',
    region: 'England',
    country: 'GB',
    lat: 53.4084,
    lng: -2.9916,
    intro:
      'Liverpool’s port is still one of the UK’s busiest, and the city has a large health and life-sciences sector around its universities and hospitals, including the Liverpool School of Tropical Medicine. Maritime, legal and insurance services grew up with the docks.',
    professions: [
      {
        who: 'Maritime and logistics staff',
        why: 'Directory and LinkedIn photos for port and shipping firms.',
      },
      {
        who: 'Researchers and clinicians',
        why: 'Profiles at the city’s universities and hospitals.',
      },
      {
        who: 'Insurance and legal staff',
        why: 'Team pages at the firms of the commercial district.',
      },
    ],
    styleIds: ['corporate-grey', 'medical-white', 'modern-office', 'warm-studio'],
    faq: [
      {
        question: 'Can I delete everything once I have my headshots?',
        answer:
          'Yes. You can delete an order, or your whole account, from the app; the selfies, your personal model and the headshots go with it.',
      },
    ],
  },
  {
    slug: 'cardiff',
    name: 'Cardiff',
    region: 'Wales',
    country: 'GB',
    lat: 51.4816,
    lng: -3.1791,
    intro:
      'Cardiff is the Welsh capital, where the Senedd and the Welsh Government employ many, alongside a media industry around BBC Cymru Wales and the Cardiff Bay studios, and a compound-semiconductor cluster in south Wales.',
    professions: [
      {
        who: 'Government and Senedd staff',
        why: 'Speaker bios and LinkedIn.',
      },
      {
        who: 'Broadcast and production staff',
        why: 'Team and credits pages.',
      },
      {
        who: 'Semiconductor engineers',
        why: 'Directory photos at the advanced-manufacturing firms across south Wales.',
      },
    ],
    styleIds: ['corporate-grey', 'modern-office', 'warm-studio', 'garden-natural'],
    faq: [
      {
        question: 'Can I use them on a Welsh-language profile?',
        answer:
          'Yes. The headshots have no text, so they work on a Welsh or an English profile alike; the site itself is in English.',
      },
    ],
  },
  {
    slug: 'belfast',
    name: 'Belfast',
    region: 'Northern Ireland',
    country: 'GB',
    lat: 54.5973,
    lng: -5.9301,
    intro:
      'Belfast has become a centre for cybersecurity, fintech and legal-services operations, with many international firms running engineering teams in the city, while its shipbuilding past lives on in aerospace and engineering companies.',
    professions: [
      {
        who: 'Cybersecurity engineers',
        why: 'Team pages and conference speaker bios.',
      },
      {
        who: 'Legal and fintech operations staff',
        why: 'Directory photos for the international firms’ Belfast offices.',
      },
      {
        who: 'Aerospace engineers',
        why: 'LinkedIn and directory photos.',
      },
    ],
    styleIds: ['tech-founder', 'corporate-grey', 'modern-office', 'navy-executive'],
    faq: [
      {
        question: 'Does ordering work the same from Northern Ireland?',
        answer:
          'Yes. Everything happens online, so ordering, payment and your gallery work the same wherever you are.',
      },
    ],
  },
];
