// The kiosk's Electron main process: one full-screen, sandboxed window on `app://kiosk` in kiosk mode, the
// terminal in a utility process, the display kept awake, and self-healing: a crashed or hung page is
// reloaded, a terminal that died is restarted (TerminalLink). It stands unattended for months.
import { app, BrowserWindow, ipcMain, Menu, powerSaveBlocker, session, type WebContents } from 'electron';
import {
  appProtocol,
  CONNECT_CHANNEL,
  hardenSession,
  hardenWebContents,
  TerminalLink,
  WEB_PREFERENCES,
  type TerminalLinkOptions,
} from '@uitpas/terminal/electron';

export const KIOSK_HOST = 'kiosk';

export interface KioskOptions {
  rendererDir: string;
  preload: string;
  terminal: TerminalLinkOptions;
  /** Off for a developer's desktop; on for the kiosk itself. */
  kioskMode?: boolean;
  /** A page that stays unresponsive this long is reloaded. */
  unresponsiveReloadMs?: number;
  log?: (message: string) => void;
}

export interface Kiosk {
  window(): BrowserWindow | undefined;
  link: TerminalLink;
  powerSaveBlockerId: number;
}

export async function startKiosk(options: KioskOptions): Promise<Kiosk | undefined> {
  const log = options.log ?? ((m: string) => console.error(m));
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return undefined;
  }
  const protocol = appProtocol(KIOSK_HOST);
  protocol.register();
  Menu.setApplicationMenu(null);
  const link = new TerminalLink({ ...options.terminal, log });
  let win: BrowserWindow | undefined;

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
  // The display must never sleep: the attract screen is the kiosk's whole purpose.
  const powerSaveBlockerId = powerSaveBlocker.start('prevent-display-sleep');

  const kioskMode = options.kioskMode ?? true;
  const url = `${protocol.origin}/index.html`;
  win = new BrowserWindow({
    width: 1080,
    height: 1920,
    show: false,
    kiosk: kioskMode,
    fullscreen: kioskMode,
    autoHideMenuBar: true,
    title: 'UiTPAS zuil',
    backgroundColor: '#ffffff',
    webPreferences: { ...WEB_PREFERENCES, preload: options.preload },
  });
  const current = win;
  current.once('ready-to-show', () => current.show());
  current.on('closed', () => {
    win = undefined;
  });
  selfHeal(current.webContents, url, options.unresponsiveReloadMs ?? 10_000, log);
  await current.loadURL(url);
  return { window: () => win, link, powerSaveBlockerId };
}

/** Reloads the page after a renderer crash, or when it stays hung; the terminal keeps every recorded tap. */
export function selfHeal(
  contents: WebContents,
  url: string,
  unresponsiveReloadMs: number,
  log: (message: string) => void,
): void {
  let hangTimer: ReturnType<typeof setTimeout> | undefined;
  contents.on('render-process-gone', (_event, details) => {
    log(`kiosk page gone (${details.reason}); reloading`);
    if (!contents.isDestroyed()) void contents.loadURL(url);
  });
  contents.on('unresponsive', () => {
    log('kiosk page unresponsive');
    clearTimeout(hangTimer);
    hangTimer = setTimeout(() => {
      log('kiosk page still unresponsive; reloading');
      if (!contents.isDestroyed()) contents.forcefullyCrashRenderer();
      if (!contents.isDestroyed()) void contents.loadURL(url);
    }, unresponsiveReloadMs);
  });
  contents.on('responsive', () => clearTimeout(hangTimer));
}
