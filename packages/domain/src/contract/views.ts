// What the terminal shows a renderer: small, display-ready views, never raw API payloads, never secrets.
// An INSZ only ever leaves the terminal masked.
import { z } from 'zod';

export const languageSchema = z.enum(['nl', 'fr', 'en']);
export type Language = z.infer<typeof languageSchema>;

/** A message for the person at the counter: Dutch always, other languages when known. */
export const userTextSchema = z.object({
  nl: z.string().min(1),
  fr: z.string().optional(),
  en: z.string().optional(),
});
export type UserText = z.infer<typeof userTextSchema>;

/** An error as a value: a machine-readable kind and a human message (Dutch first). */
export const terminalProblemSchema = z.object({
  kind: z.string().min(1),
  /** The UiTPAS problem type URI when the API gave one. */
  type: z.string().optional(),
  message: userTextSchema,
});
export type TerminalProblem = z.infer<typeof terminalProblemSchema>;

export const passMessageSchema = z.object({
  level: z.enum(['INFO', 'WARN', 'ERROR']),
  text: z.string(),
});

export const socialTariffViewSchema = z.object({
  status: z.enum(['ACTIVE', 'EXPIRED', 'SUSPENDED', 'NONE']),
  endDate: z.string().optional(),
  inGracePeriod: z.boolean().optional(),
  suspendedUntilDate: z.string().optional(),
});

export const passholderViewSchema = z.object({
  passholderId: z.string(),
  uitpasNumber: z.string(),
  firstName: z.string(),
  name: z.string().optional(),
  points: z.number().int(),
  postalCode: z.string().optional(),
  cardSystem: z.string().optional(),
  socialTariff: socialTariffViewSchema,
  /** The API's `messages`: they must always be shown. */
  messages: z.array(passMessageSchema),
  /** ISO time the data was fetched; set when it came from the cache. */
  cachedAt: z.string().optional(),
});
export type PassholderView = z.infer<typeof passholderViewSchema>;

export const groupPassViewSchema = z.object({
  groupPassId: z.string(),
  uitpasNumber: z.string(),
  name: z.string(),
  messages: z.array(passMessageSchema),
});
export type GroupPassView = z.infer<typeof groupPassViewSchema>;

export const identificationSourceSchema = z.enum(['tap', 'scan', 'typed', 'search']);
export type IdentificationSource = z.infer<typeof identificationSourceSchema>;

/**
 * The identify router's answer for every input. `identificationId` grows with each identification, so
 * anything that still refers to an older one (a screen, an action) can be recognised and refused.
 */
export const identificationSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('passholder'),
    identificationId: z.number().int(),
    source: identificationSourceSchema,
    pass: passholderViewSchema,
  }),
  z.object({
    kind: z.literal('group-pass'),
    identificationId: z.number().int(),
    source: identificationSourceSchema,
    pass: groupPassViewSchema,
  }),
  z.object({
    kind: z.literal('blocked'),
    identificationId: z.number().int(),
    source: identificationSourceSchema,
    cardStatus: z.string().optional(),
    message: userTextSchema,
  }),
  z.object({
    kind: z.literal('blank-card'),
    identificationId: z.number().int(),
    source: identificationSourceSchema,
    /** The card in stock, to start a registration with. */
    uitpasNumber: z.string().optional(),
    chipNumber: z.string().optional(),
    message: userTextSchema,
  }),
  z.object({
    kind: z.literal('unknown'),
    identificationId: z.number().int(),
    source: identificationSourceSchema,
    message: userTextSchema,
  }),
  z.object({
    kind: z.literal('invalid-input'),
    identificationId: z.number().int(),
    source: identificationSourceSchema,
    message: userTextSchema,
  }),
]);
export type Identification = z.infer<typeof identificationSchema>;

/** A regular price of an activity (UiTdatabank priceInfo), in cents. */
export const priceClassSchema = z.object({
  name: z.string(),
  regularPriceCents: z.number().int().nonnegative(),
});
export type PriceClass = z.infer<typeof priceClassSchema>;

export const activitySchema = z.object({
  id: z.string(),
  name: z.string(),
  prices: z.array(priceClassSchema).optional(),
  startDate: z.string().optional(),
  endDate: z.string().optional(),
  location: z.string().optional(),
});
export type Activity = z.infer<typeof activitySchema>;

export const readerHealthSchema = z.object({
  id: z.string(),
  name: z.string(),
  state: z.enum(['ready', 'degraded', 'offline']),
});
export type ReaderHealth = z.infer<typeof readerHealthSchema>;

export const syncStatusSchema = z.object({
  online: z.boolean(),
  /** Actions recorded locally and not yet confirmed by the API. */
  queueDepth: z.number().int().nonnegative(),
  draining: z.boolean(),
  /** Rejected or uncertain actions waiting for staff. */
  needsReview: z.number().int().nonnegative(),
});
export type SyncStatus = z.infer<typeof syncStatusSchema>;

export const apiEnvironmentSchema = z.enum(['sandbox', 'publiq-test', 'publiq-production']);
export type ApiEnvironment = z.infer<typeof apiEnvironmentSchema>;

export const stationConfigSchema = z.object({
  environment: apiEnvironmentSchema,
  organizer: z.object({ id: z.string(), name: z.string() }).optional(),
  language: languageSchema,
  trainingMode: z.boolean(),
  /** Whether simulated taps are accepted (sandbox and demos only). */
  simulator: z.boolean(),
  /** Cards the simulator offers to tap, for demos and training. */
  simulatorCards: z.array(z.object({ label: z.string(), value: z.string() })).optional(),
  /** The organizer's permission ids (`GET /permissions`); absent until an organizer is chosen. */
  permissions: z.array(z.string()).optional(),
});
export type StationConfig = z.infer<typeof stationConfigSchema>;

export const checkinReceiptSchema = z.object({
  /** The local action id: the ledger's UUID, given when staff confirmed. */
  actionId: z.string(),
  eventId: z.string(),
  /** `confirmed` once the API accepted it; `queued` while it waits in the outbox. */
  state: z.enum(['confirmed', 'queued']),
  points: z.number().int().optional(),
  message: userTextSchema,
});
export type CheckinReceipt = z.infer<typeof checkinReceiptSchema>;

/** The UiTPAS tariffs `GET /tariffs` offers this pass holder for one price class. Never computed locally. */
export const tariffOfferSchema = z.object({
  regularPriceCents: z.number().int().nonnegative(),
  regularPriceLabel: z.string(),
  tariffs: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      priceCents: z.number().int().nonnegative(),
      type: z.enum(['SOCIALTARIFF', 'COUPON']),
      remaining: z.number().int().nonnegative(),
    }),
  ),
  /** The API's endUserMessage, e.g. why no tariff is available. */
  message: userTextSchema.optional(),
  /** Offline: reused from the last answer of `GET /tariffs` for this event, price and pass (rule 7). */
  provisional: z.object({ fetchedAt: z.string() }).optional(),
});
export type TariffOffer = z.infer<typeof tariffOfferSchema>;

export const ticketSaleReceiptSchema = z.object({
  actionId: z.string(),
  eventId: z.string(),
  state: z.enum(['confirmed', 'queued']),
  tickets: z.number().int().positive(),
  /** What the pass holder pays: the sum of the tariff prices. */
  totalCents: z.number().int().nonnegative(),
  message: userTextSchema,
});
export type TicketSaleReceipt = z.infer<typeof ticketSaleReceiptSchema>;
