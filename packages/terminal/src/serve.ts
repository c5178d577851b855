// One connection to one screen, whatever carries it (WebSocket or MessagePort). Incoming messages are
// validated here, at the edge; the terminal behind it trusts what it receives.
import { PROTOCOL_VERSION, requestMessageSchema, type ServerMessage } from '@uitpas/domain';
import type { Terminal } from './terminal.ts';
import { TEXTS, problem } from './texts.ts';

export interface Connection {
  send(message: ServerMessage): void;
  onMessage(listener: (data: unknown) => void): void;
  onClose(listener: () => void): void;
}

export function serveConnection(terminal: Terminal, connection: Connection): () => void {
  const unsubscribe = terminal.subscribe((event) => connection.send({ kind: 'event', event }));
  connection.send({ kind: 'hello', protocol: PROTOCOL_VERSION });
  connection.onMessage((data) => {
    const parsed = requestMessageSchema.safeParse(data);
    if (!parsed.success) {
      const id =
        isRecord(data) && Number.isSafeInteger(data.id) && (data.id as number) >= 0
          ? (data.id as number)
          : null;
      connection.send({
        kind: 'response',
        id,
        result: { ok: false, problem: problem('invalid-message', TEXTS.invalidMessage) },
      });
      return;
    }
    const { id, command } = parsed.data;
    void terminal.handle(command).then((result) => connection.send({ kind: 'response', id, result }));
  });
  connection.onClose(unsubscribe);
  return unsubscribe;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}
