// The renderer's side of the contract, independent of what carries the messages: it pairs responses with
// requests and validates everything that arrives before anyone sees it.
import type { CommandInput, CommandName } from './commands.ts';
import type { TerminalEvent } from './events.ts';
import {
  parseCommandOutput,
  serverMessageSchema,
  type ClientMessage,
  type CommandResult,
} from './messages.ts';
import type { TerminalProblem } from './views.ts';

export interface MessageTransport {
  /** Returns false when the message could not be handed over (not connected). */
  send(message: ClientMessage): boolean;
  onMessage(listener: (message: unknown) => void): () => void;
  /** Called when the link drops: requests in flight will never be answered. */
  onDisconnect(listener: () => void): () => void;
}

export interface ContractClient {
  invoke<N extends CommandName>(name: N, input: CommandInput<N>): Promise<CommandResult<N>>;
  onEvent(listener: (event: TerminalEvent) => void): () => void;
  close(): void;
}

const DISCONNECTED: TerminalProblem = {
  kind: 'terminal-unreachable',
  message: {
    nl: 'Geen verbinding met de kassa-achtergrond. Even geduld: we verbinden opnieuw.',
    fr: 'Pas de connexion avec le terminal. Un instant : reconnexion en cours.',
    en: 'No connection to the terminal. One moment: reconnecting.',
  },
};

const INVALID_RESPONSE: TerminalProblem = {
  kind: 'invalid-response',
  message: {
    nl: 'De kassa-achtergrond gaf een onverwacht antwoord. Probeer opnieuw.',
    fr: 'Le terminal a donné une réponse inattendue. Réessayez.',
    en: 'The terminal gave an unexpected answer. Try again.',
  },
};

export function createContractClient(transport: MessageTransport): ContractClient {
  let nextId = 1;
  const pending = new Map<
    number,
    { name: CommandName; resolve: (result: CommandResult<CommandName>) => void }
  >();
  const listeners = new Set<(event: TerminalEvent) => void>();

  const failAll = (problem: TerminalProblem) => {
    for (const [id, request] of pending) {
      pending.delete(id);
      request.resolve({ ok: false, problem });
    }
  };

  const offMessage = transport.onMessage((raw) => {
    const parsed = serverMessageSchema.safeParse(raw);
    if (!parsed.success) return;
    const message = parsed.data;
    if (message.kind === 'event') {
      for (const listener of listeners) listener(message.event);
      return;
    }
    if (message.kind !== 'response' || message.id === null) return;
    const request = pending.get(message.id);
    if (!request) return;
    pending.delete(message.id);
    if (!message.result.ok) {
      request.resolve({ ok: false, problem: message.result.problem });
      return;
    }
    const value = parseCommandOutput(request.name, message.result.value);
    request.resolve(value.ok ? { ok: true, value: value.value } : { ok: false, problem: INVALID_RESPONSE });
  });
  const offDisconnect = transport.onDisconnect(() => failAll(DISCONNECTED));

  return {
    invoke(name, input) {
      const id = nextId++;
      return new Promise((resolve) => {
        pending.set(id, { name, resolve: resolve as (result: CommandResult<CommandName>) => void });
        const sent = transport.send({
          kind: 'request',
          id,
          command: { name, input } as ClientMessage['command'],
        });
        if (!sent) {
          pending.delete(id);
          resolve({ ok: false, problem: DISCONNECTED });
        }
      });
    },
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close() {
      offMessage();
      offDisconnect();
      failAll(DISCONNECTED);
      listeners.clear();
    },
  };
}
