// The counter's Electron main process: one sandboxed window on `app://counter`, the terminal in a utility
// process, nothing else. Main owns windows only.
import { app, BrowserWindow, ipcMain, Menu, session } from 'electron';
import { APP_ORIGIN, CONNECT_CHANNEL } from '../shared/bridge.ts';
import { isAppUrl, registerAppScheme, serveAppProtocol } from './app-protocol.main.ts';
import { hardenSession, hardenWebContents } from './security.main.ts';
import { TerminalLink, type TerminalLinkOptions } from './terminal-link.main.ts';

export interface CounterOptions {
  rendererDir: string;
  preload: string;
  terminal: TerminalLinkOptions;
}

export interface Counter {
  window(): BrowserWindow | undefined;
  link: TerminalLink;
}

export const WEB_PREFERENCES = {
  sandbox: true,
  contextIsolation: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  webviewTag: false,
  navigateOnDragDrop: false,
  spellcheck: false,
} as const;

/** Returns undefined when another counter already runs on this machine (it gets focus instead). */
export async function startCounter(options: CounterOptions): Promise<Counter | undefined> {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return undefined;
  }
  registerAppScheme();
  Menu.setApplicationMenu(null);
  let win: BrowserWindow | undefined;
  const link = new TerminalLink(options.terminal);

  app.on('second-instance', () => {
    if (!win) return;
    if (win.isMinimized()) win.restore();
    win.focus();
  });
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents));
  app.on('window-all-closed', () => {
    link.stop();
    app.quit();
  });

  ipcMain.on(CONNECT_CHANNEL, (event) => {
    // Only our own page may ask for a terminal link (checklist #17: validate the sender).
    if (!isAppUrl(event.senderFrame?.url)) return;
    link.connect(event.sender);
  });

  await app.whenReady();
  hardenSession(session.defaultSession);
  serveAppProtocol(options.rendererDir);
  link.start();

  win = new BrowserWindow({
    width: 1280,
    height: 800,
    minWidth: 960,
    minHeight: 600,
    show: false,
    title: 'UiTPAS balie',
    backgroundColor: '#ffffff',
    webPreferences: { ...WEB_PREFERENCES, preload: options.preload },
  });
  win.once('ready-to-show', () => win?.show());
  win.on('closed', () => {
    win = undefined;
  });
  await win.loadURL(`${APP_ORIGIN}/index.html`);
  return { window: () => win, link };
}
