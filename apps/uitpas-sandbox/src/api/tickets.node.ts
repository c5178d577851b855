// Tariffs and ticket sales (GET /tariffs, /tariffs/static, POST|GET /ticket-sales, DELETE /ticket-sales/{id}).
import { randomUUID } from 'node:crypto';
import { checkSocialTariff, countInPeriod, periodLabel } from '@uitpas/domain';
import { findEvent, socialTariffOf, type EventInstance } from '../model.node.ts';
import { json, messageOf, noContent, problem, type EndUserMessage, type Reply } from '../problems.ts';
import { ORGANIZERS } from '../seed-data.ts';
import type { TicketSaleRow } from '../store.node.ts';
import { type Json, type Ctx, m, str, strs, page, socialTariffPrice, can, forbidden, type Holder, identify, isReply, eventOr } from './context.node.ts';



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

export function getTariffs(ctx: Ctx): Reply {
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

export function getStaticTariffs(ctx: Ctx): Reply {
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

export function postTicketSales(ctx: Ctx): Reply {
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

export function getTicketSales(ctx: Ctx): Reply {
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

export function deleteTicketSale(ctx: Ctx): Reply {
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
