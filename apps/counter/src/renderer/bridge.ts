// Picks the link to the terminal: the preload's bridge in Electron, a WebSocket in browser mode.
import type { MessageTransport } from '@uitpas/domain';
import { browserModeSocketUrl, webSocketTransport } from '@uitpas/ui';
import { BRIDGE_KEY } from '../shared/bridge.ts';

export function terminalTransport(): MessageTransport | undefined {
  const bridge = (window as unknown as Record<string, MessageTransport | undefined>)[BRIDGE_KEY];
  if (bridge) return bridge;
  const url = browserModeSocketUrl(window.location);
  return url === undefined ? undefined : webSocketTransport(url);
}
