// Browser mode's link to the terminal: a WebSocket to 127.0.0.1 carrying the per-session token, which
// reconnects by itself. In Electron the preload's bridge takes its place (same MessageTransport shape).
import type { ClientMessage, MessageTransport } from '@uitpas/domain';

export function webSocketTransport(url: string, retryMs = 1000): MessageTransport & { close(): void } {
  const messageListeners = new Set<(message: unknown) => void>();
  const disconnectListeners = new Set<() => void>();
  let socket: WebSocket | undefined;
  let closed = false;

  const open = () => {
    const ws = new WebSocket(url);
    socket = ws;
    ws.onmessage = (event) => {
      if (typeof event.data !== 'string') return;
      let data: unknown;
      try {
        data = JSON.parse(event.data);
      } catch {
        return;
      }
      for (const listener of messageListeners) listener(data);
    };
    ws.onclose = () => {
      for (const listener of disconnectListeners) listener();
      if (!closed) setTimeout(open, retryMs);
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
    close() {
      closed = true;
      socket?.close();
    },
  };
}

/** Browser mode: the page URL carries the token in its fragment (`#token=…`). */
export function browserModeSocketUrl(location: Pick<Location, 'host' | 'hash'>): string | undefined {
  const token = new URLSearchParams(location.hash.replace(/^#/, '')).get('token');
  if (!token) return undefined;
  return `ws://${location.host}/terminal?token=${encodeURIComponent(token)}`;
}
