// The sandbox's state in SQLite: an embedded file by default (a training day survives a restart),
// in-memory for tests. Reference data that never changes (card systems, organizers, events, clients)
// stays in seed-data.ts; everything the API can change lives here.
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { addDays, brusselsDate, brusselsInstant } from './brussels.ts';
import {
  CARD_SYSTEMS,
  GROUP_PASSES,
  KIOSKS,
  PASSHOLDERS,
  PROVISIONED_CARD,
  REWARDS,
  STOCK_CARDS,
  type SocialTariffState,
} from './seed-data.ts';

const SCHEMA_VERSION = 1;

const SCHEMA = `
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE passholders (
  id TEXT PRIMARY KEY,
  data TEXT NOT NULL,
  insz TEXT UNIQUE,
  points INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL
);
CREATE TABLE memberships (
  passholder_id TEXT NOT NULL REFERENCES passholders(id),
  card_system_id INTEGER NOT NULL,
  uitpas_number TEXT NOT NULL,
  status TEXT NOT NULL,
  social_tariff_end TEXT,
  suspended_until TEXT,
  created_at TEXT NOT NULL,
  PRIMARY KEY (passholder_id, card_system_id)
);
CREATE TABLE group_passes (
  id TEXT PRIMARY KEY,
  data TEXT NOT NULL,
  total_tickets INTEGER NOT NULL,
  created_at TEXT NOT NULL
);
CREATE TABLE cards (
  uitpas_number TEXT PRIMARY KEY,
  chip_number TEXT UNIQUE,
  card_system_id INTEGER NOT NULL,
  card_type TEXT NOT NULL,
  status TEXT NOT NULL,
  social_tariff INTEGER NOT NULL,
  passholder_id TEXT REFERENCES passholders(id),
  group_pass_id TEXT REFERENCES group_passes(id)
);
CREATE TABLE rewards (id TEXT PRIMARY KEY, units_taken INTEGER NOT NULL DEFAULT 0);
CREATE TABLE checkins (
  id TEXT PRIMARY KEY,
  passholder_id TEXT NOT NULL,
  uitpas_number TEXT NOT NULL,
  event_id TEXT NOT NULL,
  organizer_id TEXT NOT NULL,
  points INTEGER NOT NULL,
  created_at TEXT NOT NULL,
  via TEXT NOT NULL,
  deleted_at TEXT
);
CREATE INDEX checkins_passholder ON checkins (passholder_id, event_id);
CREATE TABLE ticket_sales (
  id TEXT PRIMARY KEY,
  passholder_id TEXT,
  group_pass_id TEXT,
  uitpas_number TEXT NOT NULL,
  event_id TEXT NOT NULL,
  organizer_id TEXT NOT NULL,
  tariff_id TEXT NOT NULL,
  tariff_type TEXT NOT NULL,
  tariff_name TEXT NOT NULL,
  price REAL NOT NULL,
  regular_price REAL NOT NULL,
  regular_price_label TEXT,
  created_at TEXT NOT NULL,
  deleted_at TEXT
);
CREATE INDEX ticket_sales_holder ON ticket_sales (uitpas_number, event_id);
CREATE TABLE redemptions (
  id TEXT PRIMARY KEY,
  reward_id TEXT NOT NULL,
  passholder_id TEXT NOT NULL,
  uitpas_number TEXT NOT NULL,
  points INTEGER NOT NULL,
  redeem_code TEXT,
  created_at TEXT NOT NULL,
  deleted_at TEXT
);
CREATE INDEX redemptions_passholder ON redemptions (passholder_id, reward_id);
CREATE TABLE tokens (
  token TEXT PRIMARY KEY,
  kind TEXT NOT NULL,
  subject TEXT NOT NULL,
  client_id TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  revoked INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE auth_codes (
  code TEXT PRIMARY KEY,
  client_id TEXT NOT NULL,
  redirect_uri TEXT NOT NULL,
  challenge TEXT NOT NULL,
  subject TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  used INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE kiosk_devices (
  kiosk_id TEXT PRIMARY KEY,
  device_id TEXT UNIQUE,
  name TEXT,
  event_id TEXT
);
`;

export type Db = Database.Database;

export function openDatabase(file: string | null): Db {
  if (file) mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file ?? ':memory:');
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  return db;
}

export function isSeeded(db: Db): boolean {
  return db.pragma('user_version', { simple: true }) === SCHEMA_VERSION;
}

/** Drops everything and writes the deterministic seed, relative to `now` (the sandbox clock). */
export function resetAndSeed(db: Db, now: Date): void {
  // foreign_keys can only change outside a transaction; dropping parents first would fail otherwise.
  db.pragma('foreign_keys = OFF');
  db.transaction(() => {
    const tables = db
      .prepare<[], { name: string }>(
        "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'",
      )
      .all();
    for (const t of tables) db.exec(`DROP TABLE "${t.name}"`);
    db.exec(SCHEMA);
    seed(db, now);
    db.pragma(`user_version = ${SCHEMA_VERSION}`);
  })();
  db.pragma('foreign_keys = ON');
}

/** 30 April of next year, end of day Brussels (DOMAIN.md §4: default social-tariff end date). */
export function defaultSocialTariffEnd(now: Date): string {
  const year = Number(brusselsDate(now).slice(0, 4)) + 1;
  return brusselsInstant(`${year}-04-30`, '23:59').toISOString();
}

function socialTariffDates(
  state: SocialTariffState,
  now: Date,
): { end: string | null; suspended: string | null } {
  const today = brusselsDate(now);
  const at = (days: number): string => brusselsInstant(addDays(today, days), '23:59').toISOString();
  switch (state) {
    case 'NONE':
      return { end: null, suspended: null };
    case 'ACTIVE':
      return { end: defaultSocialTariffEnd(now), suspended: null };
    case 'GRACE':
      return { end: at(-10), suspended: null };
    case 'EXPIRED':
      return { end: at(-60), suspended: null };
    case 'SUSPENDED':
      return { end: defaultSocialTariffEnd(now), suspended: at(60) };
  }
}

function seed(db: Db, now: Date): void {
  db.prepare("INSERT INTO meta (key, value) VALUES ('anchor-day', ?)").run(brusselsDate(now));
  const created = brusselsInstant(addDays(brusselsDate(now), -400), '10:00').toISOString();
  const insertPassholder = db.prepare(
    'INSERT INTO passholders (id, data, insz, points, created_at) VALUES (?, ?, ?, ?, ?)',
  );
  const insertMembership = db.prepare(
    `INSERT INTO memberships (passholder_id, card_system_id, uitpas_number, status, social_tariff_end, suspended_until, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertCard = db.prepare(
    `INSERT INTO cards (uitpas_number, chip_number, card_system_id, card_type, status, social_tariff, passholder_id, group_pass_id)
     VALUES (?, ?, ?, 'NFC_CARD', ?, ?, ?, ?)`,
  );
  for (const p of Object.values(PASSHOLDERS)) {
    const data: PassholderData = {
      firstName: p.firstName,
      name: p.name,
      dateOfBirth: p.dateOfBirth,
      gender: p.gender,
      address: { street: p.street, postalCode: p.postalCode, city: p.city, country: 'BE' },
      ...('email' in p ? { email: p.email } : {}),
    };
    insertPassholder.run(p.id, JSON.stringify(data), p.inszNumber, p.points, created);
    const cs = CARD_SYSTEMS[p.cardSystem].id;
    const st = socialTariffDates(p.socialTariff, now);
    insertMembership.run(p.id, cs, p.uitpasNumber, p.membershipStatus, st.end, st.suspended, created);
    insertCard.run(
      p.uitpasNumber,
      p.chipNumber,
      cs,
      p.cardStatus,
      p.socialTariff === 'NONE' ? 0 : 1,
      p.id,
      null,
    );
  }
  for (const g of Object.values(GROUP_PASSES)) {
    const data = {
      name: g.name,
      email: g.email,
      address: { street: g.street, postalCode: g.postalCode, city: g.city, country: 'BE' },
    };
    db.prepare('INSERT INTO group_passes (id, data, total_tickets, created_at) VALUES (?, ?, ?, ?)').run(
      g.id,
      JSON.stringify(data),
      g.totalTicketsPerYear,
      created,
    );
    insertCard.run(g.uitpasNumber, g.chipNumber, CARD_SYSTEMS.meetjesland.id, g.cardStatus, 1, null, g.id);
  }
  for (const c of STOCK_CARDS) {
    insertCard.run(
      c.uitpasNumber,
      c.chipNumber,
      CARD_SYSTEMS.meetjesland.id,
      'LOCAL_STOCK',
      c.socialTariff ? 1 : 0,
      null,
      null,
    );
  }
  insertCard.run(
    PROVISIONED_CARD.uitpasNumber,
    PROVISIONED_CARD.chipNumber,
    CARD_SYSTEMS.meetjesland.id,
    'PROVISIONED',
    0,
    null,
    null,
  );
  const insertReward = db.prepare('INSERT INTO rewards (id, units_taken) VALUES (?, ?)');
  for (const r of Object.values(REWARDS)) insertReward.run(r.id, 'unitsTaken' in r ? r.unitsTaken : 0);
  const insertKiosk = db.prepare('INSERT INTO kiosk_devices (kiosk_id) VALUES (?)');
  for (const k of Object.values(KIOSKS)) insertKiosk.run(k.id);
}

export interface PassholderData {
  firstName: string;
  name: string;
  dateOfBirth: string;
  gender?: string;
  address: { street?: string; postalCode: string; city: string; country?: string };
  email?: string;
  phoneNumber?: string;
  nationality?: string;
  optInPreferences?: Record<string, boolean>;
  /** Private: registrationNote of the registration, only returned by GET …/private. */
  note?: string;
  /** Private: registrationPicture (base64), never returned in a pass holder. */
  picture?: string;
}

export interface PassholderRow {
  id: string;
  data: string;
  insz: string | null;
  points: number;
  created_at: string;
}

export interface MembershipRow {
  passholder_id: string;
  card_system_id: number;
  uitpas_number: string;
  status: 'ACTIVE' | 'BLOCKED';
  social_tariff_end: string | null;
  suspended_until: string | null;
  created_at: string;
}

export interface CardRow {
  uitpas_number: string;
  chip_number: string | null;
  card_system_id: number;
  card_type: 'NFC_CARD' | 'DIGITAL';
  status: 'PROVISIONED' | 'LOCAL_STOCK' | 'ACTIVE' | 'BLOCKED' | 'DELETED';
  social_tariff: number;
  passholder_id: string | null;
  group_pass_id: string | null;
}

export interface GroupPassRow {
  id: string;
  data: string;
  total_tickets: number;
  created_at: string;
}

export interface CheckinRow {
  id: string;
  passholder_id: string;
  uitpas_number: string;
  event_id: string;
  organizer_id: string;
  points: number;
  created_at: string;
  via: string;
  deleted_at: string | null;
}

export interface TicketSaleRow {
  id: string;
  passholder_id: string | null;
  group_pass_id: string | null;
  uitpas_number: string;
  event_id: string;
  organizer_id: string;
  tariff_id: string;
  tariff_type: 'SOCIALTARIFF' | 'COUPON';
  tariff_name: string;
  price: number;
  regular_price: number;
  regular_price_label: string | null;
  created_at: string;
  deleted_at: string | null;
}

export interface RedemptionRow {
  id: string;
  reward_id: string;
  passholder_id: string;
  uitpas_number: string;
  points: number;
  redeem_code: string | null;
  created_at: string;
  deleted_at: string | null;
}
