// Picks the link to the terminal: the preload's bridge in Electron, a WebSocket in browser mode.
import type { MessageTransport } from '@uitpas/domain';
import { browserModeSocketUrl, webSocketTransport } from '@uitpas/ui';

// Set by the shared preload (@uitpas/terminal/electron-preload), which the renderer may not import.
declare global {
  interface Window {
    uitpasTerminal?: MessageTransport;
  }
}

export function terminalTransport(): MessageTransport | undefined {
  const bridge = window.uitpasTerminal;
  if (bridge) return bridge;
  const url = browserModeSocketUrl(window.location);
  return url === undefined ? undefined : webSocketTransport(url);
}
