// Electron host, terminal side: the terminal runs in a `utilityProcess`; main hands it one MessagePort per
// window (`{ type: 'connect' }` with the port attached) and never sees the traffic itself.
import { serveConnection } from '../serve.ts';
import type { Terminal } from '../terminal.ts';

/** The part of Electron's `MessagePortMain` the terminal uses. */
export interface PortMain {
  on(event: 'message', listener: (event: { data: unknown }) => void): unknown;
  on(event: 'close', listener: () => void): unknown;
  postMessage(message: unknown): void;
  start(): void;
  close(): void;
}

/** The part of Electron's `process.parentPort` (a utility process's link to main) the terminal uses. */
export interface ParentPort {
  on(event: 'message', listener: (event: { data: unknown; ports: PortMain[] }) => void): unknown;
}

export const CONNECT_MESSAGE = 'connect';

export function serveParentPort(terminal: Terminal, parentPort: ParentPort): void {
  parentPort.on('message', (event) => {
    const message = event.data as { type?: unknown } | null;
    const port = event.ports[0];
    if (message?.type !== CONNECT_MESSAGE || port === undefined) return;
    serveConnection(terminal, {
      send: (data) => port.postMessage(data),
      onMessage: (listener) => port.on('message', (e) => listener(e.data)),
      onClose: (listener) => port.on('close', listener),
    });
    port.start();
  });
}
