// What a terminal records when staff (or a kiosk) confirm something: the local actions of the ledger.
// Each gets a UUID at confirmation (rule 17: the API has no idempotency keys, so this id is how the
// outbox recognises an action when it reconciles). Schemas validate at the edge; types follow from them.
import { z } from 'zod';
import { validateChipNumber, validateInsz, validateUitpasNumber } from './identifiers.ts';
import type { AppError, Result } from './problems.ts';

const MAX_ID = 200;
const id = z.string().trim().min(1).max(MAX_ID);

/** A UiTPAS number in its normalised 13-digit form with a valid check digit. */
export const uitpasNumberSchema = z
  .string()
  .regex(/^\d{13}$/, 'Een UiTPAS-nummer heeft 13 cijfers.')
  .refine((s) => validateUitpasNumber(s).ok, 'Dit UiTPAS-nummer klopt niet.');

/** A chip number as the readers produce it: uppercase hex, 4, 7 or 10 bytes. */
export const chipNumberSchema = z
  .string()
  .regex(/^[0-9A-F]+$/, 'Een chipnummer bestaat uit hoofdletters A-F en cijfers.')
  .refine((s) => validateChipNumber(s).ok, 'Dit chipnummer heeft een ongeldige lengte.');

/** An INSZ of 11 digits without separators and with valid check digits. */
export const inszSchema = z
  .string()
  .regex(/^\d{11}$/, 'Een rijksregisternummer heeft 11 cijfers.')
  .refine((s) => validateInsz(s).ok, 'Dit rijksregisternummer klopt niet.');

const cents = z.number().int().min(0).max(100_000_000);
const points = z.number().int().min(0).max(1_000_000);
const isoDate = z.iso.date();
const cardSystemId = z.number().int().min(0);

export const actionBaseSchema = z.object({
  id: z.uuid(),
  stationId: id,
  staffId: id,
  organizerId: id,
  createdAt: z.iso.datetime({ offset: true }),
});
export type ActionBase = z.infer<typeof actionBaseSchema>;

export const checkinActionSchema = actionBaseSchema.extend({
  type: z.literal('checkin'),
  eventId: id,
  uitpasNumber: uitpasNumberSchema,
  passholderId: id.optional(),
  /** Points the event's settings promised when the action was recorded; the server decides. */
  expectedPoints: points.optional(),
});

export const kioskCheckinActionSchema = actionBaseSchema.extend({
  type: z.literal('kiosk-checkin'),
  chipNumber: chipNumberSchema,
  eventId: id.optional(),
});

export const ticketSaleSchema = z.object({
  eventId: id,
  uitpasNumber: uitpasNumberSchema,
  regularPriceCents: cents,
  regularPriceLabel: z.string().max(500).optional(),
  tariffId: id,
  tariffName: z.string().max(500).optional(),
  tariffPriceCents: cents,
  /** True when the tariff was reused offline (rule 7) and the server has not confirmed it yet. */
  provisional: z.boolean(),
});
export type TicketSale = z.infer<typeof ticketSaleSchema>;

/** One batch = one POST /ticket-sales, stored and replayed atomically (rule 11). */
export const ticketSaleActionSchema = actionBaseSchema.extend({
  type: z.literal('ticket-sale'),
  sales: z.array(ticketSaleSchema).min(1).max(500),
});

export const rewardRedemptionActionSchema = actionBaseSchema.extend({
  type: z.literal('reward-redemption'),
  rewardId: id,
  uitpasNumber: uitpasNumberSchema,
  passholderId: id.optional(),
  rewardType: z.enum(['POINTS', 'WELCOME']),
  points,
});

export const paymentMethodSchema = z.enum(['cash', 'card', 'free']);
export type PaymentMethod = z.infer<typeof paymentMethodSchema>;

/** The fields of POST /passholders the counter collects (registrationOrganizer = the action's organizer). */
export const registrationPassholderSchema = z
  .object({
    name: z.string().trim().min(1).max(200),
    firstName: z.string().trim().min(1).max(200),
    dateOfBirth: isoDate,
    inszNumber: inszSchema.optional(),
    gender: z.enum(['MALE', 'FEMALE', 'X']).optional(),
    email: z.email().max(320).optional(),
    phoneNumber: z.string().trim().min(1).max(50).optional(),
    address: z.object({
      street: z.string().trim().max(200).optional(),
      number: z.string().trim().max(20).optional(),
      box: z.string().trim().max(20).optional(),
      postalCode: z.string().trim().min(1).max(20),
      city: z.string().trim().min(1).max(200),
      country: z.string().trim().max(2).optional(),
    }),
    nationality: z.string().trim().max(100).optional(),
    optInPreferences: z
      .object({
        serviceMails: z.boolean(),
        milestoneMails: z.boolean(),
        infoMails: z.boolean(),
        sms: z.boolean(),
        post: z.boolean(),
      })
      .optional(),
    parentalConsent: z.boolean().optional(),
    legalTermsPaper: z.boolean().optional(),
    legalTermsDigital: z.boolean().optional(),
    registrationCardSystemId: cardSystemId,
    registrationCardType: z.enum(['DIGITAL', 'NFC_CARD']),
    registrationUitpasNumber: uitpasNumberSchema.optional(),
    registrationVoucher: z.string().trim().min(1).max(100).optional(),
    registrationSocialTariffEndDate: isoDate.optional(),
    registrationNote: z.string().max(2000).optional(),
  })
  .refine((p) => p.registrationCardType !== 'NFC_CARD' || p.registrationUitpasNumber !== undefined, {
    message: 'Scan of typ het UiTPAS-nummer van de nieuwe kaart.',
    path: ['registrationUitpasNumber'],
  });
export type RegistrationPassholder = z.infer<typeof registrationPassholderSchema>;

/** Online-only (rule 5): offline it stays a draft until staff confirm it online. */
export const registrationActionSchema = actionBaseSchema.extend({
  type: z.literal('registration'),
  passholder: registrationPassholderSchema,
  paymentMethod: paymentMethodSchema,
  priceCents: cents,
});

export const cardReasonSchema = z.enum(['LOSS_THEFT', 'DEFECT', 'OTHER']);
export type CardReason = z.infer<typeof cardReasonSchema>;

export const cardBlockActionSchema = actionBaseSchema.extend({
  type: z.literal('card-block'),
  passholderId: id,
  cardSystemId,
  uitpasNumber: uitpasNumberSchema,
  reason: cardReasonSchema,
  note: z.string().max(2000).optional(),
});

export const cardReplaceActionSchema = actionBaseSchema
  .extend({
    type: z.literal('card-replace'),
    passholderId: id,
    cardSystemId,
    oldUitpasNumber: uitpasNumberSchema,
    newUitpasNumber: uitpasNumberSchema,
    reason: cardReasonSchema,
    paymentMethod: paymentMethodSchema.optional(),
    priceCents: cents.optional(),
  })
  .refine((a) => a.oldUitpasNumber !== a.newUitpasNumber, {
    message: 'De nieuwe kaart moet een ander UiTPAS-nummer hebben dan de oude.',
    path: ['newUitpasNumber'],
  });

/**
 * Grant, extend or end (an end date of today) the kansenstatuut: PUT /passholders/{id} with
 * registrationSocialTariffEndDate. Setting an end date is idempotent, so reconciliation reads it back.
 */
export const kansenstatuutSetActionSchema = actionBaseSchema.extend({
  type: z.literal('kansenstatuut-set'),
  passholderId: id,
  uitpasNumber: uitpasNumberSchema,
  endDate: isoDate,
});

/** A membership of another card system (POST /passholders/{id}/memberships/{cardSystemId}). */
export const membershipAddActionSchema = actionBaseSchema.extend({
  type: z.literal('membership-add'),
  passholderId: id,
  /** A pass the holder already has, which identifies them at the desk. */
  uitpasNumber: uitpasNumberSchema,
  cardSystemId,
  /** A card from this counter's stock; without it the membership gets a digital pass. */
  newUitpasNumber: uitpasNumberSchema.optional(),
});

export const UNDOABLE_ACTION_TYPES = [
  'checkin',
  'kiosk-checkin',
  'ticket-sale',
  'reward-redemption',
  'registration',
  'card-block',
  'card-replace',
] as const;
export type UndoableActionType = (typeof UNDOABLE_ACTION_TYPES)[number];

export const undoActionSchema = actionBaseSchema.extend({
  type: z.literal('undo'),
  targetActionId: z.uuid(),
  targetType: z.enum(UNDOABLE_ACTION_TYPES),
});

export const localActionSchema = z.discriminatedUnion('type', [
  checkinActionSchema,
  kioskCheckinActionSchema,
  ticketSaleActionSchema,
  rewardRedemptionActionSchema,
  registrationActionSchema,
  cardBlockActionSchema,
  cardReplaceActionSchema,
  kansenstatuutSetActionSchema,
  membershipAddActionSchema,
  undoActionSchema,
]);

export type CheckinAction = z.infer<typeof checkinActionSchema>;
export type KioskCheckinAction = z.infer<typeof kioskCheckinActionSchema>;
export type TicketSaleAction = z.infer<typeof ticketSaleActionSchema>;
export type RewardRedemptionAction = z.infer<typeof rewardRedemptionActionSchema>;
export type RegistrationAction = z.infer<typeof registrationActionSchema>;
export type CardBlockAction = z.infer<typeof cardBlockActionSchema>;
export type CardReplaceAction = z.infer<typeof cardReplaceActionSchema>;
export type KansenstatuutSetAction = z.infer<typeof kansenstatuutSetActionSchema>;
export type MembershipAddAction = z.infer<typeof membershipAddActionSchema>;
export type UndoAction = z.infer<typeof undoActionSchema>;
export type LocalAction = z.infer<typeof localActionSchema>;
export type LocalActionType = LocalAction['type'];
export const LOCAL_ACTION_TYPES: readonly LocalActionType[] = [
  ...UNDOABLE_ACTION_TYPES,
  'kansenstatuut-set',
  'membership-add',
  'undo',
];

/** The fields of an action that its creator supplies (everything but the common bookkeeping). */
export type ActionPayload<A extends LocalAction = LocalAction> = A extends unknown
  ? Omit<A, keyof ActionBase>
  : never;

export interface ActionContext {
  stationId: string;
  staffId: string;
  organizerId: string;
  /** Defaults to the current time. */
  now?: Date;
}

/** A fresh random UUID (v4), from the global Web Crypto API present in Node, browsers and Electron. */
export function newActionId(): string {
  const c = (globalThis as unknown as { crypto: { randomUUID(): string } }).crypto;
  return c.randomUUID();
}

function describeIssues(error: z.ZodError): string {
  const first = error.issues[0];
  if (first === undefined) return 'De gegevens van deze handeling zijn ongeldig.';
  const where = first.path.length > 0 ? ` (${first.path.join('.')})` : '';
  return `De gegevens van deze handeling zijn ongeldig${where}: ${first.message}`;
}

/** Validates untrusted data (from storage, IPC or a form) as a local action. Never throws. */
export function parseLocalAction(input: unknown): Result<LocalAction> {
  const r = localActionSchema.safeParse(input);
  if (r.success) return { ok: true, value: r.data };
  return { ok: false, error: { kind: 'invalid-input', message: describeIssues(r.error) } };
}

/**
 * Creates a validated action with a fresh UUID and the current time. The payload is checked too:
 * a form that slipped through yields an `invalid-input` error, not a bad ledger row.
 */
export function createAction<P extends ActionPayload>(
  context: ActionContext,
  payload: P,
): Result<Extract<LocalAction, { type: P['type'] }>, AppError> {
  const at = context.now ?? new Date();
  const createdAt = Number.isNaN(at.getTime()) ? new Date().toISOString() : at.toISOString();
  const candidate = {
    ...payload,
    id: newActionId(),
    stationId: context.stationId,
    staffId: context.staffId,
    organizerId: context.organizerId,
    createdAt,
  };
  const r = parseLocalAction(candidate);
  return r as Result<Extract<LocalAction, { type: P['type'] }>, AppError>;
}
