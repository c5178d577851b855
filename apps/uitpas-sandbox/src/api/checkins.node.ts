// Check-ins at the counter (POST|GET /checkins, DELETE /checkins/{id}, GET /checkin-status).
import { randomUUID } from 'node:crypto';
import { checkCheckinLimit, checkCheckinWindow } from '@uitpas/domain';
import { findEvent, type EventInstance } from '../model.node.ts';
import { json, messageOf, noContent, problem, type EndUserMessage, type Reply } from '../problems.ts';
import type { CheckinRow } from '../store.node.ts';
import { type Ctx, m, str, strs, page, can, forbidden, identify, isReply, eventOr } from './context.node.ts';

// Check-ins: window from 1 hour before the start until the end; limit per event setting (DOMAIN.md "Decisions").

/** The shared check-in rules (window from 1 hour before the start, limit per period) from @uitpas/domain. */
export function checkinRefusal(ctx: Ctx, event: EventInstance, passholderId: string, kiosk = false): Reply | null {
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

export function recordCheckin(
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

export function postCheckin(ctx: Ctx): Reply {
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

export function getCheckinStatus(ctx: Ctx): Reply {
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

export function getCheckins(ctx: Ctx): Reply {
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

export function deleteCheckin(ctx: Ctx): Reply {
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
