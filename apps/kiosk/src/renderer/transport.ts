// How the kiosk page reaches its terminal: the Electron preload's bridge when there is one, otherwise the
// browser-mode WebSocket of @uitpas/ui (token from the URL fragment, reconnecting by itself).
import { createContractClient, type ContractClient, type MessageTransport } from '@uitpas/domain';
import { browserModeSocketUrl, webSocketTransport } from '@uitpas/ui';

declare global {
  interface Window {
    uitpasTerminal?: MessageTransport;
  }
}

/** `onConnected` runs each time a link (re)opens (the terminal greets it): the page then asks for its state. */
export function connectTerminal(onConnected: () => void): ContractClient {
  const transport =
    window.uitpasTerminal ?? webSocketTransport(browserModeSocketUrl(window.location) ?? '', 500);
  transport.onMessage((message) => {
    if (typeof message === 'object' && message !== null && (message as { kind?: unknown }).kind === 'hello')
      onConnected();
  });
  return createContractClient(transport);
}
