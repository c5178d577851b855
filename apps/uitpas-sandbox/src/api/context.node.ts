// Shared by the API handlers: the request context, permission checks and pass identification.
import type { IncomingHttpHeaders } from 'node:http';
import { centsFromApiNumber, centsToApiNumber, validateUitpasNumber } from '@uitpas/domain';
import type { App } from '../app.node.ts';
import type { Operation } from '../contract.node.ts';
import { findEvent, organizerKeyById, type EventInstance } from '../model.node.ts';
import { problem, type EndUserMessage, type ProblemName, type Reply } from '../problems.ts';
import { ORGANIZERS, SOCIAL_TARIFF_SHARE, type Grant } from '../seed-data.ts';
import type { CardRow, GroupPassRow, MembershipRow, PassholderRow } from '../store.node.ts';

export type Json = Record<string, unknown>;

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

export const m = (nl: string, fr: string, en: string): EndUserMessage => ({ nl, fr, en });
export const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
export const strs = (v: unknown): string[] =>
  Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
export const page = <T>(items: T[], ctx: Ctx): { totalItems: number; member: T[] } => {
  const start = Number(ctx.params.start ?? 0);
  const limit = Number(ctx.params.limit ?? 20);
  return { totalItems: items.length, member: items.slice(start, start + limit) };
};
/** The kansentarief price: computed in cents so 4.5 × 25 % is 1.13, never 1.1249999. */
export function socialTariffPrice(regularPrice: number): number {
  const cents = centsFromApiNumber(regularPrice);
  return cents.ok ? centsToApiNumber(Math.round(cents.cents * SOCIAL_TARIFF_SHARE)) : 0;
}

// ---------------------------------------------------------------------------------------------------------
// Permissions

export function grantsOf(ctx: Ctx): Grant[] {
  return ctx.auth.kind === 'client' || ctx.auth.kind === 'user' ? ctx.auth.grants : [];
}

export function can(ctx: Ctx, permission: string, organizerId: string): boolean {
  const key = organizerKeyById(organizerId);
  return grantsOf(ctx).some((g) => g.organizer === key && g.permissions.includes(permission));
}

export function canAnywhere(ctx: Ctx, permission: string): boolean {
  return grantsOf(ctx).some((g) => g.permissions.includes(permission));
}

export const forbidden = (permission: string, organizerId?: string): Reply =>
  problem('auth/forbidden', {
    detail: organizerId
      ? `Missing permission ${permission} for organizer ${organizerId}`
      : `Missing permission ${permission}`,
  });

/** Card systems the caller works in (for PASSHOLDERS_SEARCH, which is limited to them). */
export function callerCardSystems(ctx: Ctx): Set<number> {
  return new Set(grantsOf(ctx).map((g) => ORGANIZERS[g.organizer].cardSystemId));
}

// ---------------------------------------------------------------------------------------------------------
// Identification of a pass by UiTPAS number, with the card and membership checks every action shares.

export type Holder =
  | { kind: 'passholder'; card: CardRow; passholder: PassholderRow; membership: MembershipRow }
  | { kind: 'group'; card: CardRow; group: GroupPassRow };

type InvalidNumber = 'uitpas/invalid-uitpasnumber' | 'uitpas/invalid-uitpas-number';

interface IdentifyOptions {
  invalidNumber: InvalidNumber;
  /** Problem for a card that is not ACTIVE (POST /rewards/redeemed documents `invalid-card`). */
  inactiveCard?: ProblemName;
  pointer?: string;
}

export function identify(ctx: Ctx, uitpasNumber: string, options: IdentifyOptions): Holder | Reply {
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

export const isReply = (x: unknown): x is Reply =>
  typeof x === 'object' && x !== null && 'status' in x && typeof (x as Reply).status === 'number';

export function eventOr(ctx: Ctx, eventId: string, pointer?: string): EventInstance | Reply {
  const event = findEvent(eventId, ctx.day);
  return (
    event ??
    problem('uitpas/event-not-found', pointer !== undefined ? { extra: { jsonPointer: pointer } } : {})
  );
}
