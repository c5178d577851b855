// Reads of the sandbox state and the shapes the API answers with (the official schemas' field names).
import { addDays, brusselsDate, brusselsInstant } from './brussels.ts';
import {
  CARD_SYSTEMS,
  EVENTS,
  ORGANIZERS,
  REWARDS,
  type OrganizerKey,
  type PeriodType,
  type SeedEvent,
  type SeedReward,
} from './seed-data.ts';
import type {
  CardRow,
  CheckinRow,
  Db,
  GroupPassRow,
  MembershipRow,
  PassholderData,
  PassholderRow,
  RedemptionRow,
  TicketSaleRow,
} from './store.node.ts';

type Json = Record<string, unknown>;

/** Days after the social tariff's end date during which it still counts as ACTIVE (DOMAIN.md §5). */
export const GRACE_PERIOD_DAYS = 30;

export const cardSystemById = (id: number) => Object.values(CARD_SYSTEMS).find((c) => c.id === id);

export function cardSystemJson(id: number, full = false): Json {
  const cs = cardSystemById(id);
  if (!cs) return { id };
  return full
    ? {
        id: cs.id,
        name: cs.name,
        cities: cs.cities.map((c) => ({ postalCode: c.postalCode, name: c.name })),
        permanent: true,
        allowsCardlessRegistration: true,
        cardlessRegistrationType: 'ALL',
        socialTariffInfo: 'Met kansentarief betaal je 25 % van de gewone prijs.',
      }
    : { id: cs.id, name: cs.name };
}

export const organizerKeyById = (id: string): OrganizerKey | undefined =>
  (Object.keys(ORGANIZERS) as OrganizerKey[]).find((k) => ORGANIZERS[k].id === id);

export function organizerJson(key: OrganizerKey, full = false): Json {
  const o = ORGANIZERS[key];
  return full
    ? {
        id: o.id,
        name: o.name,
        cardSystems: [cardSystemJson(o.cardSystemId)],
        address: { street: o.street, postalCode: o.postalCode, city: o.city },
      }
    : { id: o.id, name: o.name };
}

export interface EventInstance {
  id: string;
  title: string;
  organizer: OrganizerKey;
  organizerId: string;
  start: Date;
  end: Date;
  seed: SeedEvent;
  checkinPoints: number;
  checkinLimit: { volume: number; periodType: PeriodType };
  passholderTicketLimit: { volume: number; periodType: PeriodType } | null;
}

/**
 * Events are placed relative to the anchor day: the sandbox clock's Brussels date when the seed was written.
 * They stay put when the clock moves (a test can walk past an event); a reset re-anchors them on the new "today".
 */
export function eventInstance(seed: SeedEvent, anchorDay: string): EventInstance {
  const day = addDays(anchorDay, seed.dayOffset);
  const start = brusselsInstant(day, seed.start);
  const end = brusselsInstant(addDays(day, seed.days ?? 0), seed.end);
  return {
    id: seed.id,
    title: seed.title,
    organizer: seed.organizer,
    organizerId: ORGANIZERS[seed.organizer].id,
    start,
    end,
    seed,
    checkinPoints: seed.checkinPoints,
    // DOMAIN.md "Decisions": 1 check-in per passholder per event per DAY unless the event says otherwise.
    checkinLimit: seed.checkinLimit ?? { volume: 1, periodType: 'DAY' },
    passholderTicketLimit: seed.passholderTicketLimit ?? null,
  };
}

export function findEvent(id: string, anchorDay: string): EventInstance | undefined {
  const seed = Object.values(EVENTS).find((e) => e.id === id) as SeedEvent | undefined;
  return seed ? eventInstance(seed, anchorDay) : undefined;
}

export const allEvents = (anchorDay: string): EventInstance[] =>
  Object.values(EVENTS).map((e) => eventInstance(e as SeedEvent, anchorDay));

/** UiTdatabank Search JSON-LD (the subset the suite reads). */
export function eventSearchJson(e: EventInstance, baseUrl: string): Json {
  const o = ORGANIZERS[e.organizer];
  return {
    '@id': `${baseUrl}/event/${e.id}`,
    '@type': 'Event',
    id: e.id,
    name: { nl: e.title },
    calendarType: 'single',
    startDate: e.start.toISOString(),
    endDate: e.end.toISOString(),
    organizer: {
      '@id': `${baseUrl}/organizers/${o.id}`,
      '@type': 'Organizer',
      id: o.id,
      name: { nl: o.name },
    },
    location: {
      '@type': 'Place',
      name: { nl: e.seed.location },
      address: {
        nl: {
          addressLocality: o.city,
          postalCode: o.postalCode,
          streetAddress: o.street,
          addressCountry: 'BE',
        },
      },
    },
    priceInfo: e.seed.prices.map((p, i) => ({
      category: i === 0 ? 'base' : 'tariff',
      name: { nl: p.name },
      price: p.price,
      priceCurrency: 'EUR',
    })),
    uitpas: { checkinPoints: e.checkinPoints },
  };
}

export function rewardSeed(id: string): SeedReward | undefined {
  return Object.values(REWARDS).find((r) => r.id === id) as SeedReward | undefined;
}

export interface RewardPeriod {
  begin: Date;
  end: Date | null;
}

export function rewardRedeemPeriod(r: SeedReward, anchorDay: string): RewardPeriod {
  const today = anchorDay;
  return {
    begin: brusselsInstant(addDays(today, r.redeemFrom), '00:00'),
    end: r.redeemTo === null ? null : brusselsInstant(addDays(today, r.redeemTo), '23:59'),
  };
}

export function rewardApplicableCardSystems(r: SeedReward): number[] {
  return (r.applicableCardSystems ?? ['meetjesland']).map((k) => CARD_SYSTEMS[k].id);
}

export function rewardJson(r: SeedReward, unitsTaken: number, now: Date, anchorDay: string): Json {
  const period = rewardRedeemPeriod(r, anchorDay);
  const periodJson = {
    begin: period.begin.toISOString(),
    ...(period.end ? { end: period.end.toISOString() } : {}),
  };
  return {
    id: r.id,
    title: r.title,
    type: r.type,
    promotionalDescription: `${r.title}. Vraag ernaar aan de balie.`,
    publicationPeriod: periodJson,
    redeemPeriod: periodJson,
    grantingPeriod: periodJson,
    points: r.points,
    categories: [r.category],
    owningCardSystem: cardSystemJson(rewardApplicableCardSystems(r)[0] ?? CARD_SYSTEMS.meetjesland.id),
    applicableCardSystems: rewardApplicableCardSystems(r).map((id) => cardSystemJson(id)),
    allCardSystems: false,
    organizers: r.organizers.map((k) => organizerJson(k)),
    status: 'ACTIVE',
    ...(r.maxAvailableUnits !== undefined ? { maxAvailableUnits: r.maxAvailableUnits } : {}),
    unitsTaken,
    ...(r.redeemConstraint ? { redeemConstraint: r.redeemConstraint } : {}),
    forKids: false,
    sport: false,
    featured: false,
    online: false,
    lastChance: period.end !== null && period.end.getTime() - now.getTime() < 7 * 86_400_000,
  };
}

export type SocialTariffStatus = 'ACTIVE' | 'EXPIRED' | 'SUSPENDED' | 'NONE';

export interface SocialTariffView {
  status: SocialTariffStatus;
  endDate: string | null;
  inGracePeriod: boolean;
  suspendedUntilDate: string | null;
}

/** ACTIVE until the end date plus the grace period, unless suspended (DOMAIN.md §5, rule 6). */
export function socialTariffOf(
  m: Pick<MembershipRow, 'social_tariff_end' | 'suspended_until'>,
  now: Date,
): SocialTariffView {
  if (!m.social_tariff_end)
    return { status: 'NONE', endDate: null, inGracePeriod: false, suspendedUntilDate: null };
  const end = new Date(m.social_tariff_end);
  const graceEnd = new Date(end.getTime() + GRACE_PERIOD_DAYS * 86_400_000);
  if (m.suspended_until && new Date(m.suspended_until) > now && now < graceEnd) {
    return {
      status: 'SUSPENDED',
      endDate: m.social_tariff_end,
      inGracePeriod: false,
      suspendedUntilDate: m.suspended_until,
    };
  }
  if (now < end)
    return { status: 'ACTIVE', endDate: m.social_tariff_end, inGracePeriod: false, suspendedUntilDate: null };
  if (now < graceEnd)
    return { status: 'ACTIVE', endDate: m.social_tariff_end, inGracePeriod: true, suspendedUntilDate: null };
  return { status: 'EXPIRED', endDate: m.social_tariff_end, inGracePeriod: false, suspendedUntilDate: null };
}

export class Model {
  constructor(readonly db: Db) {}

  /** The Brussels date the seed was written on; events and reward periods are placed relative to it. */
  anchorDay(): string {
    return (
      this.db.prepare<[], { value: string }>("SELECT value FROM meta WHERE key = 'anchor-day'").get()
        ?.value ?? '1970-01-01'
    );
  }

  card(uitpasNumber: string): CardRow | undefined {
    return this.db
      .prepare<[string], CardRow>('SELECT * FROM cards WHERE uitpas_number = ?')
      .get(uitpasNumber);
  }

  cardByChip(chip: string): CardRow | undefined {
    return this.db
      .prepare<[string], CardRow>('SELECT * FROM cards WHERE chip_number = ?')
      .get(chip.toUpperCase());
  }

  passholder(id: string): PassholderRow | undefined {
    return this.db.prepare<[string], PassholderRow>('SELECT * FROM passholders WHERE id = ?').get(id);
  }

  passholderByInsz(insz: string): PassholderRow | undefined {
    return this.db.prepare<[string], PassholderRow>('SELECT * FROM passholders WHERE insz = ?').get(insz);
  }

  memberships(passholderId: string): MembershipRow[] {
    return this.db
      .prepare<[string], MembershipRow>(
        'SELECT * FROM memberships WHERE passholder_id = ? ORDER BY created_at, card_system_id',
      )
      .all(passholderId);
  }

  groupPass(id: string): GroupPassRow | undefined {
    return this.db.prepare<[string], GroupPassRow>('SELECT * FROM group_passes WHERE id = ?').get(id);
  }

  cardsOfPassholder(passholderId: string): CardRow[] {
    return this.db
      .prepare<[string], CardRow>('SELECT * FROM cards WHERE passholder_id = ?')
      .all(passholderId);
  }

  unitsTaken(rewardId: string): number {
    return (
      this.db
        .prepare<[string], { units_taken: number }>('SELECT units_taken FROM rewards WHERE id = ?')
        .get(rewardId)?.units_taken ?? 0
    );
  }

  activeMembership(passholderId: string): MembershipRow | undefined {
    return this.memberships(passholderId).find(
      (m) => m.status === 'ACTIVE' && this.card(m.uitpas_number)?.status === 'ACTIVE',
    );
  }

  /** `Passholder.uitpasNumber`: the oldest still-active membership with an active card (DOMAIN.md §2.1). */
  primaryNumber(passholderId: string): string | undefined {
    return (this.activeMembership(passholderId) ?? this.memberships(passholderId)[0])?.uitpas_number;
  }

  passholderJson(row: PassholderRow, now: Date, withInsz = true): Json {
    const data = JSON.parse(row.data) as PassholderData;
    const memberships = this.memberships(row.id);
    const number = this.primaryNumber(row.id);
    return {
      id: row.id,
      name: data.name,
      firstName: data.firstName,
      ...(withInsz && row.insz ? { inszNumber: row.insz } : {}),
      ...(number ? { uitpasNumber: number } : {}),
      cardSystemMemberships: memberships.map((m) => this.membershipJson(m, now)),
      ...(data.email ? { email: data.email } : {}),
      creationDate: row.created_at,
      dateOfBirth: data.dateOfBirth,
      ...(data.gender ? { gender: data.gender } : {}),
      points: row.points,
      uitidStatus: 'UNREGISTERED',
      address: data.address,
      postalCode: data.address.postalCode,
      city: data.address.city,
      ...(data.phoneNumber ? { phoneNumber: data.phoneNumber } : {}),
      ...(data.nationality ? { nationality: data.nationality } : {}),
      ...(data.optInPreferences ? { optInPreferences: data.optInPreferences } : {}),
    };
  }

  membershipJson(m: MembershipRow, now: Date): Json {
    const card = this.card(m.uitpas_number);
    const st = socialTariffOf(m, now);
    return {
      cardSystem: cardSystemJson(m.card_system_id),
      uitpasNumber: m.uitpas_number,
      ...(card
        ? {
            currentCard: {
              uitpasNumber: card.uitpas_number,
              cardType: card.card_type,
              status: card.status === 'ACTIVE' || card.status === 'BLOCKED' ? card.status : 'DELETED',
            },
          }
        : {}),
      status: m.status,
      ...(st.status !== 'NONE'
        ? {
            socialTariff: {
              status: st.status,
              endDate: st.endDate,
              inGracePeriod: st.inGracePeriod,
              ...(st.suspendedUntilDate ? { suspendedUntilDate: st.suspendedUntilDate } : {}),
              expired: st.status === 'EXPIRED',
            },
          }
        : {}),
    };
  }

  groupPassJson(g: GroupPassRow, card: CardRow, now: Date): Json {
    const data = JSON.parse(g.data) as { name: string; email: string; address: Json };
    const used = this.groupTicketsThisYear(g.id, now);
    return {
      id: g.id,
      uitpasNumber: card.uitpas_number,
      name: data.name,
      cardStatus: card.status,
      email: data.email,
      creationDate: g.created_at,
      socialTariff: {
        status: 'ACTIVE',
        endDate: brusselsInstant(`${Number(brusselsDate(now).slice(0, 4))}-12-31`, '23:59').toISOString(),
        totalTicketsPerYear: g.total_tickets,
        availableTickets: Math.max(0, g.total_tickets - used),
      },
      cardSystem: cardSystemJson(card.card_system_id),
      address: data.address,
    };
  }

  groupTicketsThisYear(groupPassId: string, now: Date): number {
    const yearStart = brusselsInstant(`${brusselsDate(now).slice(0, 4)}-01-01`, '00:00').toISOString();
    return (
      this.db
        .prepare<[string, string], { n: number }>(
          'SELECT COUNT(*) n FROM ticket_sales WHERE group_pass_id = ? AND deleted_at IS NULL AND created_at >= ?',
        )
        .get(groupPassId, yearStart)?.n ?? 0
    );
  }

  checkinJson(c: CheckinRow, now: Date, withPassholder: boolean): Json {
    const ph = withPassholder ? this.passholder(c.passholder_id) : undefined;
    return {
      id: c.id,
      creationDate: c.created_at,
      eventId: c.event_id,
      eventTitle: findEvent(c.event_id, this.anchorDay())?.title ?? '',
      uitpasNumber: c.uitpas_number,
      points: c.points,
      ...(ph ? { passholder: this.passholderJson(ph, now, false) } : {}),
    };
  }

  ticketSaleJson(t: TicketSaleRow, now: Date, withPassholder: boolean): Json {
    const ph = withPassholder && t.passholder_id ? this.passholder(t.passholder_id) : undefined;
    return {
      id: t.id,
      creationDate: t.created_at,
      regularPrice: t.regular_price,
      ...(t.regular_price_label ? { regularPriceLabel: t.regular_price_label } : {}),
      tariff: { id: t.tariff_id, name: t.tariff_name, price: t.price, type: t.tariff_type },
      eventId: t.event_id,
      eventTitle: findEvent(t.event_id, this.anchorDay())?.title ?? '',
      uitpasNumber: t.uitpas_number,
      ...(ph ? { passholder: this.passholderJson(ph, now, false) } : {}),
    };
  }

  redeemedJson(r: RedemptionRow, now: Date): Json {
    const seed = rewardSeed(r.reward_id);
    return {
      id: r.id,
      reward: seed ? rewardJson(seed, this.unitsTaken(seed.id), now, this.anchorDay()) : { id: r.reward_id },
      redeemDate: r.created_at,
      redeemInfo: { text: 'Toon dit scherm aan de balie om je voordeel te ontvangen.' },
      ...(r.redeem_code ? { redeemCode: r.redeem_code } : {}),
    };
  }
}
