// Finding a pass holder by name and birth date, and what the counter shows about the one identified:
// memberships of every card system and the history at this organizer. Merged into COMMANDS.
import { z } from 'zod';
import { socialTariffViewSchema, userTextSchema } from './views.ts';

/** One search result: enough to tell people apart, never the full INSZ. */
export const passholderSearchResultSchema = z.object({
  passholderId: z.string(),
  firstName: z.string(),
  name: z.string(),
  dateOfBirth: z.string().optional(),
  city: z.string().optional(),
  /** `85.....-..27`: first two and last two digits only. */
  inszMasked: z.string().optional(),
  /** Whether the pass holder has an active card to identify with. */
  identifiable: z.boolean(),
});
export type PassholderSearchResult = z.infer<typeof passholderSearchResultSchema>;

export const passholderSearchOutcomeSchema = z.discriminatedUnion('outcome', [
  z.object({ outcome: z.literal('found'), results: z.array(passholderSearchResultSchema) }),
  z.object({ outcome: z.literal('none'), message: userTextSchema }),
  /** More results than can be shown: narrow the search. */
  z.object({ outcome: z.literal('too-many'), total: z.number().int(), message: userTextSchema }),
  /** Staff typed something the search cannot use; `field` says where to fix it. */
  z.object({
    outcome: z.literal('invalid'),
    field: z.enum(['name', 'firstName', 'dateOfBirth']),
    message: userTextSchema,
  }),
]);
export type PassholderSearchOutcome = z.infer<typeof passholderSearchOutcomeSchema>;

export const membershipViewSchema = z.object({
  cardSystem: z.string(),
  uitpasNumber: z.string().optional(),
  status: z.enum(['ACTIVE', 'BLOCKED']),
  cardStatus: z.enum(['ACTIVE', 'BLOCKED', 'DELETED']).optional(),
  cardType: z.enum(['NFC_CARD', 'DIGITAL']).optional(),
  socialTariff: socialTariffViewSchema,
});
export type MembershipView = z.infer<typeof membershipViewSchema>;

export const passHistoryItemSchema = z.object({
  kind: z.enum(['checkin', 'ticket-sale', 'redemption']),
  at: z.string(),
  title: z.string(),
  /** Points earned (+) or spent (−), when the API says. */
  points: z.number().optional(),
  /** What the pass holder paid, for ticket sales. */
  priceCents: z.number().int().optional(),
});
export type PassHistoryItem = z.infer<typeof passHistoryItemSchema>;

export const passholderDetailsSchema = z.object({
  identificationId: z.number().int(),
  passholderId: z.string(),
  name: z.string().optional(),
  memberships: z.array(membershipViewSchema),
  /** Newest first; only this organizer's (the API gives a counter no other history). */
  history: z.array(passHistoryItemSchema),
  /** Set when a part could not be loaded; the rest is still shown. */
  historyProblem: userTextSchema.optional(),
  fetchedAt: z.string(),
  /** True when UiTPAS could not be reached and this is the last answer this terminal received. */
  stale: z.boolean(),
});
export type PassholderDetails = z.infer<typeof passholderDetailsSchema>;

const nameText = z.string().max(100);

export const PASSHOLDER_COMMANDS = {
  /** GET /passholders by name (+ first name, birth date); needs PASSHOLDERS_SEARCH. */
  'passholders.search': {
    input: z
      .object({ name: nameText, firstName: nameText.optional(), dateOfBirth: z.string().max(32).optional() })
      .strict(),
    output: passholderSearchOutcomeSchema,
  },
  /** Identifies a result of the last search through the identify router, as a tap would. */
  'passholders.pick': {
    input: z.object({ passholderId: z.string().min(1).max(128) }).strict(),
    output: z.object({ identificationId: z.number().int() }),
  },
  /** Memberships and history of the identified pass holder. */
  'passholder.details': {
    input: z.object({ identificationId: z.number().int() }).strict(),
    output: passholderDetailsSchema,
  },
} as const satisfies Record<string, { input: z.ZodType; output: z.ZodType }>;

export type PassholderCommandName = keyof typeof PASSHOLDER_COMMANDS;
