// Kiosk devices ("zuilen"): setup with a configuration code, then the device id in x-custom-token.
import { checkCheckinWindow, validateChipNumber } from '@uitpas/domain';
import { allEvents, cardSystemJson, findEvent, organizerJson, type EventInstance } from '../model.node.ts';
import { json, noContent, problem, type Reply } from '../problems.ts';
import { CARD_SYSTEMS, KIOSKS, ORGANIZERS, type OrganizerKey } from '../seed-data.ts';
import type { CardRow, PassholderRow } from '../store.node.ts';
import { brusselsDate } from '../brussels.ts';
import { type Json, type Ctx, m, isReply } from './context.node.ts';
import { checkinRefusal, recordCheckin } from './checkins.node.ts';



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

export function putKioskSetup(ctx: Ctx): Reply {
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

export function getKioskDevice(ctx: Ctx): Reply {
  const kioskId = kioskOf(ctx);
  if (!kioskId) return problem('auth/unauthorized');
  return json(200, kioskDeviceJson(ctx, kioskId));
}

export function getKioskEvent(ctx: Ctx): Reply {
  const kioskId = kioskOf(ctx);
  if (!kioskId) return problem('auth/unauthorized');
  const row = kioskRow(ctx, kioskId);
  const event = row?.event_id ? findEvent(row.event_id, ctx.day) : undefined;
  if (!event) return problem('url/not-found', { detail: 'No event configured for this kiosk' });
  return json(200, kioskEventJson(event, ctx.now));
}

export function putKioskEvent(ctx: Ctx): Reply {
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

export function deleteKioskEvent(ctx: Ctx): Reply {
  const kioskId = kioskOf(ctx);
  if (!kioskId) return problem('auth/unauthorized');
  ctx.app.db.prepare('UPDATE kiosk_devices SET event_id = NULL WHERE kiosk_id = ?').run(kioskId);
  return noContent();
}

export function getKioskCheckins(ctx: Ctx): Reply {
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

export function postKioskCheckin(ctx: Ctx): Reply {
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

export function getKioskChip(ctx: Ctx): Reply {
  if (!kioskOf(ctx)) return problem('auth/unauthorized');
  const valid = validateChipNumber(String(ctx.params.chipNumber));
  const card = valid.ok ? ctx.app.model.cardByChip(valid.value) : undefined;
  if (!card || !card.passholder_id) return problem('uitpas/passholder-not-found');
  const found = kioskCard(ctx, card.chip_number as string);
  if (isReply(found)) return found;
  return json(200, { totalPoints: found.passholder.points });
}
