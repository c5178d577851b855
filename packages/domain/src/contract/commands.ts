// The commands a renderer may send the terminal, each with the schema of its successful value.
// One table drives both the runtime validation at every host edge and the client's types.
import { z } from 'zod';
import {
  activitySchema,
  apiEnvironmentSchema,
  checkinReceiptSchema,
  identificationSchema,
  identificationSourceSchema,
  tariffOfferSchema,
  userTextSchema,
  ticketSaleReceiptSchema,
  languageSchema,
  readerHealthSchema,
  stationConfigSchema,
  syncStatusSchema,
} from './views.ts';
import { KIOSK_COMMANDS } from './kiosk.ts';
import { DESK_COMMANDS } from './desk.ts';
import { PASSHOLDER_COMMANDS } from './passholders.ts';
import { SESSION_COMMANDS } from './session.ts';
import { REWARD_COMMANDS } from './rewards.ts';

/** Typed or scanned text is bounded: no scanner or typist produces more. */
const inputText = z.string().max(256);

export const COMMANDS = {
  'station.get': {
    input: z.object({}).strict(),
    output: stationConfigSchema,
  },
  'station.configure': {
    input: z
      .object({
        environment: apiEnvironmentSchema.optional(),
        organizerId: z.string().min(1).max(128).optional(),
        language: languageSchema.optional(),
        trainingMode: z.boolean().optional(),
      })
      .strict(),
    output: stationConfigSchema,
  },
  identify: {
    input: z
      .object({
        source: identificationSourceSchema,
        value: inputText,
      })
      .strict(),
    output: identificationSchema,
  },
  /** Forget the current pass holder (the "next customer" key). */
  'identification.clear': {
    input: z.object({}).strict(),
    output: z.object({ identificationId: z.number().int() }),
  },
  /** A simulated card tap on a simulated reader; refused unless the station runs the simulator. */
  'simulator.tap': {
    input: z
      .object({
        value: inputText,
        readerId: z.string().max(64).optional(),
      })
      .strict(),
    output: z.object({ accepted: z.literal(true) }),
  },
  'activities.list': {
    input: z
      .object({
        range: z.enum(['today', '7d', '30d']),
        text: z.string().max(100).optional(),
      })
      .strict(),
    output: z.object({ activities: z.array(activitySchema), fetchedAt: z.string() }),
  },
  checkin: {
    input: z
      .object({
        /** The identification the screen showed: a newer one makes this check-in stale and refused. */
        identificationId: z.number().int(),
        eventId: z.string().min(1).max(128),
      })
      .strict(),
    output: checkinReceiptSchema,
  },
  /** Kansentarief: the tariffs per price class of an activity for the identified pass holder. */
  'tariffs.get': {
    input: z.object({ identificationId: z.number().int(), eventId: z.string().min(1).max(128) }).strict(),
    output: z.object({ eventId: z.string(), offers: z.array(tariffOfferSchema) }),
  },
  /** Registers one batch of tickets at tariffs the terminal offered (prices are taken from that offer). */
  'ticket-sale.register': {
    input: z
      .object({
        identificationId: z.number().int(),
        eventId: z.string().min(1).max(128),
        lines: z
          .array(
            z
              .object({
                regularPriceCents: z.number().int().nonnegative(),
                tariffId: z.string().min(1).max(128),
                count: z.number().int().min(1).max(50),
              })
              .strict(),
          )
          .min(1)
          .max(20),
      })
      .strict(),
    output: ticketSaleReceiptSchema,
  },
  /** Undoes a check-in or ticket-sale batch recorded for the pass holder still at the desk. */
  undo: {
    input: z.object({ identificationId: z.number().int(), actionId: z.string().min(1).max(64) }).strict(),
    output: z.object({
      actionId: z.string(),
      state: z.enum(['confirmed', 'queued']),
      message: userTextSchema,
    }),
  },
  'status.get': {
    input: z.object({}).strict(),
    output: z.object({ sync: syncStatusSchema, readers: z.array(readerHealthSchema) }),
  },
  ...KIOSK_COMMANDS,
  ...DESK_COMMANDS,
  ...PASSHOLDER_COMMANDS,
  ...SESSION_COMMANDS,
  ...REWARD_COMMANDS,
} as const satisfies Record<string, { input: z.ZodType; output: z.ZodType }>;

export type CommandName = keyof typeof COMMANDS;
export const commandNames = Object.keys(COMMANDS) as CommandName[];
export type CommandInput<N extends CommandName> = z.infer<(typeof COMMANDS)[N]['input']>;
export type CommandOutput<N extends CommandName> = z.infer<(typeof COMMANDS)[N]['output']>;

/** A command as it travels: its name with its input. */
export type Command = { [N in CommandName]: { name: N; input: CommandInput<N> } }[CommandName];

export const commandSchema: z.ZodType<Command> = z
  .object({ name: z.enum(commandNames as [CommandName, ...CommandName[]]), input: z.unknown() })
  .transform((command, ctx) => {
    const input = COMMANDS[command.name].input.safeParse(command.input);
    if (!input.success) {
      for (const issue of input.error.issues)
        ctx.addIssue({ code: 'custom', message: issue.message, path: ['input', ...issue.path] });
      return z.NEVER;
    }
    return { name: command.name, input: input.data } as Command;
  });
