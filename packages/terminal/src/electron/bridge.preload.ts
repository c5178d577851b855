// The narrow bridge: the page gets one object that sends contract messages to the terminal and hands back
// what the terminal says. No ipcRenderer, no Electron event objects, no MessagePort reach the page.
import { contextBridge, ipcRenderer } from 'electron';
import type { ClientMessage, MessageTransport } from '@uitpas/domain';
import { BRIDGE_KEY, CONNECT_CHANNEL, PORT_CHANNEL } from './channels.ts';

/** The renderer-side MessagePort, typed here because this package builds without the DOM library. */
interface PagePort {
  postMessage(message: unknown): void;
  close(): void;
  start(): void;
  onmessage: ((message: { data: unknown }) => void) | null;
}

export function installBridge(): void {
  let port: PagePort | undefined;
  const messageListeners = new Set<(message: unknown) => void>();
  const disconnectListeners = new Set<() => void>();

  ipcRenderer.on(PORT_CHANNEL, (event) => {
    const next = event.ports[0] as unknown as PagePort | undefined;
    if (next === undefined) return;
    // A new port means the terminal was restarted: requests on the old one will never be answered.
    if (port !== undefined) {
      port.close();
      for (const listener of disconnectListeners) listener();
    }
    port = next;
    port.onmessage = (message) => {
      for (const listener of messageListeners) listener(message.data);
    };
    port.start();
  });

  const bridge: MessageTransport = {
    send(message: ClientMessage) {
      if (port === undefined) return false;
      port.postMessage(message);
      return true;
    },
    onMessage(listener) {
      messageListeners.add(listener);
      return () => messageListeners.delete(listener);
    },
    onDisconnect(listener) {
      disconnectListeners.add(listener);
      return () => disconnectListeners.delete(listener);
    },
  };
  contextBridge.exposeInMainWorld(BRIDGE_KEY, bridge);
  ipcRenderer.send(CONNECT_CHANNEL);
}
