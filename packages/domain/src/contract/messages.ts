// The wire format shared by both hosts (WebSocket and MessagePort): requests carry an id the response
// repeats; events have none. Every message is validated on arrival, on both sides.
import { z } from 'zod';
import { COMMANDS, commandSchema, type CommandName, type CommandOutput } from './commands.ts';
import { terminalEventSchema } from './events.ts';
import { terminalProblemSchema, type TerminalProblem } from './views.ts';

export const PROTOCOL_VERSION = 1;

export const requestMessageSchema = z.object({
  kind: z.literal('request'),
  id: z.number().int().nonnegative(),
  command: commandSchema,
});
export type RequestMessage = z.infer<typeof requestMessageSchema>;

export const resultSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), value: z.unknown() }),
  z.object({ ok: z.literal(false), problem: terminalProblemSchema }),
]);

/** What every command resolves to: a value, or a problem as a value. Never a thrown error. */
export type ContractResult<T> = { ok: true; value: T } | { ok: false; problem: TerminalProblem };
export type CommandResult<N extends CommandName> = ContractResult<CommandOutput<N>>;

export const responseMessageSchema = z.object({
  kind: z.literal('response'),
  /** `null` when the request was too malformed to carry an id. */
  id: z.number().int().nonnegative().nullable(),
  result: resultSchema,
});

export const eventMessageSchema = z.object({
  kind: z.literal('event'),
  event: terminalEventSchema,
});

export const helloMessageSchema = z.object({
  kind: z.literal('hello'),
  protocol: z.number().int(),
});

export const serverMessageSchema = z.discriminatedUnion('kind', [
  responseMessageSchema,
  eventMessageSchema,
  helloMessageSchema,
]);
export type ServerMessage = z.infer<typeof serverMessageSchema>;
export type ClientMessage = RequestMessage;

/** Validates a command's value on the client side, so a renderer trusts only what matches the contract. */
export function parseCommandOutput<N extends CommandName>(
  name: N,
  value: unknown,
): { ok: true; value: CommandOutput<N> } | { ok: false } {
  const parsed = COMMANDS[name].output.safeParse(value);
  return parsed.success ? { ok: true, value: parsed.data as CommandOutput<N> } : { ok: false };
}
