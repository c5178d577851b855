// The sandbox's deterministic demo data: a region modelled on UiTPAS Meetjesland with fictional people.
// Tests, demos and trainers use these constants; apps/uitpas-sandbox/README.md shows them as a table.
// Event times are relative to the sandbox clock (day offsets in Europe/Brussels), so "today" stays today.

export type PeriodType = 'ABSOLUTE' | 'DAY' | 'WEEK' | 'MONTH' | 'QUARTER' | 'YEAR';
export type SocialTariffState = 'NONE' | 'ACTIVE' | 'GRACE' | 'EXPIRED' | 'SUSPENDED';

export const CARD_SYSTEMS = {
  meetjesland: {
    id: 12,
    name: 'UiTPAS Meetjesland',
    cities: [
      { postalCode: '9900', name: 'Eeklo' },
      { postalCode: '9960', name: 'Assenede' },
      { postalCode: '9990', name: 'Maldegem' },
      { postalCode: '9970', name: 'Kaprijke' },
      { postalCode: '9980', name: 'Sint-Laureins' },
      { postalCode: '9060', name: 'Zelzate' },
      { postalCode: '9968', name: 'Bassevelde' },
      { postalCode: '9991', name: 'Adegem' },
    ],
  },
  gent: { id: 7, name: 'UiTPAS Gent', cities: [{ postalCode: '9000', name: 'Gent' }] },
} as const;

export const ORGANIZERS = {
  ccEeklo: {
    id: '5f1e2b64-0c1d-4f7a-9a3e-2b1c9d8e7f01',
    name: 'Cultuurcentrum Eeklo (demo)',
    cardSystemId: 12,
    city: 'Eeklo',
    postalCode: '9900',
    street: 'Zuidmoerstraat 136',
  },
  bibMaldegem: {
    id: '5f1e2b64-0c1d-4f7a-9a3e-2b1c9d8e7f02',
    name: 'Bibliotheek Maldegem (demo)',
    cardSystemId: 12,
    city: 'Maldegem',
    postalCode: '9990',
    street: 'Marktstraat 7',
  },
  zwembadAssenede: {
    id: '5f1e2b64-0c1d-4f7a-9a3e-2b1c9d8e7f03',
    name: 'Zwembad Assenede (demo)',
    cardSystemId: 12,
    city: 'Assenede',
    postalCode: '9960',
    street: 'Kloosterstraat 2',
  },
  /** An organizer in another region: no demo account has permissions here. */
  sportGent: {
    id: '5f1e2b64-0c1d-4f7a-9a3e-2b1c9d8e7f04',
    name: 'Sportdienst Gent (demo)',
    cardSystemId: 7,
    city: 'Gent',
    postalCode: '9000',
    street: 'Zuiderlaan 13',
  },
} as const;
export type OrganizerKey = keyof typeof ORGANIZERS;

/** Everything a counter needs (DOMAIN.md §11 "Minimal counter set") plus registration. */
export const COUNTER_PERMISSIONS = [
  'PASSES_READ',
  'PASSHOLDERS_SEARCH',
  'GROUPPASSES_SEARCH',
  'CHECKINS_READ',
  'CHECKINS_WRITE',
  'TARIFFS_READ',
  'TICKETSALES_REGISTER',
  'TICKETSALES_SEARCH',
  'REWARDS_READ',
  'REWARDS_REDEEM',
  'REWARDS_PASSHOLDERS_READ',
  'PASSHOLDERS_WRITE',
  'PASSHOLDERS_WRITE_SOCIALTARIFF',
  'PASSHOLDERS_UPDATE',
  'PASSHOLDERS_PRIVATE_READ',
  'MEMBERSHIP_PRICES_READ',
  'CARDS_READ',
  'ORGANIZERS_SEARCH',
] as const;
/**
 * The regional back-office client may also grant kansentarief to people from every town of the region,
 * and register people who live abroad (near the border).
 */
export const BACK_OFFICE_PERMISSIONS = [
  ...COUNTER_PERMISSIONS,
  'PASSHOLDERS_WRITE_SOCIALTARIFF_FULL_CARDSYSTEM',
  'PASSHOLDERS_WRITE_FOREIGN_COUNTRY',
] as const;
export const READ_ONLY_PERMISSIONS = [
  'PASSES_READ',
  'PASSHOLDERS_SEARCH',
  'CHECKINS_READ',
  'REWARDS_READ',
] as const;

/** A counter that may only check in (no kansentarief, no registration, no rewards): hidden actions. */
export const CHECKIN_ONLY_PERMISSIONS = [
  'PASSES_READ',
  'PASSHOLDERS_SEARCH',
  'CHECKINS_READ',
  'CHECKINS_WRITE',
  'REWARDS_READ',
  'CARDS_READ',
  'ORGANIZERS_SEARCH',
] as const;

export interface Grant {
  organizer: OrganizerKey;
  permissions: readonly string[];
}

export const CLIENTS = {
  /** Client credentials for counters (back-office client). */
  counter: {
    clientId: 'sandbox-balie',
    clientSecret: 'sandbox-balie-secret',
    grants: [
      { organizer: 'ccEeklo', permissions: BACK_OFFICE_PERMISSIONS },
      { organizer: 'bibMaldegem', permissions: BACK_OFFICE_PERMISSIONS },
      { organizer: 'zwembadAssenede', permissions: BACK_OFFICE_PERMISSIONS },
    ] as Grant[],
  },
  /** A client with read-only rights, to see `auth/forbidden`. */
  readOnly: {
    clientId: 'sandbox-alleen-lezen',
    clientSecret: 'sandbox-alleen-lezen-secret',
    grants: [{ organizer: 'ccEeklo', permissions: READ_ONLY_PERMISSIONS }] as Grant[],
  },
  /** Full rights at CC Eeklo, check-ins only at Bibliotheek Maldegem: the counter hides the rest there. */
  limited: {
    clientId: 'sandbox-balie-beperkt',
    clientSecret: 'sandbox-balie-beperkt-secret',
    grants: [
      { organizer: 'ccEeklo', permissions: COUNTER_PERMISSIONS },
      { organizer: 'bibMaldegem', permissions: CHECKIN_ONLY_PERMISSIONS },
    ] as Grant[],
  },
} as const;

/** Public client for authorization code + PKCE (no secret); redirect URIs on loopback only. */
export const PKCE_CLIENT_ID = 'sandbox-balie-pkce';

export const STAFF = {
  eeklo: {
    username: 'balie@eeklo.demo',
    password: 'uitpas-eeklo',
    name: 'Ilse Baert',
    grants: [{ organizer: 'ccEeklo', permissions: COUNTER_PERMISSIONS }] as Grant[],
  },
  maldegem: {
    username: 'balie@maldegem.demo',
    password: 'uitpas-maldegem',
    name: 'Pieter Goethals',
    grants: [
      { organizer: 'bibMaldegem', permissions: COUNTER_PERMISSIONS },
      { organizer: 'zwembadAssenede', permissions: COUNTER_PERMISSIONS },
    ] as Grant[],
  },
} as const;

export const KIOSKS = {
  eeklo: {
    id: '31',
    configurationCode: 'ZUIL-EEKLO-2026',
    name: 'Zuil inkomhal CC Eeklo',
    organizers: ['ccEeklo'] as OrganizerKey[],
  },
  maldegem: {
    id: '32',
    configurationCode: 'ZUIL-MALDEGEM-2026',
    name: 'Zuil bibliotheek Maldegem',
    organizers: ['bibMaldegem'] as OrganizerKey[],
  },
} as const;

export interface SeedEvent {
  id: string;
  title: string;
  organizer: OrganizerKey;
  /** Days from the sandbox clock's current date (Europe/Brussels). */
  dayOffset: number;
  start: string;
  end: string;
  /** Number of days the event lasts beyond its first day (an exhibition); default 0. */
  days?: number;
  /** Regular prices in euro (UiTdatabank priceInfo); 0 = free. */
  prices: { name: string; price: number }[];
  checkinPoints: number;
  checkinLimit?: { volume: number; periodType: PeriodType };
  passholderTicketLimit?: { volume: number; periodType: PeriodType };
  location: string;
}

export const EVENTS = {
  concertToday: {
    id: 'b1a0c001-7d3e-4a55-8f1a-000000000001',
    title: 'Concert: Meetjeslandse Harmonie',
    organizer: 'ccEeklo',
    dayOffset: 0,
    start: '00:30',
    end: '23:30',
    prices: [
      { name: 'Basistarief', price: 12 },
      { name: 'Reductie', price: 8 },
    ],
    checkinPoints: 1,
    passholderTicketLimit: { volume: 1, periodType: 'WEEK' },
    location: 'CC Eeklo, grote zaal',
  },
  workshopToday: {
    id: 'b1a0c001-7d3e-4a55-8f1a-000000000002',
    title: 'Workshop keramiek',
    organizer: 'ccEeklo',
    dayOffset: 0,
    start: '00:30',
    end: '23:30',
    prices: [{ name: 'Basistarief', price: 20 }],
    checkinPoints: 3,
    checkinLimit: { volume: 2, periodType: 'DAY' },
    passholderTicketLimit: { volume: 3, periodType: 'ABSOLUTE' },
    location: 'CC Eeklo, atelier',
  },
  voorleesuurToday: {
    id: 'b1a0c001-7d3e-4a55-8f1a-000000000003',
    title: 'Voorleesuurtje',
    organizer: 'bibMaldegem',
    dayOffset: 0,
    start: '00:30',
    end: '23:30',
    prices: [{ name: 'Gratis', price: 0 }],
    checkinPoints: 1,
    location: 'Bibliotheek Maldegem',
  },
  zwemmenThisWeek: {
    id: 'b1a0c001-7d3e-4a55-8f1a-000000000004',
    title: 'Baantjes zwemmen',
    organizer: 'zwembadAssenede',
    dayOffset: 2,
    start: '07:00',
    end: '21:00',
    prices: [{ name: 'Basistarief', price: 4.5 }],
    checkinPoints: 1,
    checkinLimit: { volume: 1, periodType: 'WEEK' },
    passholderTicketLimit: { volume: 2, periodType: 'MONTH' },
    location: 'Zwembad Assenede',
  },
  theaterPast: {
    id: 'b1a0c001-7d3e-4a55-8f1a-000000000005',
    title: 'Theater: De Gebroeders Schaduw',
    organizer: 'ccEeklo',
    dayOffset: -3,
    start: '20:00',
    end: '22:00',
    prices: [{ name: 'Basistarief', price: 15 }],
    checkinPoints: 2,
    passholderTicketLimit: { volume: 1, periodType: 'ABSOLUTE' },
    location: 'CC Eeklo, grote zaal',
  },
  filmFuture: {
    id: 'b1a0c001-7d3e-4a55-8f1a-000000000006',
    title: 'Filmavond: Meetjesland op het witte doek',
    organizer: 'ccEeklo',
    dayOffset: 10,
    start: '20:00',
    end: '22:30',
    prices: [{ name: 'Basistarief', price: 7 }],
    checkinPoints: 1,
    passholderTicketLimit: { volume: 1, periodType: 'ABSOLUTE' },
    location: 'CC Eeklo, filmzaal',
  },
  lezingFuture: {
    id: 'b1a0c001-7d3e-4a55-8f1a-000000000007',
    title: 'Lezing: de Boerenkrijg in het Meetjesland',
    organizer: 'bibMaldegem',
    dayOffset: 21,
    start: '19:30',
    end: '21:30',
    prices: [{ name: 'Basistarief', price: 5 }],
    checkinPoints: 2,
    location: 'Bibliotheek Maldegem',
  },
  /** Runs all week, open every day: check-ins once per day. */
  expoThisWeek: {
    id: 'b1a0c001-7d3e-4a55-8f1a-000000000009',
    title: 'Tentoonstelling: Meetjeslandse kunstenaars',
    organizer: 'ccEeklo',
    dayOffset: -2,
    days: 6,
    start: '10:00',
    end: '18:00',
    prices: [{ name: 'Basistarief', price: 3 }],
    checkinPoints: 1,
    location: 'CC Eeklo, expozaal',
  },
  /** An event of an organizer without demo permissions: `auth/forbidden`. */
  sportGentToday: {
    id: 'b1a0c001-7d3e-4a55-8f1a-000000000008',
    title: 'Sportnamiddag Gent',
    organizer: 'sportGent',
    dayOffset: 0,
    start: '00:30',
    end: '23:30',
    prices: [{ name: 'Basistarief', price: 6 }],
    checkinPoints: 1,
    location: 'Sporthal Gent',
  },
} as const satisfies Record<string, SeedEvent>;

export interface SeedPassholder {
  id: string;
  firstName: string;
  name: string;
  dateOfBirth: string;
  gender: 'MALE' | 'FEMALE' | 'X';
  inszNumber?: string;
  street: string;
  postalCode: string;
  city: string;
  email?: string;
  points: number;
  cardSystem: 'meetjesland' | 'gent';
  uitpasNumber: string;
  chipNumber: string;
  cardStatus: 'ACTIVE' | 'BLOCKED' | 'DELETED';
  membershipStatus: 'ACTIVE' | 'BLOCKED';
  socialTariff: SocialTariffState;
  note: string;
}

export const PASSHOLDERS = {
  amira: {
    id: 'a0b0c0d0-0000-4000-8000-000000000001',
    firstName: 'Amira',
    name: 'Peeters',
    dateOfBirth: '1985-07-30',
    gender: 'FEMALE',
    inszNumber: '85073003427',
    street: 'Stationsstraat 14',
    postalCode: '9900',
    city: 'Eeklo',
    email: 'amira.peeters@example.org',
    points: 25,
    cardSystem: 'meetjesland',
    uitpasNumber: '0400000010118',
    chipNumber: '04A1B2C3D4E5F6',
    cardStatus: 'ACTIVE',
    membershipStatus: 'ACTIVE',
    socialTariff: 'ACTIVE',
    note: 'kansentarief actief',
  },
  jonas: {
    id: 'a0b0c0d0-0000-4000-8000-000000000002',
    firstName: 'Jonas',
    name: 'De Smet',
    dateOfBirth: '1979-02-14',
    gender: 'MALE',
    inszNumber: '79021416323',
    street: 'Noordstraat 3',
    postalCode: '9990',
    city: 'Maldegem',
    points: 120,
    cardSystem: 'meetjesland',
    uitpasNumber: '0400000010209',
    chipNumber: '04B2C3D4E5F607',
    cardStatus: 'ACTIVE',
    membershipStatus: 'ACTIVE',
    socialTariff: 'NONE',
    note: 'geen kansentarief, veel punten',
  },
  lotte: {
    id: 'a0b0c0d0-0000-4000-8000-000000000003',
    firstName: 'Lotte',
    name: 'Van Damme',
    dateOfBirth: '1992-06-11',
    gender: 'FEMALE',
    inszNumber: '92061104844',
    street: 'Dorpsstraat 21',
    postalCode: '9960',
    city: 'Assenede',
    points: 3,
    cardSystem: 'meetjesland',
    uitpasNumber: '0400000010308',
    chipNumber: '04C3D4E5F60718',
    cardStatus: 'ACTIVE',
    membershipStatus: 'ACTIVE',
    socialTariff: 'EXPIRED',
    note: 'kansentarief verlopen',
  },
  noah: {
    id: 'a0b0c0d0-0000-4000-8000-000000000004',
    firstName: 'Noah',
    name: 'Verstraete',
    dateOfBirth: '1966-03-03',
    gender: 'MALE',
    inszNumber: '66030321139',
    street: 'Kerkstraat 8',
    postalCode: '9970',
    city: 'Kaprijke',
    points: 8,
    cardSystem: 'meetjesland',
    uitpasNumber: '0400000010415',
    chipNumber: '04D4E5F6071829',
    cardStatus: 'ACTIVE',
    membershipStatus: 'ACTIVE',
    socialTariff: 'GRACE',
    note: 'kansentarief in overgangsperiode (einddatum voorbij, nog actief)',
  },
  fatima: {
    id: 'a0b0c0d0-0000-4000-8000-000000000005',
    firstName: 'Fatima',
    name: 'El Amrani',
    dateOfBirth: '2001-09-17',
    gender: 'FEMALE',
    inszNumber: '01091731465',
    street: 'Assenedestraat 45',
    postalCode: '9060',
    city: 'Zelzate',
    points: 14,
    cardSystem: 'meetjesland',
    uitpasNumber: '0400000010514',
    chipNumber: '04E5F60718293A',
    cardStatus: 'ACTIVE',
    membershipStatus: 'ACTIVE',
    socialTariff: 'SUSPENDED',
    note: 'kansentarief opgeschort (punten sparen mag)',
  },
  kobe: {
    id: 'a0b0c0d0-0000-4000-8000-000000000006',
    firstName: 'Kobe',
    name: 'Claeys',
    dateOfBirth: '1999-01-01',
    gender: 'MALE',
    inszNumber: '99010105759',
    street: 'Leopoldlaan 2',
    postalCode: '9980',
    city: 'Sint-Laureins',
    points: 40,
    cardSystem: 'meetjesland',
    uitpasNumber: '0400000010605',
    chipNumber: '04F60718293A4B',
    cardStatus: 'BLOCKED',
    membershipStatus: 'ACTIVE',
    socialTariff: 'NONE',
    note: 'kaart geblokkeerd',
  },
  marie: {
    id: 'a0b0c0d0-0000-4000-8000-000000000007',
    firstName: 'Marie',
    name: 'Wauters',
    dateOfBirth: '1970-08-22',
    gender: 'FEMALE',
    inszNumber: '70082218205',
    street: 'Molenstraat 11',
    postalCode: '9900',
    city: 'Eeklo',
    points: 0,
    cardSystem: 'meetjesland',
    uitpasNumber: '0400000010704',
    chipNumber: '040718293A4B5C',
    cardStatus: 'DELETED',
    membershipStatus: 'ACTIVE',
    socialTariff: 'NONE',
    note: 'kaart geschrapt',
  },
  lucas: {
    id: 'a0b0c0d0-0000-4000-8000-000000000008',
    firstName: 'Lucas',
    name: 'Martens',
    dateOfBirth: '2012-03-14',
    gender: 'MALE',
    inszNumber: '12031412548',
    street: 'Schoolstraat 5',
    postalCode: '9900',
    city: 'Eeklo',
    points: 0,
    cardSystem: 'meetjesland',
    uitpasNumber: '0400000010803',
    chipNumber: '0418293A4B5C6D',
    cardStatus: 'ACTIVE',
    membershipStatus: 'ACTIVE',
    socialTariff: 'NONE',
    note: 'kind (INSZ van na 2000), welkomstvoordeel nog niet omgeruild',
  },
  emma: {
    id: 'a0b0c0d0-0000-4000-8000-000000000009',
    firstName: 'Emma',
    name: 'Goossens',
    dateOfBirth: '1988-05-05',
    gender: 'FEMALE',
    inszNumber: '88050524236',
    street: 'Brugsesteenweg 90',
    postalCode: '9990',
    city: 'Maldegem',
    points: 60,
    cardSystem: 'meetjesland',
    uitpasNumber: '0400000010902',
    chipNumber: '04293A4B5C6D7E',
    cardStatus: 'ACTIVE',
    membershipStatus: 'BLOCKED',
    socialTariff: 'NONE',
    note: 'lidmaatschap geblokkeerd (geen actief kaartsysteem)',
  },
  sofie: {
    id: 'a0b0c0d0-0000-4000-8000-000000000010',
    firstName: 'Sofie',
    name: 'Mertens',
    dateOfBirth: '1955-09-12',
    gender: 'FEMALE',
    inszNumber: '55091209485',
    street: 'Veldstraat 1',
    postalCode: '9000',
    city: 'Gent',
    points: 50,
    cardSystem: 'gent',
    uitpasNumber: '0400000011009',
    chipNumber: '043A4B5C6D7E8F',
    cardStatus: 'ACTIVE',
    membershipStatus: 'ACTIVE',
    socialTariff: 'ACTIVE',
    note: 'andere regio (UiTPAS Gent)',
  },
  bram: {
    id: 'a0b0c0d0-0000-4000-8000-000000000011',
    firstName: 'Bram',
    name: 'Rijckaert',
    dateOfBirth: '1993-11-11',
    gender: 'MALE',
    inszNumber: '93111112919',
    street: 'Markt 1',
    postalCode: '9900',
    city: 'Eeklo',
    points: 5000,
    cardSystem: 'meetjesland',
    uitpasNumber: '0400000011108',
    chipNumber: '044B5C6D7E8F90',
    cardStatus: 'ACTIVE',
    membershipStatus: 'ACTIVE',
    socialTariff: 'NONE',
    note: 'spaarkampioen (5000 punten)',
  },
} as const satisfies Record<string, SeedPassholder>;

export const GROUP_PASSES = {
  deSleutel: {
    id: 'c0d0e0f0-0000-4000-8000-000000000001',
    name: 'Vzw De Sleutel Eeklo',
    uitpasNumber: '0400000011207',
    chipNumber: '045C6D7E8F90A1',
    cardStatus: 'ACTIVE',
    email: 'info@desleutel.example.org',
    totalTicketsPerYear: 50,
    street: 'Kaaistraat 4',
    postalCode: '9900',
    city: 'Eeklo',
  },
} as const;

/** Cards in LOCAL_STOCK at the counters: sellable to new passholders (POST /passholders). */
export const STOCK_CARDS = [
  { uitpasNumber: '0400000011306', chipNumber: '046D7E8F90A1B2', socialTariff: false },
  { uitpasNumber: '0400000011405', chipNumber: '047E8F90A1B2C3', socialTariff: false },
  { uitpasNumber: '0400000011504', chipNumber: '048F90A1B2C3D4', socialTariff: false },
  { uitpasNumber: '0400000011603', chipNumber: '0490A1B2C3D4E5', socialTariff: true },
] as const;

/** A card that was never handed out to a counter (PROVISIONED): not sellable. */
export const PROVISIONED_CARD = { uitpasNumber: '0400000011702', chipNumber: '04A1B2C3D4E5F7' } as const;

export interface SeedReward {
  id: string;
  title: string;
  type: 'WELCOME' | 'POINTS';
  points: number;
  organizers: OrganizerKey[];
  /** Day offsets of the redeem period from the sandbox clock's date; null = open-ended. */
  redeemFrom: number;
  redeemTo: number | null;
  maxAvailableUnits?: number;
  unitsTaken?: number;
  redeemConstraint?: { volume: number; period: PeriodType };
  applicableCardSystems?: ('meetjesland' | 'gent')[];
  category: 'Eten en drinken' | 'Doen' | 'Gadget of item' | 'Goede doel';
  /** Configured with redeem codes: each redemption gets one (`RedeemedReward.redeemCode`). */
  withCode?: boolean;
}

export const REWARDS = {
  welkom: {
    id: '9001',
    title: 'Welkomstgeschenk: gratis drankje in de cafetaria',
    type: 'WELCOME',
    points: 0,
    organizers: ['ccEeklo', 'bibMaldegem', 'zwembadAssenede'],
    redeemFrom: -365,
    redeemTo: 365,
    redeemConstraint: { volume: 1, period: 'ABSOLUTE' },
    category: 'Eten en drinken',
  },
  koffie: {
    id: '9002',
    title: 'Gratis koffie',
    type: 'POINTS',
    points: 5,
    organizers: ['ccEeklo'],
    redeemFrom: -365,
    redeemTo: 365,
    redeemConstraint: { volume: 1, period: 'WEEK' },
    category: 'Eten en drinken',
  },
  zwembeurt: {
    id: '9003',
    title: 'Gratis zwembeurt',
    type: 'POINTS',
    points: 10,
    organizers: ['zwembadAssenede'],
    redeemFrom: -365,
    redeemTo: 365,
    redeemConstraint: { volume: 1, period: 'DAY' },
    category: 'Doen',
  },
  boek: {
    id: '9004',
    title: 'Boekenbon van 5 euro',
    type: 'POINTS',
    points: 20,
    organizers: ['bibMaldegem'],
    redeemFrom: -365,
    redeemTo: 365,
    redeemConstraint: { volume: 1, period: 'MONTH' },
    category: 'Gadget of item',
  },
  filmticket: {
    id: '9005',
    title: 'Gratis filmticket',
    type: 'POINTS',
    points: 15,
    organizers: ['ccEeklo'],
    redeemFrom: -365,
    redeemTo: 365,
    redeemConstraint: { volume: 1, period: 'QUARTER' },
    category: 'Doen',
    withCode: true,
  },
  draagtas: {
    id: '9006',
    title: 'UiTPAS-draagtas',
    type: 'POINTS',
    points: 8,
    organizers: ['ccEeklo', 'bibMaldegem'],
    redeemFrom: -365,
    redeemTo: 365,
    redeemConstraint: { volume: 2, period: 'YEAR' },
    category: 'Gadget of item',
  },
  /** Stock of 10, no per-passholder limit: the concurrency test's reward. */
  concertticket: {
    id: '9007',
    title: 'Duoticket concert (beperkte voorraad)',
    type: 'POINTS',
    points: 1,
    organizers: ['ccEeklo'],
    redeemFrom: -365,
    redeemTo: 365,
    maxAvailableUnits: 10,
    category: 'Doen',
  },
  uitverkocht: {
    id: '9008',
    title: 'Gesigneerde affiche (uitverkocht)',
    type: 'POINTS',
    points: 2,
    organizers: ['ccEeklo'],
    redeemFrom: -365,
    redeemTo: 365,
    maxAvailableUnits: 5,
    unitsTaken: 5,
    category: 'Gadget of item',
  },
  zomerbad: {
    id: '9009',
    title: 'Zomerbadpas (verlopen)',
    type: 'POINTS',
    points: 5,
    organizers: ['zwembadAssenede'],
    redeemFrom: -120,
    redeemTo: -30,
    category: 'Doen',
  },
  kerstmarkt: {
    id: '9010',
    title: 'Kerstmarkt-jeton (nog niet geldig)',
    type: 'POINTS',
    points: 3,
    organizers: ['ccEeklo'],
    redeemFrom: 30,
    redeemTo: 60,
    category: 'Eten en drinken',
  },
  gentsVoordeel: {
    id: '9011',
    title: 'Stadsbezoek Gent (enkel UiTPAS Gent)',
    type: 'POINTS',
    points: 5,
    organizers: ['ccEeklo'],
    redeemFrom: -365,
    redeemTo: 365,
    applicableCardSystems: ['gent'],
    category: 'Doen',
  },
  goedDoel: {
    id: '9012',
    title: 'Schenk je punten aan de voedselbank',
    type: 'POINTS',
    points: 10,
    organizers: ['ccEeklo', 'bibMaldegem', 'zwembadAssenede'],
    redeemFrom: -365,
    redeemTo: null,
    category: 'Goede doel',
  },
} as const satisfies Record<string, SeedReward>;

/** Membership prices (per card system); DOMAIN.md §4 example amounts. */
export const MEMBERSHIP_PRICES = {
  adultResident: { price: 5, label: '+18 inwoners', description: 'Volwassene uit het Meetjesland' },
  childResident: { price: 2, label: '-18 inwoners', description: 'Kind of jongere uit het Meetjesland' },
  nonResident: { price: 5, label: 'niet-inwoners', description: 'Woont buiten het Meetjesland' },
  socialTariff: { price: 1, label: 'Kansenpas', description: 'Met recht op kansentarief' },
} as const;

/** Kansentarief in the sandbox: the passholder pays 25 % of the regular price (Meetjesland's 75 % discount). */
export const SOCIAL_TARIFF_SHARE = 0.25;
