// Events the terminal pushes to every connected renderer, unasked.
import { z } from 'zod';
import { identificationSchema, readerHealthSchema, stationConfigSchema, syncStatusSchema } from './views.ts';
import { KIOSK_EVENTS } from './kiosk.ts';
import { SESSION_EVENTS } from './session.ts';
import { REWARD_EVENTS } from './rewards.ts';

export const terminalEventSchema = z.discriminatedUnion('type', [
  /** A new identification (from any source) replaces the previous pass holder everywhere. */
  z.object({ type: z.literal('identified'), identification: identificationSchema }),
  z.object({
    type: z.literal('identification-cleared'),
    identificationId: z.number().int(),
    /** Nothing is being looked up after this clear (next customer, station locked or signed out). */
    settled: z.boolean().optional(),
  }),
  z.object({ type: z.literal('sync-status'), sync: syncStatusSchema }),
  z.object({ type: z.literal('readers'), readers: z.array(readerHealthSchema) }),
  z.object({ type: z.literal('station'), station: stationConfigSchema }),
  ...KIOSK_EVENTS,
  ...SESSION_EVENTS,
  ...REWARD_EVENTS,
]);
export type TerminalEvent = z.infer<typeof terminalEventSchema>;
