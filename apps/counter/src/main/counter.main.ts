// The counter's Electron main process: one sandboxed window on `app://counter`, the terminal in a utility
// process, nothing else. Main owns windows only.
import { app, BrowserWindow, ipcMain, Menu, session } from 'electron';
import {
  appProtocol,
  CONNECT_CHANNEL,
  hardenSession,
  hardenWebContents,
  TerminalLink,
  WEB_PREFERENCES,
  type TerminalLinkOptions,
} from '@uitpas/terminal/electron';

export const COUNTER_HOST = 'counter';

export interface CounterOptions {
  rendererDir: string;
  preload: string;
  terminal: TerminalLinkOptions;
}

export interface Counter {
  window(): BrowserWindow | undefined;
  link: TerminalLink;
}

/** Returns undefined when another counter already runs on this machine (it gets focus instead). */
export async function startCounter(options: CounterOptions): Promise<Counter | undefined> {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return undefined;
  }
  const protocol = appProtocol(COUNTER_HOST);
  protocol.register();
  Menu.setApplicationMenu(null);
  let win: BrowserWindow | undefined;
  const link = new TerminalLink(options.terminal);

  app.on('second-instance', () => {
    if (!win) return;
    if (win.isMinimized()) win.restore();
    win.focus();
  });
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, protocol.isAppUrl));
  app.on('window-all-closed', () => {
    link.stop();
    app.quit();
  });

  ipcMain.on(CONNECT_CHANNEL, (event) => {
    // Only our own page may ask for a terminal link (checklist #17: validate the sender).
    if (!protocol.isAppUrl(event.senderFrame?.url)) return;
    link.connect(event.sender);
  });

  await app.whenReady();
  hardenSession(session.defaultSession, protocol.isAppUrl);
  protocol.serve(options.rendererDir);
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
  await win.loadURL(`${protocol.origin}/index.html`);
  return { window: () => win, link };
}
