// The front desk's commands (issue 7): registration wizard with drafts, card stock, day report, history
// and undo. Merged into COMMANDS so the same validation runs at every host edge.
import { z } from 'zod';
import { registrationFormSchema, registrationStepSchema } from '../desk/registration-form.ts';
import { userTextSchema } from './views.ts';

const uuid = z.uuid();
const cents = z.number().int().min(0);
const day = z.iso.date();

export const draftSummarySchema = z.object({
  draftId: uuid,
  /** First name and name only: an INSZ never leaves the terminal in a list. */
  label: z.string(),
  step: registrationStepSchema,
  updatedAt: z.string(),
});
export type DraftSummary = z.infer<typeof draftSummarySchema>;

export const draftSchema = z.object({ draftId: uuid, form: registrationFormSchema, updatedAt: z.string() });

/** A problem the wizard shows on the step (and field) where staff can fix it. */
export const stepRefusalSchema = z.object({
  outcome: z.literal('refused'),
  step: registrationStepSchema,
  field: z.string().optional(),
  message: userTextSchema,
  /** When the API refused a submitted form: the new draft that carries it on. */
  draftId: uuid.optional(),
});

export const membershipPriceViewSchema = z.discriminatedUnion('outcome', [
  z.object({
    outcome: z.literal('price'),
    priceCents: cents,
    label: z.string(),
    description: z.string().optional(),
  }),
  stepRefusalSchema,
]);
export type MembershipPriceView = z.infer<typeof membershipPriceViewSchema>;

export const registrationResultSchema = z.discriminatedUnion('outcome', [
  z.object({
    outcome: z.literal('registered'),
    actionId: uuid,
    passholderId: z.string(),
    uitpasNumber: z.string(),
    priceCents: cents,
    paymentMethod: z.enum(['cash', 'card', 'free']),
    welcomeRewards: z.array(z.object({ id: z.string(), title: z.string() })),
  }),
  /** Recorded and sent, but the API's answer is not in yet: the engine keeps at it. */
  z.object({ outcome: z.literal('pending'), actionId: uuid, message: userTextSchema }),
  stepRefusalSchema,
]);
export type RegistrationResult = z.infer<typeof registrationResultSchema>;

export const stockMovementViewSchema = z.object({
  seq: z.number().int(),
  movement: z.enum(['received', 'issued', 'returned', 'damaged', 'lost', 'correction']),
  quantity: z.number().int(),
  uitpasNumber: z.string().nullable(),
  staffId: z.string(),
  note: z.string().nullable(),
  at: z.string(),
});

export const stockViewSchema = z.object({
  salesPointId: z.string(),
  level: z.number().int(),
  threshold: z.number().int().min(0),
  low: z.boolean(),
  /** Cards received here and not yet sold or written off, by UiTPAS number. */
  cards: z.array(z.string()),
  movements: z.array(stockMovementViewSchema),
});
export type StockView = z.infer<typeof stockViewSchema>;

const passSalesLineSchema = z.object({
  priceCents: cents,
  paymentMethod: z.enum(['cash', 'card', 'free']),
  count: z.number().int(),
  totalCents: cents,
});
const reportTotalsSchema = z.object({
  passesSold: z.array(passSalesLineSchema),
  cashCents: cents,
  checkins: z.number().int(),
  kansentariefTickets: z.number().int(),
  kansentariefCents: cents,
  otherTickets: z.number().int(),
  rewards: z.number().int(),
  pointsRedeemed: z.number().int(),
  cardsBlocked: z.number().int(),
  cardsReplaced: z.number().int(),
  undos: z.number().int(),
  rejected: z.number().int(),
});
export const dayReportViewSchema = z.object({
  day,
  closedAt: z.string().nullable(),
  rows: z.array(reportTotalsSchema.extend({ stationId: z.string(), staffId: z.string() })),
  totals: reportTotalsSchema,
  corrections: z.array(
    z.object({ actionId: z.string(), type: z.string(), staffId: z.string(), recordedAt: z.string() }),
  ),
  csv: z.string(),
});
export type DayReportView = z.infer<typeof dayReportViewSchema>;

export const historyItemSchema = z.object({
  actionId: uuid,
  type: z.string(),
  /** A short Dutch description without INSZ. */
  summary: z.string(),
  staffId: z.string(),
  stationId: z.string(),
  createdAt: z.string(),
  state: z.string(),
  undone: z.boolean(),
  undoable: z.boolean(),
});
export type HistoryItem = z.infer<typeof historyItemSchema>;

export const kansenstatuutViewSchema = z.object({
  uitpasNumber: z.string(),
  firstName: z.string(),
  status: z.enum(['ACTIVE', 'EXPIRED', 'SUSPENDED', 'NONE']),
  endDate: z.string().optional(),
  inGracePeriod: z.boolean(),
  suspendedUntilDate: z.string().optional(),
});
export type KansenstatuutView = z.infer<typeof kansenstatuutViewSchema>;

/**
 * A desk write recorded in the ledger: `done` once UiTPAS confirmed it, `queued` while the sync engine
 * still has it (no connection, or no answer yet); a refusal comes back as the command's problem.
 */
export const deskWriteStateSchema = z.enum(['done', 'queued']);
export type DeskWriteState = z.infer<typeof deskWriteStateSchema>;
const written = { actionId: uuid, state: deskWriteStateSchema, message: userTextSchema };

const empty = z.object({}).strict();
const uitpasInput = z.string().max(32);

export const DESK_COMMANDS = {
  'desk.drafts.list': { input: empty, output: z.object({ drafts: z.array(draftSummarySchema) }) },
  /** Opens a draft, or starts a new one when no id is given (prefilled with a scanned blank card). */
  'desk.draft.open': {
    input: z
      .object({
        draftId: uuid.optional(),
        uitpasNumber: uitpasInput.optional(),
        /** A tapped blank card: its UiTPAS number is looked up (GET /cards). */
        chipNumber: z.string().max(32).optional(),
      })
      .strict(),
    output: draftSchema,
  },
  'desk.draft.save': {
    input: z.object({ draftId: uuid, form: registrationFormSchema }).strict(),
    output: z.object({ draftId: uuid, updatedAt: z.string() }),
  },
  'desk.draft.abandon': { input: z.object({ draftId: uuid }).strict(), output: z.object({ draftId: uuid }) },
  'desk.registration.price': {
    input: z.object({ draftId: uuid }).strict(),
    output: membershipPriceViewSchema,
  },
  'desk.registration.submit': {
    input: z.object({ draftId: uuid }).strict(),
    output: registrationResultSchema,
  },
  'desk.stock.get': { input: empty, output: stockViewSchema },
  'desk.stock.receive': {
    input: z
      .object({
        from: uitpasInput.optional(),
        to: uitpasInput.optional(),
        uitpasNumbers: z.array(uitpasInput).max(1000).optional(),
      })
      .strict(),
    output: stockViewSchema,
  },
  'desk.stock.damaged': {
    input: z.object({ uitpasNumber: uitpasInput, note: z.string().max(500).optional() }).strict(),
    output: stockViewSchema,
  },
  'desk.stock.count': {
    input: z.object({ counted: z.number().int().min(0).max(100_000) }).strict(),
    output: stockViewSchema,
  },
  'desk.stock.threshold': {
    input: z.object({ threshold: z.number().int().min(0).max(100_000) }).strict(),
    output: stockViewSchema,
  },
  'desk.day.report': { input: z.object({ day: day.optional() }).strict(), output: dayReportViewSchema },
  'desk.day.close': { input: z.object({ day }).strict(), output: dayReportViewSchema },
  'desk.kansenstatuut.get': {
    input: z.object({ uitpasNumber: uitpasInput }).strict(),
    output: kansenstatuutViewSchema,
  },
  /** Grant or extend (an end date in the future) or end (today) the kansenstatuut; permission-gated. */
  'desk.kansenstatuut.set': {
    input: z.object({ uitpasNumber: uitpasInput, endDate: day }).strict(),
    output: kansenstatuutViewSchema.extend(written),
  },
  /** Replace a lost, stolen or defective card with one from this counter's stock; points stay. */
  'desk.card.replace': {
    input: z
      .object({
        uitpasNumber: uitpasInput,
        newUitpasNumber: uitpasInput,
        reason: z.enum(['LOSS_THEFT', 'DEFECT', 'OTHER']),
      })
      .strict(),
    output: z.object({ uitpasNumber: z.string(), points: z.number().int(), ...written }),
  },
  /**
   * Block a lost or stolen card. UiTPAS API v4 has no block operation: the membership's card is replaced
   * by a digital pass, which blocks the card and keeps membership and points (docs/decisions.md).
   */
  'desk.card.block': {
    input: z
      .object({
        uitpasNumber: uitpasInput,
        reason: z.enum(['LOSS_THEFT', 'DEFECT', 'OTHER']),
        note: z.string().max(500).optional(),
      })
      .strict(),
    output: z.object(written),
  },
  /** Membership of another card system, on a digital pass or a card from stock. */
  'desk.membership.add': {
    input: z
      .object({
        uitpasNumber: uitpasInput,
        cardSystemId: z.number().int().min(0),
        newUitpasNumber: uitpasInput.optional(),
      })
      .strict(),
    /** The new pass's number; absent while a digital pass is still queued. */
    output: z.object({ uitpasNumber: z.string().optional(), ...written }),
  },
  /** The card systems a pass holder can join (GET /card-systems), for the add-membership screen. */
  'desk.cardSystems': {
    input: empty,
    output: z.object({ cardSystems: z.array(z.object({ id: z.number().int(), name: z.string() })) }),
  },
  'desk.history': { input: empty, output: z.object({ items: z.array(historyItemSchema) }) },
  'desk.undo': {
    input: z.object({ actionId: uuid }).strict(),
    output: z.object({ undoActionId: uuid, message: userTextSchema }),
  },
} as const satisfies Record<string, { input: z.ZodType; output: z.ZodType }>;
