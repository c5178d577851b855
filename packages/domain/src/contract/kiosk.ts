// The kiosk's part of the terminal contract: commands and events only the self-service column uses.
// Views carry outcome codes, not sentences: the kiosk renders them in the visitor's language (nl, fr, en,
// de). A view never holds a device secret, a name other than a first name, an INSZ or an address.
import { z } from 'zod';
import { userTextSchema } from './views.ts';

export const kioskLanguageSchema = z.enum(['nl', 'fr', 'en', 'de']);
export type KioskLanguage = z.infer<typeof kioskLanguageSchema>;

export const kioskEventViewSchema = z.object({
  id: z.string(),
  title: z.string(),
  checkinPoints: z.number().int().nonnegative(),
  /** What the UiTPAS app scans to check in with a phone. */
  checkinCode: z.string(),
  /** `configured`: set for this kiosk; `auto`: picked by the API from the kiosk's organizers. */
  source: z.enum(['configured', 'auto']),
});
export type KioskEventView = z.infer<typeof kioskEventViewSchema>;

export const kioskReaderViewSchema = z.object({
  id: z.string(),
  state: z.enum(['ready', 'degraded', 'offline']),
});
export type KioskReaderView = z.infer<typeof kioskReaderViewSchema>;

export const kioskStateSchema = z.object({
  configured: z.boolean(),
  device: z
    .object({
      name: z.string(),
      releaseTrack: z.string(),
      /** The reader chosen at setup; the others are ignored. */
      readerId: z.string().optional(),
    })
    .optional(),
  /** The activity taps are saved for now; absent when none is open. */
  event: kioskEventViewSchema.optional(),
  /** The reader the kiosk uses, as the pass holder should know it. */
  reader: kioskReaderViewSchema.optional(),
  online: z.boolean(),
  /** Seconds of quiet before the "are you still there?" countdown starts. */
  idleSeconds: z.number().int().min(5).max(600),
  /** Seconds the countdown gives to stay (WCAG 2.2.1: at least 20). */
  warningSeconds: z.number().int().min(20).max(120),
  /** Where the reader is, e.g. "rechts onder het scherm", as IT staff described it. */
  readerPosition: z.string().max(100).optional(),
});
export type KioskState = z.infer<typeof kioskStateSchema>;

export const kioskRewardSchema = z.object({
  id: z.string(),
  title: z.string(),
  points: z.number().int().nonnegative(),
});
export type KioskReward = z.infer<typeof kioskRewardSchema>;

export const kioskTapOutcomeSchema = z.enum([
  /** The API saved it: the new total is known. */
  'saved',
  /** Recorded and queued: the API could not be reached now. No numbers are shown. */
  'queued',
  'already-saved',
  'activity-over',
  'no-activity',
  'card-blocked',
  'unknown-card',
  'refused',
  'not-a-card',
]);
export type KioskTapOutcome = z.infer<typeof kioskTapOutcomeSchema>;

export const kioskTapSchema = z.object({
  /** Grows with each tap, so a screen can tell a new visitor from the previous one. */
  tapId: z.number().int(),
  outcome: kioskTapOutcomeSchema,
  newPoints: z.number().int().optional(),
  totalPoints: z.number().int().optional(),
  /** The API's end-user message (Dutch), shown under the kiosk's own text for refusals. */
  apiMessage: userTextSchema.optional(),
  /** Rewards of this kiosk's organizers, cheapest first; exchanging happens at the desk. */
  rewards: z.array(kioskRewardSchema),
});
export type KioskTap = z.infer<typeof kioskTapSchema>;

export const kioskSetupProblemSchema = z.enum([
  'invalid-code',
  'already-configured',
  'device-in-use',
  'unreachable',
  'rate-limited',
  'invalid-input',
  'failed',
]);

export const kioskDiagnosticsSchema = z.object({
  appVersion: z.string(),
  device: z.object({ name: z.string(), releaseTrack: z.string() }).optional(),
  readers: z.array(
    kioskReaderViewSchema.extend({
      chosen: z.boolean(),
      lastError: z.string().optional(),
      lastTapAt: z.string().optional(),
      tapCount: z.number().int(),
    }),
  ),
  api: z.object({
    reachable: z.boolean(),
    latencyMs: z.number().int().optional(),
    checkedAt: z.string(),
    problem: z.string().optional(),
  }),
  queue: z.object({ depth: z.number().int(), uncertain: z.number().int(), rejected: z.number().int() }),
  lastSyncAt: z.string().optional(),
  event: kioskEventViewSchema.omit({ checkinCode: true }).optional(),
  /** Recent log lines, without personal data. */
  log: z.array(z.string()),
});
export type KioskDiagnostics = z.infer<typeof kioskDiagnosticsSchema>;

const pin = z.string().regex(/^\d{4,8}$/);

export const KIOSK_COMMANDS = {
  'kiosk.state': { input: z.object({}).strict(), output: kioskStateSchema },
  'kiosk.readers': {
    input: z.object({}).strict(),
    output: z.object({ readers: z.array(kioskReaderViewSchema) }),
  },
  'kiosk.setup': {
    input: z
      .object({
        configurationCode: z.string().trim().min(1).max(128),
        name: z.string().trim().min(1).max(100),
        readerId: z.string().max(128).optional(),
        readerPosition: z.string().trim().max(100).optional(),
        pin,
      })
      .strict(),
    output: kioskStateSchema,
  },
  /** Opens the IT screen; wrong PINs are counted and slowed down. */
  'kiosk.unlock': {
    input: z.object({ pin: z.string().max(16) }).strict(),
    output: z.object({ session: z.string() }),
  },
  'kiosk.diagnostics': {
    input: z.object({ session: z.string().max(64) }).strict(),
    output: kioskDiagnosticsSchema,
  },
  /** While on, taps are reported as test taps and never saved. */
  'kiosk.test-mode': {
    input: z.object({ session: z.string().max(64), on: z.boolean() }).strict(),
    output: z.object({ on: z.boolean() }),
  },
  'kiosk.lock': { input: z.object({ session: z.string().max(64) }).strict(), output: z.object({}) },
  /** Forgets the device's setup (IT screen, after a confirmation); queued taps stay and are still sent. */
  'kiosk.reset-setup': {
    input: z.object({ session: z.string().max(64) }).strict(),
    output: kioskStateSchema,
  },
} as const satisfies Record<string, { input: z.ZodType; output: z.ZodType }>;

export const KIOSK_EVENTS = [
  z.object({ type: z.literal('kiosk-state'), state: kioskStateSchema }),
  z.object({ type: z.literal('kiosk-tap'), tap: kioskTapSchema }),
  z.object({
    type: z.literal('kiosk-test-tap'),
    /** Only the first and last two characters of the chip number. */
    chip: z.string(),
    readerId: z.string(),
    at: z.string(),
  }),
] as const;

export type KioskCommandName = keyof typeof KIOSK_COMMANDS;
export const kioskCommandNames = Object.keys(KIOSK_COMMANDS) as KioskCommandName[];
