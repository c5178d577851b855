// The UiTPAS API v4 operations the counter and kiosk use, with publiq's business rules (DOMAIN.md).
// Requests reach these handlers authenticated and validated against the official definition; every
// handler runs synchronously against SQLite, so a check and its write can never interleave with another request.
import { randomUUID } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import {
  centsFromApiNumber,
  centsToApiNumber,
  checkCheckinLimit,
  checkRewardRedemption,
  checkSocialTariff,
  type RewardRuleInput,
  checkCheckinWindow,
  countInPeriod,
  periodLabel,
  classifyIdentifier,
  uitpasCheckDigit,
  validateChipNumber,
  validateInsz,
  validateUitpasNumber,
} from '@uitpas/domain';
import type { App } from './app.node.ts';
import type { Operation } from './contract.node.ts';
import {
  allEvents,
  cardSystemById,
  cardSystemJson,
  findEvent,
  organizerJson,
  organizerKeyById,
  rewardJson,
  rewardSeed,
  socialTariffOf,
  type EventInstance,
} from './model.node.ts';
import {
  json,
  messageOf,
  noContent,
  problem,
  type EndUserMessage,
  type ProblemName,
  type Reply,
} from './problems.ts';
import {
  CARD_SYSTEMS,
  KIOSKS,
  MEMBERSHIP_PRICES,
  ORGANIZERS,
  REWARDS,
  SOCIAL_TARIFF_SHARE,
  type Grant,
  type OrganizerKey,
  type SeedReward,
} from './seed-data.ts';
import { defaultSocialTariffEnd } from './store.node.ts';
import type {
  CardRow,
  CheckinRow,
  GroupPassRow,
  MembershipRow,
  PassholderData,
  PassholderRow,
  RedemptionRow,
  TicketSaleRow,
} from './store.node.ts';
import { brusselsDate } from './brussels.ts';

type Json = Record<string, unknown>;

export type Principal =
  | { kind: 'client' | 'user'; subject: string; clientId: string; grants: Grant[] }
  | { kind: 'kiosk-setup'; code: string; kioskId: string | null }
  | { kind: 'kiosk'; kioskId: string; deviceId: string }
  | { kind: 'identification'; clientId: string };

export interface Ctx {
  app: App;
  op: Operation;
  params: Record<string, unknown>;
  body: unknown;
  auth: Principal;
  now: Date;
  /** The seed's anchor day (see eventInstance). */
  day: string;
  headers: IncomingHttpHeaders;
}

const m = (nl: string, fr: string, en: string): EndUserMessage => ({ nl, fr, en });
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const strs = (v: unknown): string[] =>
  Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
const page = <T>(items: T[], ctx: Ctx): { totalItems: number; member: T[] } => {
  const start = Number(ctx.params.start ?? 0);
  const limit = Number(ctx.params.limit ?? 20);
  return { totalItems: items.length, member: items.slice(start, start + limit) };
};
/** The kansentarief price: computed in cents so 4.5 × 25 % is 1.13, never 1.1249999. */
function socialTariffPrice(regularPrice: number): number {
  const cents = centsFromApiNumber(regularPrice);
  return cents.ok ? centsToApiNumber(Math.round(cents.cents * SOCIAL_TARIFF_SHARE)) : 0;
}

// ---------------------------------------------------------------------------------------------------------
// Permissions

function grantsOf(ctx: Ctx): Grant[] {
  return ctx.auth.kind === 'client' || ctx.auth.kind === 'user' ? ctx.auth.grants : [];
}

function can(ctx: Ctx, permission: string, organizerId: string): boolean {
  const key = organizerKeyById(organizerId);
  return grantsOf(ctx).some((g) => g.organizer === key && g.permissions.includes(permission));
}

function canAnywhere(ctx: Ctx, permission: string): boolean {
  return grantsOf(ctx).some((g) => g.permissions.includes(permission));
}

const forbidden = (permission: string, organizerId?: string): Reply =>
  problem('auth/forbidden', {
    detail: organizerId
      ? `Missing permission ${permission} for organizer ${organizerId}`
      : `Missing permission ${permission}`,
  });

/** Card systems the caller works in (for PASSHOLDERS_SEARCH, which is limited to them). */
function callerCardSystems(ctx: Ctx): Set<number> {
  return new Set(grantsOf(ctx).map((g) => ORGANIZERS[g.organizer].cardSystemId));
}

// ---------------------------------------------------------------------------------------------------------
// Identification of a pass by UiTPAS number, with the card and membership checks every action shares.

type Holder =
  | { kind: 'passholder'; card: CardRow; passholder: PassholderRow; membership: MembershipRow }
  | { kind: 'group'; card: CardRow; group: GroupPassRow };

type InvalidNumber = 'uitpas/invalid-uitpasnumber' | 'uitpas/invalid-uitpas-number';

interface IdentifyOptions {
  invalidNumber: InvalidNumber;
  /** Problem for a card that is not ACTIVE (POST /rewards/redeemed documents `invalid-card`). */
  inactiveCard?: ProblemName;
  pointer?: string;
}

function identify(ctx: Ctx, uitpasNumber: string, options: IdentifyOptions): Holder | Reply {
  const extra = options.pointer !== undefined ? { jsonPointer: options.pointer } : {};
  if (!validateUitpasNumber(uitpasNumber).ok) return problem(options.invalidNumber, { extra });
  const card = ctx.app.model.card(uitpasNumber);
  if (!card) return problem('uitpas/passholder-not-found', { status: 400, extra });
  // A card still in stock or never handed out is a card in the wrong state (DOMAIN.md rule 4).
  if (card.status !== 'ACTIVE') {
    return problem(options.inactiveCard ?? 'uitpas/invalid-card-status', {
      extra: {
        ...extra,
        cardStatus: card.status,
        ...(card.passholder_id ? { passholderId: card.passholder_id } : {}),
        passType: card.group_pass_id ? 'GROUP' : 'INDIVIDUAL',
      },
    });
  }
  if (card.group_pass_id) {
    const group = ctx.app.model.groupPass(card.group_pass_id);
    if (!group) return problem('uitpas/passholder-not-found', { status: 400, extra });
    return { kind: 'group', card, group };
  }
  if (!card.passholder_id) return problem('uitpas/passholder-not-found', { status: 400, extra });
  const passholder = ctx.app.model.passholder(card.passholder_id);
  const membership = ctx.app.model
    .memberships(card.passholder_id as string)
    .find((x) => x.uitpas_number === uitpasNumber);
  if (!passholder || !membership) return problem('uitpas/passholder-not-found', { status: 400, extra });
  if (membership.status !== 'ACTIVE') {
    return problem('uitpas/passholder-no-active-cardsystems', {
      extra: { ...extra, passholderId: passholder.id },
    });
  }
  return { kind: 'passholder', card, passholder, membership };
}

const isReply = (x: unknown): x is Reply =>
  typeof x === 'object' && x !== null && 'status' in x && typeof (x as Reply).status === 'number';

function eventOr(ctx: Ctx, eventId: string, pointer?: string): EventInstance | Reply {
  const event = findEvent(eventId, ctx.day);
  return (
    event ??
    problem('uitpas/event-not-found', pointer !== undefined ? { extra: { jsonPointer: pointer } } : {})
  );
}

// ---------------------------------------------------------------------------------------------------------
// Check-ins: window from 1 hour before the start until the end; limit per event setting (DOMAIN.md "Decisions").

/** The shared check-in rules (window from 1 hour before the start, limit per period) from @uitpas/domain. */
function checkinRefusal(ctx: Ctx, event: EventInstance, passholderId: string, kiosk = false): Reply | null {
  const previousCheckins = ctx.app.db
    .prepare<[string, string], { created_at: string }>(
      'SELECT created_at FROM checkins WHERE passholder_id = ? AND event_id = ? AND deleted_at IS NULL',
    )
    .all(passholderId, event.id)
    .map((r) => r.created_at);
  const window = checkCheckinWindow({ startDate: event.start, endDate: event.end }, ctx.now);
  if (!window.allowed) return problem(window.refusal, { message: messageOf(window.refusal, window.message) });
  const limit = checkCheckinLimit({
    settings: { checkinLimit: event.checkinLimit },
    now: ctx.now,
    previousCheckins,
  });
  if (!limit.allowed) {
    // The kiosk endpoint documents maximum-reached for a repeated check-in; POST /checkins checkin-not-allowed.
    const name = kiosk ? 'uitpas/maximum-reached' : limit.refusal;
    return problem(name, { message: messageOf(name, limit.message) });
  }
  return null;
}

function recordCheckin(
  ctx: Ctx,
  event: EventInstance,
  passholderId: string,
  uitpasNumber: string,
  via: string,
): CheckinRow {
  const row: CheckinRow = {
    id: randomUUID(),
    passholder_id: passholderId,
    uitpas_number: uitpasNumber,
    event_id: event.id,
    organizer_id: event.organizerId,
    points: event.checkinPoints,
    created_at: ctx.now.toISOString(),
    via,
    deleted_at: null,
  };
  ctx.app.db.transaction(() => {
    ctx.app.db
      .prepare(
        `INSERT INTO checkins (id, passholder_id, uitpas_number, event_id, organizer_id, points, created_at, via)
         VALUES (@id, @passholder_id, @uitpas_number, @event_id, @organizer_id, @points, @created_at, @via)`,
      )
      .run(row);
    ctx.app.db
      .prepare('UPDATE passholders SET points = points + ? WHERE id = ?')
      .run(row.points, passholderId);
  })();
  return row;
}

function postCheckin(ctx: Ctx): Reply {
  const body = ctx.body as { eventId: string; uitpasNumber: string };
  const event = eventOr(ctx, body.eventId);
  if (isReply(event)) return event;
  if (!can(ctx, 'CHECKINS_WRITE', event.organizerId)) return forbidden('CHECKINS_WRITE', event.organizerId);
  const holder = identify(ctx, body.uitpasNumber, { invalidNumber: 'uitpas/invalid-uitpasnumber' });
  if (isReply(holder)) return holder;
  if (holder.kind === 'group') {
    return problem('uitpas/invalid-card', {
      message: m(
        'Met een groepspas kan je niet inchecken.',
        'Un pass de groupe ne permet pas de s’enregistrer.',
        'A group pass cannot check in.',
      ),
    });
  }
  const refusal = checkinRefusal(ctx, event, holder.passholder.id);
  if (refusal) return refusal;
  const row = recordCheckin(ctx, event, holder.passholder.id, body.uitpasNumber, 'api');
  return json(
    201,
    ctx.app.model.checkinJson(row, ctx.now, can(ctx, 'PASSHOLDERS_SEARCH', event.organizerId)),
  );
}

function getCheckinStatus(ctx: Ctx): Reply {
  const event = findEvent(String(ctx.params.eventId), ctx.day);
  if (!event) return problem('uitpas/event-not-found', { status: 404 });
  if (!can(ctx, 'CHECKINS_WRITE', event.organizerId) && !can(ctx, 'CHECKINS_READ', event.organizerId)) {
    return forbidden('CHECKINS_WRITE', event.organizerId);
  }
  const holder = identify(ctx, String(ctx.params.uitpasNumber), {
    invalidNumber: 'uitpas/invalid-uitpasnumber',
  });
  if (isReply(holder)) {
    const type = (holder.body as { type: string }).type;
    if (type.endsWith('/passholder-not-found')) return problem('uitpas/passholder-not-found');
    return json(200, {
      allowed: false,
      endUserMessage: (holder.body as { endUserMessage: EndUserMessage }).endUserMessage,
    });
  }
  if (holder.kind === 'group') {
    return json(200, {
      allowed: false,
      endUserMessage: m(
        'Met een groepspas kan je niet inchecken.',
        'Un pass de groupe ne permet pas de s’enregistrer.',
        'A group pass cannot check in.',
      ),
    });
  }
  const refusal = checkinRefusal(ctx, event, holder.passholder.id);
  if (refusal)
    return json(200, {
      allowed: false,
      endUserMessage: (refusal.body as { endUserMessage: EndUserMessage }).endUserMessage,
    });
  return json(200, { allowed: true });
}

function getCheckins(ctx: Ctx): Reply {
  const organizers = strs(ctx.params.organizerId);
  for (const o of organizers) if (!can(ctx, 'CHECKINS_READ', o)) return forbidden('CHECKINS_READ', o);
  const title = str(ctx.params.eventTitle)?.toLowerCase();
  const rows = ctx.app.db
    .prepare<[string], CheckinRow>(
      'SELECT * FROM checkins WHERE passholder_id = ? AND deleted_at IS NULL ORDER BY created_at DESC, rowid DESC',
    )
    .all(String(ctx.params.passholderId))
    .filter((c) => organizers.includes(c.organizer_id))
    .filter((c) => !title || (findEvent(c.event_id, ctx.day)?.title.toLowerCase().includes(title) ?? false));
  return json(
    200,
    page(
      rows.map((c) => ctx.app.model.checkinJson(c, ctx.now, false)),
      ctx,
    ),
  );
}

function deleteCheckin(ctx: Ctx): Reply {
  const row = ctx.app.db
    .prepare<[string], CheckinRow>('SELECT * FROM checkins WHERE id = ? AND deleted_at IS NULL')
    .get(String(ctx.params.checkinId));
  if (!row) return problem('url/not-found', { detail: 'Unknown check-in' });
  if (!can(ctx, 'CHECKINS_WRITE', row.organizer_id)) return forbidden('CHECKINS_WRITE', row.organizer_id);
  // Undo restores the points it gave (DOMAIN.md "Decisions"), never below zero.
  ctx.app.db.transaction(() => {
    ctx.app.db.prepare('UPDATE checkins SET deleted_at = ? WHERE id = ?').run(ctx.now.toISOString(), row.id);
    ctx.app.db
      .prepare('UPDATE passholders SET points = MAX(0, points - ?) WHERE id = ?')
      .run(row.points, row.passholder_id);
  })();
  return noContent();
}

// ---------------------------------------------------------------------------------------------------------
// Tariffs and ticket sales

interface TariffOffer {
  id: string;
  name: string;
  price: number;
  type: 'SOCIALTARIFF' | 'COUPON';
  remaining: number;
}

type TariffEvaluation =
  | {
      ok: true;
      offers: TariffOffer[];
      message?: EndUserMessage;
      exhausted?: boolean;
      notEntitled?: EndUserMessage;
    }
  | { ok: false; reply: Reply };

const SOCIAL_TARIFF_NAME = 'Kansentarief';

function usedSocialTickets(ctx: Ctx, holder: Holder, event: EventInstance): Date[] {
  return ctx.app.db
    .prepare<[string, string], { created_at: string }>(
      "SELECT created_at FROM ticket_sales WHERE uitpas_number = ? AND event_id = ? AND tariff_type = 'SOCIALTARIFF' AND deleted_at IS NULL",
    )
    .all(holder.card.uitpas_number, event.id)
    .map((r) => new Date(r.created_at));
}

/** What `GET /tariffs` offers this holder for this event and price; `pending` counts sales earlier in a batch. */
function evaluateTariffs(
  ctx: Ctx,
  holder: Holder,
  event: EventInstance,
  regularPrice: number,
  pending = 0,
): TariffEvaluation {
  const price = socialTariffPrice(regularPrice);
  const eventCardSystem = ORGANIZERS[event.organizer].cardSystemId;
  if (holder.kind === 'group') {
    const available = ctx.app.model.groupTicketsThisYear(holder.group.id, ctx.now) + pending;
    const remaining = holder.group.total_tickets - available;
    if (remaining <= 0) {
      return {
        ok: true,
        offers: [],
        exhausted: true,
        message: m(
          'Deze groepspas heeft geen tickets aan kansentarief meer voor dit jaar.',
          "Ce pass de groupe n'a plus de tickets au tarif social pour cette année.",
          'This group pass has no social-tariff tickets left this year.',
        ),
      };
    }
    return {
      ok: true,
      offers:
        regularPrice > 0
          ? [{ id: 'SOCIALTARIFF', name: SOCIAL_TARIFF_NAME, price, type: 'SOCIALTARIFF', remaining }]
          : [],
    };
  }
  const st = socialTariffOf(holder.membership, ctx.now);
  if (st.status === 'EXPIRED' || st.status === 'SUSPENDED') {
    const refused = checkSocialTariff({
      status: st.status,
      ...(st.endDate ? { endDate: st.endDate } : {}),
      ...(st.suspendedUntilDate ? { suspendedUntilDate: st.suspendedUntilDate } : {}),
    });
    if (!refused.allowed) {
      return {
        ok: false,
        reply: problem(refused.refusal, { message: messageOf(refused.refusal, refused.message) }),
      };
    }
  }
  if (st.status === 'NONE') {
    return {
      ok: true,
      offers: [],
      notEntitled: m(
        'Deze pashouder heeft geen recht op kansentarief.',
        "Ce titulaire n'a pas droit au tarif social.",
        'This passholder is not entitled to the social tariff.',
      ),
    };
  }
  if (holder.membership.card_system_id !== eventCardSystem) {
    const message = m(
      'Je kan enkel kansentarief krijgen in je eigen UiTPAS-regio.',
      'Vous ne pouvez bénéficier du tarif social que dans votre propre région UiTPAS.',
      'The social tariff only applies in your own UiTPAS region.',
    );
    return { ok: true, offers: [], message, notEntitled: message };
  }
  if (regularPrice <= 0) return { ok: true, offers: [] };
  const limit = event.passholderTicketLimit;
  let remaining = 1;
  if (limit) {
    const used = countInPeriod(limit.periodType, ctx.now, usedSocialTickets(ctx, holder, event)) + pending;
    remaining = limit.volume - used;
    if (remaining <= 0) {
      return {
        ok: true,
        offers: [],
        exhausted: true,
        message: m(
          `Je kan maximaal ${limit.volume} ticket${limit.volume === 1 ? '' : 's'} ${periodLabel(limit.periodType)} kopen aan kansentarief voor deze activiteit.`,
          `Vous pouvez acheter au maximum ${limit.volume} ticket(s) au tarif social pour cette activité.`,
          `You can buy at most ${limit.volume} ticket(s) at the social tariff for this activity.`,
        ),
      };
    }
  } else if (pending > 0) {
    remaining = 0;
  }
  return {
    ok: true,
    offers:
      remaining > 0
        ? [{ id: 'SOCIALTARIFF', name: SOCIAL_TARIFF_NAME, price, type: 'SOCIALTARIFF', remaining }]
        : [],
  };
}

function getTariffs(ctx: Ctx): Reply {
  const event = eventOr(ctx, String(ctx.params.eventId));
  if (isReply(event)) return event;
  if (!can(ctx, 'TARIFFS_READ', event.organizerId)) return forbidden('TARIFFS_READ', event.organizerId);
  const holder = identify(ctx, String(ctx.params.uitpasNumber), {
    invalidNumber: 'uitpas/invalid-uitpasnumber',
  });
  if (isReply(holder)) return holder;
  const type = str(ctx.params.type) ?? 'ANY';
  const result = evaluateTariffs(ctx, holder, event, Number(ctx.params.regularPrice));
  if (!result.ok) return result.reply;
  const offers = result.offers.filter((o) => type === 'ANY' || o.type === type);
  return json(200, { available: offers, ...(result.message ? { endUserMessage: result.message } : {}) });
}

function getStaticTariffs(ctx: Ctx): Reply {
  const event = eventOr(ctx, String(ctx.params.eventId));
  if (isReply(event)) return event;
  if (!can(ctx, 'TARIFFS_READ', event.organizerId)) return forbidden('TARIFFS_READ', event.organizerId);
  const regularPrice = Number(ctx.params.regularPrice);
  if (!(regularPrice > 0)) return problem('uitpas/social-tariff-not-available');
  return json(200, {
    available: [
      {
        id: 'SOCIALTARIFF',
        name: SOCIAL_TARIFF_NAME,
        price: socialTariffPrice(regularPrice),
        type: 'SOCIALTARIFF',
        remaining: 1,
      },
    ],
  });
}

interface TicketSaleInput {
  regularPrice: number;
  regularPriceLabel?: string;
  tariff: { id: string };
  tariffId?: string;
  eventId: string;
  uitpasNumber: string;
}

function postTicketSales(ctx: Ctx): Reply {
  const sales = ctx.body as TicketSaleInput[];
  if (sales.length === 0) {
    return problem('body/invalid-data', {
      extra: { schemaErrors: [{ jsonPointer: '/', error: 'must contain at least one ticket sale' }] },
    });
  }
  const rows: TicketSaleRow[] = [];
  const pendingPerKey = new Map<string, number>();
  // Every sale is checked first (counting earlier sales of the batch); only then is the whole batch written.
  for (const [i, sale] of sales.entries()) {
    const pointer = `/${i}`;
    const event = eventOr(ctx, sale.eventId, pointer);
    if (isReply(event)) return event;
    if (!can(ctx, 'TICKETSALES_REGISTER', event.organizerId))
      return forbidden('TICKETSALES_REGISTER', event.organizerId);
    if (!(sale.regularPrice > 0)) {
      return problem('body/invalid-data', {
        detail: 'Ticket sales are only registered for a non-zero regular price',
        extra: {
          schemaErrors: [{ jsonPointer: `${pointer}/regularPrice`, error: 'must be greater than 0' }],
        },
      });
    }
    const holder = identify(ctx, sale.uitpasNumber, {
      invalidNumber: 'uitpas/invalid-uitpasnumber',
      pointer,
    });
    if (isReply(holder)) return holder;
    const key = `${holder.card.uitpas_number} ${event.id}`;
    const pending = pendingPerKey.get(key) ?? 0;
    const result = evaluateTariffs(ctx, holder, event, sale.regularPrice, pending);
    if (!result.ok) return withPointer(result.reply, pointer);
    const tariffId = sale.tariff.id;
    const offer = result.offers.find((o) => o.id === tariffId);
    if (!offer) {
      if (tariffId.toUpperCase().startsWith('COUPON'))
        return problem('uitpas/invalid-coupon', { extra: { jsonPointer: pointer } });
      if (result.notEntitled)
        return problem('uitpas/invalid-card', {
          message: result.notEntitled,
          extra: { jsonPointer: pointer },
        });
      if (tariffId === 'SOCIALTARIFF' && (result.exhausted || pending > 0)) {
        return pending > 0
          ? problem('uitpas/invalid-number-of-tickets', {
              ...(result.message ? { message: result.message } : {}),
              extra: { jsonPointer: pointer },
            })
          : problem('uitpas/maximum-reached', {
              ...(result.message ? { message: result.message } : {}),
              extra: { jsonPointer: pointer },
            });
      }
      return problem('body/invalid-data', {
        extra: {
          jsonPointer: pointer,
          schemaErrors: [
            {
              jsonPointer: `${pointer}/tariff/id`,
              error: 'not an available tariff for this passholder and event',
            },
          ],
        },
      });
    }
    pendingPerKey.set(key, pending + 1);
    rows.push({
      id: randomUUID(),
      passholder_id: holder.kind === 'passholder' ? holder.passholder.id : null,
      group_pass_id: holder.kind === 'group' ? holder.group.id : null,
      uitpas_number: holder.card.uitpas_number,
      event_id: event.id,
      organizer_id: event.organizerId,
      tariff_id: offer.id,
      tariff_type: offer.type,
      tariff_name: offer.name,
      price: offer.price,
      regular_price: sale.regularPrice,
      regular_price_label: sale.regularPriceLabel ?? null,
      created_at: ctx.now.toISOString(),
      deleted_at: null,
    });
  }
  const insert = ctx.app.db.prepare(
    `INSERT INTO ticket_sales (id, passholder_id, group_pass_id, uitpas_number, event_id, organizer_id, tariff_id, tariff_type,
       tariff_name, price, regular_price, regular_price_label, created_at)
     VALUES (@id, @passholder_id, @group_pass_id, @uitpas_number, @event_id, @organizer_id, @tariff_id, @tariff_type,
       @tariff_name, @price, @regular_price, @regular_price_label, @created_at)`,
  );
  ctx.app.db.transaction(() => {
    for (const r of rows) insert.run(r);
  })();
  return json(
    200,
    rows.map((r) => ctx.app.model.ticketSaleJson(r, ctx.now, can(ctx, 'PASSHOLDERS_SEARCH', r.organizer_id))),
  );
}

function withPointer(reply: Reply, pointer: string): Reply {
  return { ...reply, body: { ...(reply.body as Json), jsonPointer: pointer } };
}

function getTicketSales(ctx: Ctx): Reply {
  const eventId = str(ctx.params.eventId);
  const passholderId = str(ctx.params.passholderId);
  const organizers = strs(ctx.params.organizerId);
  if (!eventId && !(passholderId && organizers.length > 0)) {
    return problem('body/invalid-data', {
      extra: {
        schemaErrors: [{ jsonPointer: '/eventId', error: 'give eventId, or passholderId with organizerId' }],
      },
    });
  }
  let rows = ctx.app.db
    .prepare<[], TicketSaleRow>(
      'SELECT * FROM ticket_sales WHERE deleted_at IS NULL ORDER BY created_at DESC, rowid DESC',
    )
    .all();
  if (eventId) {
    const event = findEvent(eventId, ctx.day);
    if (!event) return problem('uitpas/event-not-found');
    if (!can(ctx, 'TICKETSALES_SEARCH', event.organizerId))
      return forbidden('TICKETSALES_SEARCH', event.organizerId);
    rows = rows.filter((r) => r.event_id === eventId);
  }
  if (passholderId)
    rows = rows.filter((r) => r.passholder_id === passholderId || r.group_pass_id === passholderId);
  if (organizers.length > 0) {
    for (const o of organizers)
      if (!can(ctx, 'TICKETSALES_SEARCH', o)) return forbidden('TICKETSALES_SEARCH', o);
    rows = rows.filter((r) => organizers.includes(r.organizer_id));
  }
  const title = str(ctx.params.eventTitle)?.toLowerCase();
  if (title)
    rows = rows.filter((r) => findEvent(r.event_id, ctx.day)?.title.toLowerCase().includes(title) ?? false);
  return json(
    200,
    page(
      rows.map((r) => ctx.app.model.ticketSaleJson(r, ctx.now, false)),
      ctx,
    ),
  );
}

function deleteTicketSale(ctx: Ctx): Reply {
  const row = ctx.app.db
    .prepare<[string], TicketSaleRow>('SELECT * FROM ticket_sales WHERE id = ? AND deleted_at IS NULL')
    .get(String(ctx.params.ticketSaleId));
  if (!row) return problem('uitpas/ticket-sale-not-found');
  if (!can(ctx, 'TICKETSALES_REGISTER', row.organizer_id))
    return forbidden('TICKETSALES_REGISTER', row.organizer_id);
  // A cancelled sale frees its place in the passholder's limit (DOMAIN.md "Decisions").
  ctx.app.db
    .prepare('UPDATE ticket_sales SET deleted_at = ? WHERE id = ?')
    .run(ctx.now.toISOString(), row.id);
  return noContent();
}

// ---------------------------------------------------------------------------------------------------------
// Rewards

type RedeemReason =
  | 'INVALID_CARD'
  | 'PASSHOLDER_VOLUME'
  | 'PASSHOLDER_POINTS'
  | 'REWARD_PERIOD'
  | 'REWARD_VOLUME'
  | 'PASSHOLDER_APPLICABLE_CARDSYSTEMS'
  | 'PASSHOLDER_NO_ACTIVE_CARDSYSTEM';

const REASON_PROBLEM: Record<RedeemReason, ProblemName> = {
  INVALID_CARD: 'uitpas/invalid-card',
  PASSHOLDER_VOLUME: 'uitpas/reward-passholder-volume-constraint',
  PASSHOLDER_POINTS: 'uitpas/reward-passholder-points-constraint',
  REWARD_PERIOD: 'uitpas/reward-period-constraint',
  REWARD_VOLUME: 'uitpas/reward-volume-constraint',
  PASSHOLDER_APPLICABLE_CARDSYSTEMS: 'uitpas/reward-passholder-no-applicable-cardsystems',
  PASSHOLDER_NO_ACTIVE_CARDSYSTEM: 'uitpas/passholder-no-active-cardsystems',
};

function redemptionTimes(ctx: Ctx, passholderId: string, rewardId: string): Date[] {
  return ctx.app.db
    .prepare<[string, string], { created_at: string }>(
      'SELECT created_at FROM redemptions WHERE passholder_id = ? AND reward_id = ? AND deleted_at IS NULL',
    )
    .all(passholderId, rewardId)
    .map((r) => new Date(r.created_at));
}

/** The reward rules in the order publiq reports them (DOMAIN.md rule 14). */
const REFUSAL_REASON: Partial<Record<ProblemName, RedeemReason>> = {
  'uitpas/reward-period-constraint': 'REWARD_PERIOD',
  'uitpas/reward-passholder-no-applicable-cardsystems': 'PASSHOLDER_APPLICABLE_CARDSYSTEMS',
  'uitpas/reward-passholder-volume-constraint': 'PASSHOLDER_VOLUME',
  'uitpas/reward-passholder-points-constraint': 'PASSHOLDER_POINTS',
  'uitpas/reward-volume-constraint': 'REWARD_VOLUME',
};

interface RedeemRefusal {
  reason: RedeemReason;
  message?: string;
}

/**
 * The reward rules (DOMAIN.md rule 14) from @uitpas/domain, fed with the sandbox's authoritative state:
 * the real balance, units taken and this passholder's redemptions, so nothing is "queued".
 */
function redeemRefusal(ctx: Ctx, reward: SeedReward, passholder: PassholderRow): RedeemRefusal | null {
  const cardSystemIds = ctx.app.model
    .memberships(passholder.id)
    .filter((x) => x.status === 'ACTIVE' && ctx.app.model.card(x.uitpas_number)?.status === 'ACTIVE')
    .map((x) => x.card_system_id);
  if (cardSystemIds.length === 0) return { reason: 'PASSHOLDER_NO_ACTIVE_CARDSYSTEM' };
  const api = rewardJson(reward, ctx.app.model.unitsTaken(reward.id), ctx.now, ctx.day) as RewardRuleInput;
  const result = checkRewardRedemption({
    reward: api,
    // The request names no organizer; the caller's permission for one of the reward's organizers is checked apart.
    organizerId: ORGANIZERS[reward.organizers[0] as OrganizerKey].id,
    now: ctx.now,
    points: passholder.points,
    queuedPoints: 0,
    passholderRedemptions: redemptionTimes(ctx, passholder.id, reward.id).map((at) => ({
      rewardId: reward.id,
      at,
    })),
    cardSystemIds,
    // A welcome reward is open to every passholder; its once-ever constraint does the rest.
    redeemableWelcomeRewardIds: reward.type === 'WELCOME' ? [reward.id] : [],
  });
  if (result.allowed) return null;
  return { reason: REFUSAL_REASON[result.refusal] ?? 'INVALID_CARD', message: result.message };
}

function reasonMessage(refusal: RedeemRefusal): EndUserMessage {
  return messageOf(REASON_PROBLEM[refusal.reason], refusal.message);
}

function rewardOr404(ctx: Ctx, id: string): SeedReward | Reply {
  return rewardSeed(id) ?? problem('uitpas/reward-not-found');
}

function getRewards(ctx: Ctx): Reply {
  const organizers = strs(ctx.params.organizerId);
  const type = str(ctx.params.type) ?? 'POINTS';
  const text = str(ctx.params.text)?.toLowerCase();
  const redeemableBy = str(ctx.params.isRedeemableByPassholderId);
  let passholder: PassholderRow | undefined;
  if (redeemableBy) {
    if (!canAnywhere(ctx, 'REWARDS_PASSHOLDERS_READ')) return forbidden('REWARDS_PASSHOLDERS_READ');
    passholder = ctx.app.model.passholder(redeemableBy);
    if (!passholder) return problem('uitpas/passholder-not-found');
  }
  for (const o of organizers) if (!organizerKeyById(o)) return problem('uitpas/organizer-not-found');
  const rewards = (Object.values(REWARDS) as SeedReward[])
    .filter((r) => type === 'ANY' || r.type === type)
    .filter((r) => organizers.length === 0 || r.organizers.some((k) => organizers.includes(ORGANIZERS[k].id)))
    .filter((r) => !text || r.title.toLowerCase().includes(text))
    .filter((r) => !passholder || redeemRefusal(ctx, r, passholder) === null);
  return json(
    200,
    page(
      rewards.map((r) => rewardJson(r, ctx.app.model.unitsTaken(r.id), ctx.now, ctx.day)),
      ctx,
    ),
  );
}

function getReward(ctx: Ctx): Reply {
  const reward = rewardOr404(ctx, String(ctx.params.rewardId));
  if (isReply(reward)) return reward;
  return json(200, rewardJson(reward, ctx.app.model.unitsTaken(reward.id), ctx.now, ctx.day));
}

function mayRedeem(ctx: Ctx, reward: SeedReward): boolean {
  return reward.organizers.some((k) => can(ctx, 'REWARDS_REDEEM', ORGANIZERS[k].id));
}

function getRedeemStatus(ctx: Ctx): Reply {
  const reward = rewardOr404(ctx, String(ctx.params.rewardId));
  if (isReply(reward)) return reward;
  if (!mayRedeem(ctx, reward)) return forbidden('REWARDS_REDEEM');
  const number = String(ctx.params.uitpasNumber);
  if (!validateUitpasNumber(number).ok) return problem('uitpas/invalid-uitpas-number');
  const card = ctx.app.model.card(number);
  if (!card || (!card.passholder_id && !card.group_pass_id)) return problem('uitpas/passholder-not-found');
  const invalid = (): Reply =>
    json(200, {
      redeemable: false,
      reason: 'INVALID_CARD',
      message: reasonMessage({ reason: 'INVALID_CARD' }).nl,
    });
  if (card.status !== 'ACTIVE' || card.group_pass_id) return invalid();
  const passholder = ctx.app.model.passholder(card.passholder_id as string);
  if (!passholder) return problem('uitpas/passholder-not-found');
  const refusal = redeemRefusal(ctx, reward, passholder);
  return json(
    200,
    refusal
      ? { redeemable: false, reason: refusal.reason, message: reasonMessage(refusal).nl }
      : { redeemable: true },
  );
}

function postRedeemed(ctx: Ctx): Reply {
  const body = ctx.body as { rewardId: string; uitpasNumber: string };
  const reward = rewardOr404(ctx, body.rewardId);
  if (isReply(reward)) return reward;
  if (!mayRedeem(ctx, reward)) return forbidden('REWARDS_REDEEM');
  const holder = identify(ctx, body.uitpasNumber, {
    invalidNumber: 'uitpas/invalid-uitpas-number',
    inactiveCard: 'uitpas/invalid-card',
  });
  if (isReply(holder)) return holder;
  if (holder.kind === 'group') {
    return problem('uitpas/invalid-card', {
      message: m(
        'Met een groepspas kan je geen voordelen omruilen.',
        "Un pass de groupe ne permet pas d'échanger des avantages.",
        'A group pass cannot redeem rewards.',
      ),
    });
  }
  const refusal = redeemRefusal(ctx, reward, holder.passholder);
  if (refusal) {
    return problem(REASON_PROBLEM[refusal.reason], {
      message: reasonMessage(refusal),
      extra: { passholderId: holder.passholder.id },
    });
  }
  const row: RedemptionRow = {
    id: randomUUID(),
    reward_id: reward.id,
    passholder_id: holder.passholder.id,
    uitpas_number: body.uitpasNumber,
    points: reward.points,
    redeem_code: null,
    created_at: ctx.now.toISOString(),
    deleted_at: null,
  };
  ctx.app.db.transaction(() => {
    ctx.app.db
      .prepare(
        `INSERT INTO redemptions (id, reward_id, passholder_id, uitpas_number, points, redeem_code, created_at)
         VALUES (@id, @reward_id, @passholder_id, @uitpas_number, @points, @redeem_code, @created_at)`,
      )
      .run(row);
    ctx.app.db
      .prepare('UPDATE passholders SET points = points - ? WHERE id = ?')
      .run(reward.points, holder.passholder.id);
    ctx.app.db.prepare('UPDATE rewards SET units_taken = units_taken + 1 WHERE id = ?').run(reward.id);
  })();
  return json(201, ctx.app.model.redeemedJson(row, ctx.now));
}

function getRedeemed(ctx: Ctx): Reply {
  const number = str(ctx.params.uitpasNumber);
  const passholderId = str(ctx.params.passholderId);
  const organizers = strs(ctx.params.organizerId);
  if (!canAnywhere(ctx, 'REWARDS_READ')) return forbidden('REWARDS_READ');
  for (const o of organizers) if (!can(ctx, 'REWARDS_READ', o)) return forbidden('REWARDS_READ', o);
  let ownerId = passholderId;
  if (number) {
    if (!validateUitpasNumber(number).ok) return problem('uitpas/invalid-uitpas-number');
    ownerId = ctx.app.model.card(number)?.passholder_id ?? '';
  }
  if (!ownerId && !number) {
    return problem('body/invalid-data', {
      extra: {
        schemaErrors: [
          { jsonPointer: '/uitpasNumber', error: 'give uitpasNumber, or passholderId with organizerId' },
        ],
      },
    });
  }
  const type = str(ctx.params.rewardType);
  const title = str(ctx.params.rewardTitle)?.toLowerCase();
  const rows = ctx.app.db
    .prepare<[string], RedemptionRow>(
      'SELECT * FROM redemptions WHERE passholder_id = ? AND deleted_at IS NULL ORDER BY created_at DESC, rowid DESC',
    )
    .all(ownerId ?? '')
    .filter((r) => {
      const seed = rewardSeed(r.reward_id);
      if (!seed) return false;
      if (organizers.length > 0 && !seed.organizers.some((k) => organizers.includes(ORGANIZERS[k].id)))
        return false;
      if (type && type !== 'ANY' && seed.type !== type) return false;
      return !title || seed.title.toLowerCase().includes(title);
    });
  return json(
    200,
    page(
      rows.map((r) => ctx.app.model.redeemedJson(r, ctx.now)),
      ctx,
    ),
  );
}

function deleteRedeemed(ctx: Ctx): Reply {
  const row = ctx.app.db
    .prepare<[string], RedemptionRow>('SELECT * FROM redemptions WHERE id = ? AND deleted_at IS NULL')
    .get(String(ctx.params.redeemedRewardId));
  const reward = row ? rewardSeed(row.reward_id) : undefined;
  if (!row || !reward) return problem('url/not-found', { detail: 'Unknown redeemed reward' });
  if (!mayRedeem(ctx, reward)) return forbidden('REWARDS_REDEEM');
  // Undo gives the points back and frees the unit and the passholder's count (DOMAIN.md "Decisions").
  ctx.app.db.transaction(() => {
    ctx.app.db
      .prepare('UPDATE redemptions SET deleted_at = ? WHERE id = ?')
      .run(ctx.now.toISOString(), row.id);
    ctx.app.db
      .prepare('UPDATE passholders SET points = points + ? WHERE id = ?')
      .run(row.points, row.passholder_id);
    ctx.app.db
      .prepare('UPDATE rewards SET units_taken = MAX(0, units_taken - 1) WHERE id = ?')
      .run(row.reward_id);
  })();
  return noContent();
}

// ---------------------------------------------------------------------------------------------------------
// Permissions, organizers, card systems

const PERMISSION_LABELS: Record<string, string> = {
  PASSES_READ: 'Passen opzoeken',
  PASSHOLDERS_SEARCH: 'Pashouders zoeken',
  GROUPPASSES_SEARCH: 'Groepspassen zoeken',
  CHECKINS_READ: 'Check-ins bekijken',
  CHECKINS_WRITE: 'Punten sparen',
  TARIFFS_READ: 'Tarieven opvragen',
  TICKETSALES_REGISTER: 'Ticketverkoop registreren',
  TICKETSALES_SEARCH: 'Ticketverkopen bekijken',
  REWARDS_READ: 'Voordelen bekijken',
  REWARDS_REDEEM: 'Voordelen omruilen',
  REWARDS_PASSHOLDERS_READ: 'Voordelen van pashouders bekijken',
  PASSHOLDERS_WRITE: 'Pashouders registreren',
  PASSHOLDERS_WRITE_SOCIALTARIFF: 'Kansentarief toekennen',
  PASSHOLDERS_UPDATE: 'Pashouders wijzigen',
  MEMBERSHIP_PRICES_READ: 'Pasprijzen opvragen',
  CARDS_READ: 'Kaarten opzoeken',
  ORGANIZERS_SEARCH: 'Organisatoren zoeken',
  PASSHOLDERS_WRITE_SOCIALTARIFF_FULL_CARDSYSTEM: 'Kansentarief toekennen in de hele regio',
};

function getPermissions(ctx: Ctx): Reply {
  return json(
    200,
    grantsOf(ctx).map((g) => ({
      organizer: organizerJson(g.organizer, true),
      permissions: [...g.permissions],
      permissionDetails: g.permissions.map((p) => ({
        id: p,
        label: { nl: PERMISSION_LABELS[p] ?? p, en: p },
        cardSystemIds: [ORGANIZERS[g.organizer].cardSystemId],
      })),
      linkedOrganizers: [],
    })),
  );
}

function getOrganizer(ctx: Ctx): Reply {
  const key = organizerKeyById(String(ctx.params.id));
  if (!key) return problem('uitpas/organizer-not-found');
  if (!canAnywhere(ctx, 'ORGANIZERS_SEARCH')) return forbidden('ORGANIZERS_SEARCH');
  return json(200, organizerJson(key, true));
}

function getCardSystems(ctx: Ctx): Reply {
  const postalCodes = strs(ctx.params.postalCode);
  const cities = strs(ctx.params.city).map((c) => c.toLowerCase());
  if (postalCodes.some((p) => !/^\d{4}$/.test(p))) return problem('uitpas/invalid-postal-code');
  const list = Object.values(CARD_SYSTEMS)
    .filter((c) => postalCodes.length === 0 || c.cities.some((x) => postalCodes.includes(x.postalCode)))
    .filter((c) => cities.length === 0 || c.cities.some((x) => cities.includes(x.name.toLowerCase())))
    .map((c) => cardSystemJson(c.id, true));
  return json(200, page(list, ctx));
}

function getCardSystem(ctx: Ctx): Reply {
  const id = Number(ctx.params.cardSystemId);
  if (!cardSystemById(id)) return problem('uitpas/cardsystem-not-found', { status: 404 });
  return json(200, cardSystemJson(id, true));
}

// ---------------------------------------------------------------------------------------------------------
// Passes, passholders, cards, group passes

const SOCIAL_MESSAGES = {
  expired: m(
    'Je sociaal tarief is verlopen. Contacteer je UiTPAS balie.',
    'Votre tarif social a expiré. Contactez votre guichet UiTPAS.',
    'Your social tariff has expired. Please contact your UiTPAS desk.',
  ),
};

function getPass(ctx: Ctx): Reply {
  if (!canAnywhere(ctx, 'PASSES_READ')) return forbidden('PASSES_READ');
  const raw = String(ctx.params.identifier);
  const id = classifyIdentifier(raw);
  if (!id.ok) {
    return problem('body/invalid-data', {
      message: m(
        id.message,
        "Ce n'est pas un numéro UiTPAS, numéro de puce ou numéro de registre national valide.",
        'This is not a valid UiTPAS number, chip number or national register number.',
      ),
      extra: { schemaErrors: [{ jsonPointer: '/identifier', error: id.message }] },
    });
  }
  let card: CardRow | undefined;
  if (id.kind === 'uitpas') card = ctx.app.model.card(id.value);
  else if (id.kind === 'chip') card = ctx.app.model.cardByChip(id.value);
  else {
    const ph = ctx.app.model.passholderByInsz(id.value);
    const number = ph ? ctx.app.model.primaryNumber(ph.id) : undefined;
    card = number ? ctx.app.model.card(number) : undefined;
  }
  if (!card || (card.status === 'ACTIVE' && !card.passholder_id && !card.group_pass_id)) {
    return problem('uitpas/pass-not-found');
  }
  const passType = card.group_pass_id ? 'GROUP' : 'INDIVIDUAL';
  if (card.status !== 'ACTIVE') {
    return problem('uitpas/invalid-card-status', {
      extra: {
        cardStatus: card.status,
        passType,
        ...(card.passholder_id ? { passholderId: card.passholder_id } : {}),
      },
    });
  }
  if (card.group_pass_id) {
    const group = ctx.app.model.groupPass(card.group_pass_id);
    if (!group) return problem('uitpas/pass-not-found');
    const g = ctx.app.model.groupPassJson(group, card, ctx.now) as {
      name: string;
      address: { postalCode: string };
      socialTariff: { endDate: string };
    };
    return json(200, {
      passholderId: group.id,
      passType: 'GROUP',
      uitpasNumber: card.uitpas_number,
      firstName: g.name,
      points: 0,
      postalCode: g.address.postalCode,
      cardSystem: cardSystemJson(card.card_system_id),
      socialTariff: { status: 'ACTIVE', endDate: g.socialTariff.endDate },
    });
  }
  const ph = ctx.app.model.passholder(card.passholder_id as string);
  const membership = ph
    ? ctx.app.model.memberships(ph.id).find((x) => x.uitpas_number === card.uitpas_number)
    : undefined;
  if (!ph || !membership) return problem('uitpas/pass-not-found');
  if (membership.status !== 'ACTIVE')
    return problem('uitpas/passholder-blocked', { extra: { passholderId: ph.id, passType } });
  const data = JSON.parse(ph.data) as PassholderData;
  const st = socialTariffOf(membership, ctx.now);
  const messages: { level: 'INFO' | 'WARN' | 'ERROR'; text: string }[] = [];
  // Pass.socialTariff knows no SUSPENDED: a suspended passholder is not entitled, shown as EXPIRED with a message.
  const status: 'ACTIVE' | 'EXPIRED' | 'NONE' = st.status === 'SUSPENDED' ? 'EXPIRED' : st.status;
  if (st.status === 'EXPIRED') messages.push({ level: 'WARN', text: SOCIAL_MESSAGES.expired.nl });
  if (st.status === 'SUSPENDED') {
    messages.push({
      level: 'WARN',
      text: `Je kansentarief is opgeschort tot ${brusselsDate(new Date(st.suspendedUntilDate as string))}. Sparen en voordelen omruilen kan wel.`,
    });
  }
  if (st.inGracePeriod) {
    messages.push({
      level: 'INFO',
      text: 'Je recht op kansentarief is verlopen, maar je zit nog in de overgangsperiode. Vraag een verlenging aan.',
    });
  }
  return json(200, {
    passholderId: ph.id,
    passType: 'INDIVIDUAL',
    uitpasNumber: card.uitpas_number,
    firstName: data.firstName,
    points: ph.points,
    postalCode: data.address.postalCode,
    cardSystem: cardSystemJson(membership.card_system_id),
    socialTariff: { status, ...(st.endDate ? { endDate: st.endDate } : {}) },
    ...(messages.length > 0 ? { messages } : {}),
  });
}

function getPassholders(ctx: Ctx): Reply {
  if (!canAnywhere(ctx, 'PASSHOLDERS_SEARCH')) return forbidden('PASSHOLDERS_SEARCH');
  const p = ctx.params;
  const insz = str(p.inszNumber);
  const number = str(p.uitpasNumber);
  const chip = str(p.chipNumber);
  if (insz !== undefined && !validateInsz(insz).ok) return problem('uitpas/invalid-insz-number');
  if (number !== undefined && !validateUitpasNumber(number).ok)
    return problem('uitpas/invalid-uitpas-number');
  if (chip !== undefined && !validateChipNumber(chip).ok) {
    return problem('body/invalid-data', {
      extra: { schemaErrors: [{ jsonPointer: '/chipNumber', error: 'not a chip number' }] },
    });
  }
  const organizerId = str(p.organizerId);
  if (organizerId && !organizerKeyById(organizerId)) return problem('uitpas/organizer-not-found');
  const byId = insz !== undefined || number !== undefined || chip !== undefined;
  const own = callerCardSystems(ctx);
  let rows = ctx.app.db.prepare<[], PassholderRow>('SELECT * FROM passholders ORDER BY rowid').all();
  const ids = (card: CardRow | undefined) => (card?.passholder_id ? [card.passholder_id] : []);
  if (insz !== undefined)
    rows = rows.filter((r) => r.insz === (validateInsz(insz) as { value: string }).value);
  if (number !== undefined) rows = rows.filter((r) => ids(ctx.app.model.card(number)).includes(r.id));
  if (chip !== undefined)
    rows = rows.filter((r) =>
      ids(ctx.app.model.cardByChip((validateChipNumber(chip) as { value: string }).value)).includes(r.id),
    );
  const name = str(p.name)?.toLowerCase();
  const firstName = str(p.firstName)?.toLowerCase();
  const email = str(p.email)?.toLowerCase();
  const city = str(p['address.city'])?.toLowerCase();
  const from = str(p.dateOfBirthFrom);
  const to = str(p.dateOfBirthTo);
  rows = rows.filter((r) => {
    const d = JSON.parse(r.data) as PassholderData;
    if (
      name &&
      !`${d.firstName} ${d.name}`.toLowerCase().includes(name) &&
      !d.name.toLowerCase().includes(name)
    )
      return false;
    if (firstName && !d.firstName.toLowerCase().includes(firstName)) return false;
    if (email && d.email?.toLowerCase() !== email) return false;
    if (city && d.address.city.toLowerCase() !== city) return false;
    if (from && d.dateOfBirth < from) return false;
    if (to && d.dateOfBirth > to) return false;
    // PASSHOLDERS_SEARCH sees only its own card systems unless it searches by an identifier (DOMAIN.md §3).
    if (!byId && !ctx.app.model.memberships(r.id).some((x) => own.has(x.card_system_id))) return false;
    return true;
  });
  if (str(p['sort[name]']) === 'asc' || str(p['sort[name]']) === 'desc') {
    const dir = p['sort[name]'] === 'asc' ? 1 : -1;
    rows.sort(
      (a, b) =>
        dir *
        (JSON.parse(a.data) as PassholderData).name.localeCompare(
          (JSON.parse(b.data) as PassholderData).name,
        ),
    );
  }
  return json(
    200,
    page(
      rows.map((r) => ctx.app.model.passholderJson(r, ctx.now)),
      ctx,
    ),
  );
}

function getPassholder(ctx: Ctx): Reply {
  if (!canAnywhere(ctx, 'PASSHOLDERS_SEARCH')) return forbidden('PASSHOLDERS_SEARCH');
  const row = ctx.app.model.passholder(String(ctx.params.passholderId));
  if (!row) return problem('uitpas/passholder-not-found');
  return json(200, ctx.app.model.passholderJson(row, ctx.now));
}

interface PassholderInput extends PassholderData {
  inszNumber?: string;
  registrationOrganizer?: { id: string };
  registrationCardSystemId?: number;
  registrationCardType?: 'DIGITAL' | 'NFC_CARD';
  registrationUitpasNumber?: string;
  registrationSocialTariffEndDate?: string;
  registrationVoucher?: string;
}

const KNOWN_CITIES: { postalCode: string; name: string }[] = Object.values(CARD_SYSTEMS).flatMap((c) => [
  ...c.cities,
]);

function cityProblem(address: PassholderData['address']): Reply | null {
  const country = (address.country ?? 'BE').toUpperCase();
  if (country !== 'BE') return null;
  if (!/^\d{4}$/.test(address.postalCode)) return problem('uitpas/invalid-postal-code');
  const known = KNOWN_CITIES.filter((c) => c.postalCode === address.postalCode);
  if (known.length > 0 && !known.some((c) => c.name.toLowerCase() === address.city.trim().toLowerCase())) {
    return problem('uitpas/invalid-city');
  }
  return null;
}

function inszProblem(
  ctx: Ctx,
  insz: string,
  person: { dateOfBirth: string; gender?: string },
  exceptId?: string,
): Reply | null {
  // The INSZ carries the birth date and (odd/even serial) the gender: both must match, as in the legacy balie.
  const gender = person.gender === 'MALE' || person.gender === 'FEMALE' ? person.gender : undefined;
  const result = validateInsz(insz, { birthDate: person.dateOfBirth, ...(gender ? { gender } : {}) });
  if (!result.ok) return problem('uitpas/invalid-insz-number', { detail: result.message });
  const existing = ctx.app.model.passholderByInsz(result.value);
  if (existing && existing.id !== exceptId) return problem('uitpas/insz-already-used');
  return null;
}

function nextDigitalNumber(ctx: Ctx): string {
  const count =
    ctx.app.db.prepare<[], { n: number }>("SELECT COUNT(*) n FROM cards WHERE card_type = 'DIGITAL'").get()
      ?.n ?? 0;
  // Prefix 0400009 + a 4-digit serial + kansenstatuut digit 0, then the Luhn check digit.
  const first12 = `0400009${String(count + 1).padStart(4, '0')}0`;
  return first12 + uitpasCheckDigit(first12);
}

function postPassholder(ctx: Ctx): Reply {
  const input = ctx.body as PassholderInput;
  const organizerId = input.registrationOrganizer?.id;
  const orgKey = organizerId ? organizerKeyById(organizerId) : undefined;
  if (!orgKey) return problem('uitpas/organizer-not-found');
  if (!can(ctx, 'PASSHOLDERS_WRITE', ORGANIZERS[orgKey].id))
    return forbidden('PASSHOLDERS_WRITE', organizerId);
  const cardSystemId = input.registrationCardSystemId ?? ORGANIZERS[orgKey].cardSystemId;
  if (!cardSystemById(cardSystemId)) return problem('uitpas/cardsystem-not-found');
  const country = (input.address.country ?? 'BE').toUpperCase();
  if (country !== 'BE' && !can(ctx, 'PASSHOLDERS_WRITE_FOREIGN_COUNTRY', ORGANIZERS[orgKey].id)) {
    return forbidden('PASSHOLDERS_WRITE_FOREIGN_COUNTRY', organizerId);
  }
  const city = cityProblem(input.address);
  if (city) return city;
  if (input.inszNumber !== undefined) {
    const insz = inszProblem(ctx, input.inszNumber, input);
    if (insz) return insz;
  }
  const cardType = input.registrationCardType ?? (input.registrationUitpasNumber ? 'NFC_CARD' : 'DIGITAL');
  let card: CardRow | undefined;
  if (cardType === 'NFC_CARD') {
    const number = input.registrationUitpasNumber;
    if (!number) {
      return problem('body/invalid-data', {
        extra: {
          schemaErrors: [
            { jsonPointer: '/registrationUitpasNumber', error: 'required for registrationCardType NFC_CARD' },
          ],
        },
      });
    }
    if (!validateUitpasNumber(number).ok) return problem('uitpas/invalid-uitpas-number');
    card = ctx.app.model.card(number);
    if (!card || card.card_system_id !== cardSystemId) return problem('uitpas/invalid-card');
    // Only a card from the counter's stock can be sold (DOMAIN.md rule 5).
    if (card.status !== 'LOCAL_STOCK')
      return problem('uitpas/invalid-card-status', { extra: { cardStatus: card.status } });
  }
  const socialTariff =
    input.registrationSocialTariffEndDate !== undefined || (card?.social_tariff ?? 0) === 1;
  if (socialTariff && !can(ctx, 'PASSHOLDERS_WRITE_SOCIALTARIFF', ORGANIZERS[orgKey].id)) {
    return forbidden('PASSHOLDERS_WRITE_SOCIALTARIFF', organizerId);
  }
  // Kansentarief for someone from another town of the region needs the card-system-wide permission (SPEC).
  if (
    socialTariff &&
    input.address.postalCode !== ORGANIZERS[orgKey].postalCode &&
    !can(ctx, 'PASSHOLDERS_WRITE_SOCIALTARIFF_FULL_CARDSYSTEM', ORGANIZERS[orgKey].id)
  ) {
    return forbidden('PASSHOLDERS_WRITE_SOCIALTARIFF_FULL_CARDSYSTEM', organizerId);
  }
  const socialEnd = socialTariff
    ? input.registrationSocialTariffEndDate
      ? new Date(`${input.registrationSocialTariffEndDate}T21:59:00Z`).toISOString()
      : defaultSocialTariffEnd(ctx.now)
    : null;
  const id = randomUUID();
  const number = card?.uitpas_number ?? nextDigitalNumber(ctx);
  const data: PassholderData = {
    firstName: input.firstName,
    name: input.name,
    dateOfBirth: input.dateOfBirth,
    address: { ...input.address, country },
    ...(input.gender ? { gender: input.gender } : {}),
    ...(input.email ? { email: input.email } : {}),
    ...(input.phoneNumber ? { phoneNumber: input.phoneNumber } : {}),
    ...(input.nationality ? { nationality: input.nationality } : {}),
    ...(input.optInPreferences ? { optInPreferences: input.optInPreferences } : {}),
  };
  const created = ctx.now.toISOString();
  const insz =
    input.inszNumber !== undefined ? (validateInsz(input.inszNumber) as { value: string }).value : null;
  ctx.app.db.transaction(() => {
    ctx.app.db
      .prepare('INSERT INTO passholders (id, data, insz, points, created_at) VALUES (?, ?, ?, 0, ?)')
      .run(id, JSON.stringify(data), insz, created);
    if (card) {
      ctx.app.db
        .prepare("UPDATE cards SET status = 'ACTIVE', passholder_id = ? WHERE uitpas_number = ?")
        .run(id, card.uitpas_number);
    } else {
      ctx.app.db
        .prepare(
          "INSERT INTO cards (uitpas_number, chip_number, card_system_id, card_type, status, social_tariff, passholder_id) VALUES (?, NULL, ?, 'DIGITAL', 'ACTIVE', ?, ?)",
        )
        .run(number, cardSystemId, socialTariff ? 1 : 0, id);
    }
    ctx.app.db
      .prepare(
        "INSERT INTO memberships (passholder_id, card_system_id, uitpas_number, status, social_tariff_end, created_at) VALUES (?, ?, ?, 'ACTIVE', ?, ?)",
      )
      .run(id, cardSystemId, number, socialEnd, created);
  })();
  return json(200, ctx.app.model.passholderJson(ctx.app.model.passholder(id) as PassholderRow, ctx.now));
}

function putPassholder(ctx: Ctx): Reply {
  const row = ctx.app.model.passholder(String(ctx.params.passholderId));
  if (!row) return problem('uitpas/passholder-not-found');
  const memberships = ctx.app.model.memberships(row.id);
  const orgs = grantsOf(ctx).filter((g) =>
    memberships.some((x) => x.card_system_id === ORGANIZERS[g.organizer].cardSystemId),
  );
  if (
    !orgs.some(
      (g) => g.permissions.includes('PASSHOLDERS_UPDATE') || g.permissions.includes('PASSHOLDERS_WRITE'),
    )
  ) {
    return forbidden('PASSHOLDERS_UPDATE');
  }
  const input = ctx.body as PassholderInput;
  const city = cityProblem(input.address);
  if (city) return city;
  // With a valid social tariff the address may not leave the card system's region (DOMAIN.md §4).
  const leaves = memberships.find(
    (x) =>
      socialTariffOf(x, ctx.now).status === 'ACTIVE' &&
      !isResident(x.card_system_id, input.address.postalCode),
  );
  if (leaves) {
    return problem('uitpas/invalid-postal-code', {
      message: messageOf(
        'uitpas/invalid-postal-code',
        'Met kansentarief kan het adres niet buiten de UiTPAS-regio verhuizen. Stop eerst het kansentarief.',
      ),
    });
  }
  if (input.inszNumber !== undefined) {
    const insz = inszProblem(ctx, input.inszNumber, input, row.id);
    if (insz) return insz;
  }
  if (
    input.registrationSocialTariffEndDate !== undefined &&
    !orgs.some((g) => g.permissions.includes('PASSHOLDERS_WRITE_SOCIALTARIFF'))
  ) {
    return forbidden('PASSHOLDERS_WRITE_SOCIALTARIFF');
  }
  const old = JSON.parse(row.data) as PassholderData;
  const data: PassholderData = {
    firstName: input.firstName,
    name: input.name,
    dateOfBirth: input.dateOfBirth,
    address: {
      ...input.address,
      country: (input.address.country ?? old.address.country ?? 'BE').toUpperCase(),
    },
    ...(input.gender ? { gender: input.gender } : {}),
    ...(input.email ? { email: input.email } : {}),
    ...(input.phoneNumber ? { phoneNumber: input.phoneNumber } : {}),
    ...(input.nationality ? { nationality: input.nationality } : {}),
    ...(input.optInPreferences ? { optInPreferences: input.optInPreferences } : {}),
  };
  const insz =
    input.inszNumber !== undefined ? (validateInsz(input.inszNumber) as { value: string }).value : row.insz;
  ctx.app.db.transaction(() => {
    ctx.app.db
      .prepare('UPDATE passholders SET data = ?, insz = ? WHERE id = ?')
      .run(JSON.stringify(data), insz, row.id);
    if (input.registrationSocialTariffEndDate !== undefined) {
      // Extending the social tariff renews it in every card system the caller works in, and lifts a suspension.
      const end = new Date(`${input.registrationSocialTariffEndDate}T21:59:00Z`).toISOString();
      for (const x of memberships) {
        if (orgs.some((g) => ORGANIZERS[g.organizer].cardSystemId === x.card_system_id)) {
          ctx.app.db
            .prepare(
              'UPDATE memberships SET social_tariff_end = ?, suspended_until = NULL WHERE passholder_id = ? AND card_system_id = ?',
            )
            .run(end, row.id, x.card_system_id);
        }
      }
    }
  })();
  return noContent();
}

function isResident(cardSystemId: number, postalCode: string): boolean {
  return cardSystemById(cardSystemId)?.cities.some((c) => c.postalCode === postalCode) ?? false;
}

function ageOn(dateOfBirth: string, now: Date): number {
  const today = brusselsDate(now);
  const years = Number(today.slice(0, 4)) - Number(dateOfBirth.slice(0, 4));
  return today.slice(5) < dateOfBirth.slice(5) ? years - 1 : years;
}

function getMembershipPrice(ctx: Ctx): Reply {
  if (!canAnywhere(ctx, 'MEMBERSHIP_PRICES_READ') && ctx.auth.kind !== 'identification')
    return forbidden('MEMBERSHIP_PRICES_READ');
  const cs = Number(ctx.params.cardSystemId);
  if (!cardSystemById(cs)) return problem('uitpas/cardsystem-not-found', { status: 404 });
  const postalCode = String(ctx.params.postalCode);
  if (!/^\d{4}$/.test(postalCode)) return problem('uitpas/invalid-postal-code');
  const voucher = str(ctx.params.voucher);
  if (voucher !== undefined && voucher !== 'DEMO-VOUCHER') return problem('uitpas/invalid-voucher-code');
  const social = ctx.params.socialTariff === true;
  const resident = isResident(cs, postalCode);
  const base = social
    ? MEMBERSHIP_PRICES.socialTariff
    : !resident
      ? MEMBERSHIP_PRICES.nonResident
      : ageOn(String(ctx.params.dateOfBirth), ctx.now) < 18
        ? MEMBERSHIP_PRICES.childResident
        : MEMBERSHIP_PRICES.adultResident;
  return json(200, { price: voucher ? 0 : base.price, label: base.label, description: base.description });
}

function getMembershipPreview(ctx: Ctx): Reply {
  const ph = ctx.app.model.passholder(String(ctx.params.passholderId));
  if (!ph) return problem('uitpas/passholder-not-found');
  const cs = Number(ctx.params.cardSystemId);
  if (!cardSystemById(cs)) return problem('uitpas/cardsystem-not-found');
  const orgKey = organizerKeyById(String(ctx.params.organizerId));
  if (!orgKey) return problem('uitpas/organizer-not-found');
  if (!can(ctx, 'PASSHOLDERS_WRITE', ORGANIZERS[orgKey].id))
    return forbidden('PASSHOLDERS_WRITE', ORGANIZERS[orgKey].id);
  const existing = ctx.app.model.memberships(ph.id).find((x) => x.card_system_id === cs);
  const data = JSON.parse(ph.data) as PassholderData;
  const social = ctx.params.socialTariff === true;
  return json(200, {
    type: existing ? 'REPLACE_MEMBERSHIP' : 'NEW_MEMBERSHIP',
    ...(social ? { socialTariffEndDate: brusselsDate(new Date(defaultSocialTariffEnd(ctx.now))) } : {}),
    // With social tariff the address must lie in the card system's region (DOMAIN.md §4).
    addressChangeRequired: social && !isResident(cs, data.address.postalCode),
    ...(existing ? { replacedMembership: ctx.app.model.membershipJson(existing, ctx.now) } : {}),
  });
}

interface MembershipInput {
  cardType: 'NFC_CARD' | 'DIGITAL';
  uitpasNumber?: string;
  socialTariff?: { socialTariffEndDate?: string };
  registrationOrganizer: { id: string };
}

function postMembership(ctx: Ctx): Reply {
  const ph = ctx.app.model.passholder(String(ctx.params.passholderId));
  if (!ph) return problem('uitpas/passholder-not-found');
  const cs = Number(ctx.params.cardSystemId);
  if (!cardSystemById(cs)) return problem('uitpas/cardsystem-not-found');
  const input = ctx.body as MembershipInput;
  const orgKey = organizerKeyById(input.registrationOrganizer.id);
  if (!orgKey) return problem('uitpas/organizer-not-found');
  const orgId = ORGANIZERS[orgKey].id;
  if (!can(ctx, 'PASSHOLDERS_WRITE', orgId)) return forbidden('PASSHOLDERS_WRITE', orgId);
  if (input.socialTariff && !can(ctx, 'PASSHOLDERS_WRITE_SOCIALTARIFF', orgId))
    return forbidden('PASSHOLDERS_WRITE_SOCIALTARIFF', orgId);
  let card: CardRow | undefined;
  if (input.cardType === 'NFC_CARD') {
    if (!input.uitpasNumber || !validateUitpasNumber(input.uitpasNumber).ok)
      return problem('uitpas/invalid-uitpas-number');
    card = ctx.app.model.card(input.uitpasNumber);
    if (!card || card.card_system_id !== cs) return problem('uitpas/invalid-card');
    if (card.status !== 'LOCAL_STOCK')
      return problem('uitpas/invalid-card-status', { extra: { cardStatus: card.status } });
  }
  const existing = ctx.app.model.memberships(ph.id).find((x) => x.card_system_id === cs);
  const number = card?.uitpas_number ?? nextDigitalNumber(ctx);
  const socialEnd = input.socialTariff
    ? input.socialTariff.socialTariffEndDate
      ? new Date(`${input.socialTariff.socialTariffEndDate}T21:59:00Z`).toISOString()
      : defaultSocialTariffEnd(ctx.now)
    : (existing?.social_tariff_end ?? null);
  ctx.app.db.transaction(() => {
    if (existing) {
      // A replacement card: the old one stops working (lost, stolen or defective).
      ctx.app.db
        .prepare("UPDATE cards SET status = 'BLOCKED' WHERE uitpas_number = ? AND uitpas_number <> ?")
        .run(existing.uitpas_number, number);
      ctx.app.db
        .prepare(
          "UPDATE memberships SET uitpas_number = ?, status = 'ACTIVE', social_tariff_end = ? WHERE passholder_id = ? AND card_system_id = ?",
        )
        .run(number, socialEnd, ph.id, cs);
    } else {
      ctx.app.db
        .prepare(
          "INSERT INTO memberships (passholder_id, card_system_id, uitpas_number, status, social_tariff_end, created_at) VALUES (?, ?, ?, 'ACTIVE', ?, ?)",
        )
        .run(ph.id, cs, number, socialEnd, ctx.now.toISOString());
    }
    if (card)
      ctx.app.db
        .prepare("UPDATE cards SET status = 'ACTIVE', passholder_id = ? WHERE uitpas_number = ?")
        .run(ph.id, number);
    else {
      ctx.app.db
        .prepare(
          "INSERT INTO cards (uitpas_number, chip_number, card_system_id, card_type, status, social_tariff, passholder_id) VALUES (?, NULL, ?, 'DIGITAL', 'ACTIVE', ?, ?)",
        )
        .run(number, cs, input.socialTariff ? 1 : 0, ph.id);
    }
  })();
  return { status: 201 };
}

function cardJson(card: CardRow): Json {
  return {
    uitpasNumber: card.uitpas_number,
    cardSystem: cardSystemJson(card.card_system_id),
    cardType: card.card_type,
    status: card.status,
    socialTariff: card.social_tariff === 1,
  };
}

function getCards(ctx: Ctx): Reply {
  if (!canAnywhere(ctx, 'CARDS_READ')) return forbidden('CARDS_READ');
  const number = str(ctx.params.uitpasNumber);
  const chip = str(ctx.params.chipNumber);
  if (number !== undefined && !validateUitpasNumber(number).ok)
    return problem('uitpas/invalid-uitpas-number');
  let card: CardRow | undefined;
  if (number !== undefined) card = ctx.app.model.card(number);
  else if (chip !== undefined) {
    const c = validateChipNumber(chip);
    card = c.ok ? ctx.app.model.cardByChip(c.value) : undefined;
  } else {
    return problem('body/invalid-data', {
      extra: { schemaErrors: [{ jsonPointer: '/uitpasNumber', error: 'give uitpasNumber or chipNumber' }] },
    });
  }
  if (!card) return problem('url/not-found', { detail: 'No card with this number' });
  return json(200, cardJson(card));
}

function getGrouppasses(ctx: Ctx): Reply {
  if (ctx.auth.kind !== 'identification' && !canAnywhere(ctx, 'GROUPPASSES_SEARCH'))
    return forbidden('GROUPPASSES_SEARCH');
  const number = str(ctx.params.uitpasNumber);
  const chip = str(ctx.params.chipNumber);
  if (number !== undefined && !validateUitpasNumber(number).ok)
    return problem('uitpas/invalid-uitpas-number');
  let cards = ctx.app.db
    .prepare<[], CardRow>('SELECT * FROM cards WHERE group_pass_id IS NOT NULL ORDER BY rowid')
    .all();
  if (number !== undefined) cards = cards.filter((c) => c.uitpas_number === number);
  if (chip !== undefined) cards = cards.filter((c) => c.chip_number === chip.toUpperCase());
  const list = cards.flatMap((c) => {
    const g = ctx.app.model.groupPass(c.group_pass_id as string);
    return g ? [ctx.app.model.groupPassJson(g, c, ctx.now)] : [];
  });
  return json(200, page(list, ctx));
}

// ---------------------------------------------------------------------------------------------------------
// Kiosk devices ("zuilen")

const kioskById = (id: string) => Object.values(KIOSKS).find((k) => k.id === id);

function kioskRow(ctx: Ctx, kioskId: string) {
  return ctx.app.db
    .prepare<
      [string],
      { kiosk_id: string; device_id: string | null; name: string | null; event_id: string | null }
    >('SELECT * FROM kiosk_devices WHERE kiosk_id = ?')
    .get(kioskId);
}

function kioskDeviceJson(ctx: Ctx, kioskId: string): Json {
  const kiosk = kioskById(kioskId);
  const row = kioskRow(ctx, kioskId);
  const organizers = (kiosk?.organizers ?? []) as OrganizerKey[];
  return {
    id: kioskId,
    name: row?.name ?? kiosk?.name ?? '',
    deviceId: row?.device_id ?? '',
    organizers: organizers.map((k) => organizerJson(k)),
    locations: organizers.map((k) => ({ id: `${ORGANIZERS[k].id}-loc`, name: ORGANIZERS[k].name })),
    cardSystem: cardSystemJson(CARD_SYSTEMS.meetjesland.id),
    releaseTrack: 'stable',
  };
}

function putKioskSetup(ctx: Ctx): Reply {
  if (ctx.auth.kind !== 'kiosk-setup') return problem('auth/unauthorized');
  if (!ctx.auth.kioskId) return problem('uitpas/kiosk-not-found');
  const body = ctx.body as { name: string; deviceId: string };
  const row = kioskRow(ctx, ctx.auth.kioskId);
  if (row?.device_id && row.device_id !== body.deviceId) return problem('uitpas/kiosk-already-configured');
  const other = ctx.app.db
    .prepare<[string, string], { kiosk_id: string }>(
      'SELECT kiosk_id FROM kiosk_devices WHERE device_id = ? AND kiosk_id <> ?',
    )
    .get(body.deviceId, ctx.auth.kioskId);
  if (other) return problem('uitpas/kiosk-device-already-in-use');
  ctx.app.db
    .prepare('UPDATE kiosk_devices SET device_id = ?, name = ? WHERE kiosk_id = ?')
    .run(body.deviceId, body.name, ctx.auth.kioskId);
  return json(200, kioskDeviceJson(ctx, ctx.auth.kioskId));
}

function kioskOf(ctx: Ctx): string | null {
  return ctx.auth.kind === 'kiosk' ? ctx.auth.kioskId : null;
}

function checkinCode(event: EventInstance, now: Date): string {
  return Buffer.from(`${event.id}|${brusselsDate(now)}`).toString('base64url');
}

function kioskEventJson(event: EventInstance, now: Date): Json {
  return {
    checkinPoints: event.checkinPoints,
    event: { id: event.id, title: event.title },
    checkinCode: checkinCode(event, now),
  };
}

const windowOpen = (event: EventInstance, now: Date): boolean =>
  checkCheckinWindow({ startDate: event.start, endDate: event.end }, now).allowed;

/** The configured event if check-in is open, else the first open event of the kiosk's organizers (SPEC). */
function currentKioskEvent(ctx: Ctx, kioskId: string): EventInstance | null {
  const row = kioskRow(ctx, kioskId);
  const configured = row?.event_id ? findEvent(row.event_id, ctx.day) : undefined;
  if (configured && windowOpen(configured, ctx.now)) return configured;
  const organizers = (kioskById(kioskId)?.organizers ?? []) as OrganizerKey[];
  return allEvents(ctx.day).find((e) => organizers.includes(e.organizer) && windowOpen(e, ctx.now)) ?? null;
}

function getKioskDevice(ctx: Ctx): Reply {
  const kioskId = kioskOf(ctx);
  if (!kioskId) return problem('auth/unauthorized');
  return json(200, kioskDeviceJson(ctx, kioskId));
}

function getKioskEvent(ctx: Ctx): Reply {
  const kioskId = kioskOf(ctx);
  if (!kioskId) return problem('auth/unauthorized');
  const row = kioskRow(ctx, kioskId);
  const event = row?.event_id ? findEvent(row.event_id, ctx.day) : undefined;
  if (!event) return problem('url/not-found', { detail: 'No event configured for this kiosk' });
  return json(200, kioskEventJson(event, ctx.now));
}

function putKioskEvent(ctx: Ctx): Reply {
  const kioskId = kioskOf(ctx);
  if (!kioskId) return problem('auth/unauthorized');
  const event = findEvent((ctx.body as { id: string }).id, ctx.day);
  if (!event) return problem('uitpas/event-not-found');
  const organizers = (kioskById(kioskId)?.organizers ?? []) as OrganizerKey[];
  if (!organizers.includes(event.organizer) || event.end < ctx.now)
    return problem('uitpas/event-not-acceptable');
  ctx.app.db.prepare('UPDATE kiosk_devices SET event_id = ? WHERE kiosk_id = ?').run(event.id, kioskId);
  return noContent();
}

function deleteKioskEvent(ctx: Ctx): Reply {
  const kioskId = kioskOf(ctx);
  if (!kioskId) return problem('auth/unauthorized');
  ctx.app.db.prepare('UPDATE kiosk_devices SET event_id = NULL WHERE kiosk_id = ?').run(kioskId);
  return noContent();
}

function getKioskCheckins(ctx: Ctx): Reply {
  const kioskId = kioskOf(ctx);
  if (!kioskId) return problem('auth/unauthorized');
  const event = currentKioskEvent(ctx, kioskId);
  if (!event) return problem('url/not-found', { detail: 'No event open for check-in at this kiosk' });
  return json(200, kioskEventJson(event, ctx.now));
}

function kioskCard(ctx: Ctx, chip: string): { card: CardRow; passholder: PassholderRow } | Reply {
  const valid = validateChipNumber(chip);
  if (!valid.ok) return problem('uitpas/passholder-not-found', { status: 400, detail: valid.message });
  const card = ctx.app.model.cardByChip(valid.value);
  if (!card || !card.passholder_id) {
    if (card?.group_pass_id) {
      return problem('uitpas/checkin-not-allowed', {
        message: m(
          'Met een groepspas kan je niet inchecken.',
          'Un pass de groupe ne permet pas de s’enregistrer.',
          'A group pass cannot check in.',
        ),
      });
    }
    return problem('uitpas/passholder-not-found', { status: 400 });
  }
  const passholder = ctx.app.model.passholder(card.passholder_id);
  const membership = ctx.app.model
    .memberships(card.passholder_id)
    .find((x) => x.uitpas_number === card.uitpas_number);
  if (card.status !== 'ACTIVE' || membership?.status !== 'ACTIVE') return problem('uitpas/card-blocked');
  if (!passholder) return problem('uitpas/passholder-not-found', { status: 400 });
  return { card, passholder };
}

function postKioskCheckin(ctx: Ctx): Reply {
  const kioskId = kioskOf(ctx);
  if (!kioskId) return problem('auth/unauthorized');
  const found = kioskCard(ctx, (ctx.body as { chipNumber: string }).chipNumber);
  if (isReply(found)) return found;
  const event = currentKioskEvent(ctx, kioskId);
  if (!event)
    return problem('uitpas/event-not-found', { detail: 'No event open for check-in at this kiosk' });
  const refusal = checkinRefusal(ctx, event, found.passholder.id, true);
  if (refusal) return refusal;
  recordCheckin(ctx, event, found.passholder.id, found.card.uitpas_number, `kiosk:${kioskId}`);
  const total = ctx.app.model.passholder(found.passholder.id)?.points ?? 0;
  return json(200, { newPoints: event.checkinPoints, totalPoints: total });
}

function getKioskChip(ctx: Ctx): Reply {
  if (!kioskOf(ctx)) return problem('auth/unauthorized');
  const valid = validateChipNumber(String(ctx.params.chipNumber));
  const card = valid.ok ? ctx.app.model.cardByChip(valid.value) : undefined;
  if (!card || !card.passholder_id) return problem('uitpas/passholder-not-found');
  const found = kioskCard(ctx, card.chip_number as string);
  if (isReply(found)) return found;
  return json(200, { totalPoints: found.passholder.points });
}

export const API_HANDLERS: Record<string, (ctx: Ctx) => Reply> = {
  'GET /permissions': getPermissions,
  'GET /organizers/{id}': getOrganizer,
  'GET /card-systems': getCardSystems,
  'GET /card-systems/{cardSystemId}': getCardSystem,
  'GET /passes': getPass,
  'GET /passholders': getPassholders,
  'POST /passholders': postPassholder,
  'GET /passholders/{passholderId}': getPassholder,
  'PUT /passholders/{passholderId}': putPassholder,
  'GET /passholders/membership-prices/{cardSystemId}': getMembershipPrice,
  'GET /passholders/{passholderId}/memberships/{cardSystemId}': getMembershipPreview,
  'POST /passholders/{passholderId}/memberships/{cardSystemId}': postMembership,
  'GET /cards': getCards,
  'GET /grouppasses': getGrouppasses,
  'POST /checkins': postCheckin,
  'GET /checkins': getCheckins,
  'DELETE /checkins/{checkinId}': deleteCheckin,
  'GET /checkin-status': getCheckinStatus,
  'GET /tariffs': getTariffs,
  'GET /tariffs/static': getStaticTariffs,
  'POST /ticket-sales': postTicketSales,
  'GET /ticket-sales': getTicketSales,
  'DELETE /ticket-sales/{ticketSaleId}': deleteTicketSale,
  'GET /rewards': getRewards,
  'GET /rewards/{rewardId}': getReward,
  'GET /rewards/{rewardId}/redeem-status': getRedeemStatus,
  'POST /rewards/redeemed': postRedeemed,
  'GET /rewards/redeemed': getRedeemed,
  'DELETE /rewards/redeemed/{redeemedRewardId}': deleteRedeemed,
  'PUT /kiosk-devices/setup': putKioskSetup,
  'GET /kiosk-devices': getKioskDevice,
  'GET /kiosk-devices/events': getKioskEvent,
  'PUT /kiosk-devices/events': putKioskEvent,
  'DELETE /kiosk-devices/events': deleteKioskEvent,
  'GET /kiosk-devices/checkins': getKioskCheckins,
  'POST /kiosk-devices/checkins': postKioskCheckin,
  'GET /kiosk-devices/chip-numbers/{chipNumber}': getKioskChip,
};
