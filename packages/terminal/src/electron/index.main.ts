// Electron main helpers shared by the apps: the app:// scheme, the hardening, the terminal link.
export { appProtocol, APP_SCHEME, RENDERER_CSP, type AppProtocol } from './app-protocol.main.ts';
export { hardenSession, hardenWebContents, WEB_PREFERENCES } from './security.main.ts';
export { TerminalLink, type TerminalLinkOptions } from './terminal-link.main.ts';
export { BRIDGE_KEY, CONNECT_CHANNEL, PORT_CHANNEL } from './channels.ts';
