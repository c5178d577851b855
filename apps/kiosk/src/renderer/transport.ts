// How the kiosk page reaches its terminal: the Electron preload's bridge when there is one, otherwise the
// browser-mode WebSocket on the same origin with the session token from the URL fragment. A dropped socket
// reconnects by itself; requests in flight are answered as "terminal unreachable" by the contract client.
import {
  createContractClient,
  type ClientMessage,
  type ContractClient,
  type MessageTransport,
} from '@uitpas/domain';

declare global {
  interface Window {
    uitpasTerminal?: MessageTransport;
  }
}

export function socketTransport(onOpen: () => void): MessageTransport {
  const token = new URLSearchParams(window.location.hash.slice(1)).get('token') ?? '';
  const url = `${window.location.protocol === 'https:' ? 'wss' : 'ws'}://${window.location.host}/terminal?token=${encodeURIComponent(token)}`;
  const messageListeners = new Set<(message: unknown) => void>();
  const disconnectListeners = new Set<() => void>();
  let socket: WebSocket | undefined;
  let delay = 250;

  const open = () => {
    const ws = new WebSocket(url);
    socket = ws;
    ws.onopen = () => {
      delay = 250;
      onOpen();
    };
    ws.onmessage = (message) => {
      let data: unknown;
      try {
        data = JSON.parse(String(message.data)) as unknown;
      } catch {
        return;
      }
      for (const listener of messageListeners) listener(data);
    };
    ws.onclose = () => {
      if (socket !== ws) return;
      socket = undefined;
      for (const listener of disconnectListeners) listener();
      setTimeout(open, delay);
      delay = Math.min(delay * 2, 5000);
    };
  };
  open();

  return {
    send(message: ClientMessage) {
      if (socket?.readyState !== WebSocket.OPEN) return false;
      socket.send(JSON.stringify(message));
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
}

/** `onConnected` runs each time a link (re)opens: the page then asks for the current state again. */
export function connectTerminal(onConnected: () => void): ContractClient {
  const bridge = window.uitpasTerminal;
  if (bridge !== undefined) {
    const client = createContractClient(bridge);
    // The preload delivers a new port after a terminal restart; hello marks each new link.
    bridge.onMessage((message) => {
      if (typeof message === 'object' && message !== null && (message as { kind?: unknown }).kind === 'hello')
        onConnected();
    });
    return client;
  }
  return createContractClient(socketTransport(onConnected));
}
