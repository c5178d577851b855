// The kiosk's Electron main in Node, with `electron` replaced at that boundary only (Electron cannot run
// here): window options, kiosk mode, display kept awake, self-healing reloads, terminal restarts, and the
// hardening of the page. The shared main helpers come from @uitpas/terminal/electron, unmocked.
import { EventEmitter } from 'node:events';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';

class FakeContents extends EventEmitter {
  loads: string[] = [];
  crashed = 0;
  posted: unknown[] = [];
  windowOpenHandler: ((details: { url: string }) => { action: string }) | undefined;
  isDestroyed = () => false;
  loadURL(url: string) {
    this.loads.push(url);
    return Promise.resolve();
  }
  forcefullyCrashRenderer() {
    this.crashed++;
  }
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }) {
    this.windowOpenHandler = handler;
  }
  postMessage(channel: string, _message: unknown, ports: unknown[]) {
    this.posted.push({ channel, ports: ports.length });
  }
}

const state = vi.hoisted(() => ({
  windows: [] as { options: Record<string, unknown>; webContents: unknown }[],
  forks: [] as { entry: string; proc: unknown }[],
  powerSave: [] as string[],
  ipc: new Map<string, (event: unknown) => void>(),
  appEvents: new Map<string, (...args: unknown[]) => void>(),
  permission: undefined as undefined | ((c: unknown, p: string, cb: (ok: boolean) => void) => void),
  protocolHandler: undefined as undefined | ((request: { url: string }) => Promise<Response>),
}));

vi.mock('electron', () => {
  class BrowserWindow extends EventEmitter {
    webContents = new FakeContents();
    constructor(readonly options: Record<string, unknown>) {
      super();
      state.windows.push({ options, webContents: this.webContents });
      (state.appEvents.get('web-contents-created') ?? (() => {}))({}, this.webContents);
    }
    loadURL(url: string) {
      return this.webContents.loadURL(url);
    }
    show() {}
  }
  class FakeUtility extends EventEmitter {
    killed = false;
    messages: unknown[] = [];
    postMessage(message: unknown) {
      this.messages.push(message);
    }
    kill() {
      this.killed = true;
      this.emit('exit', 0);
    }
  }
  return {
    app: {
      requestSingleInstanceLock: () => true,
      quit: () => {},
      on: (name: string, listener: (...args: unknown[]) => void) => state.appEvents.set(name, listener),
      whenReady: () => Promise.resolve(),
    },
    BrowserWindow,
    Menu: { setApplicationMenu: () => {} },
    ipcMain: {
      on: (channel: string, listener: (event: unknown) => void) => state.ipc.set(channel, listener),
    },
    powerSaveBlocker: { start: (type: string) => state.powerSave.push(type) },
    protocol: {
      registerSchemesAsPrivileged: () => {},
      handle: (_scheme: string, handler: (request: { url: string }) => Promise<Response>) => {
        state.protocolHandler = handler;
      },
    },
    session: {
      defaultSession: {
        setPermissionRequestHandler: (h: typeof state.permission) => {
          state.permission = h;
        },
        setPermissionCheckHandler: () => {},
        setDevicePermissionHandler: () => {},
        webRequest: { onBeforeRequest: () => {} },
      },
    },
    utilityProcess: {
      fork: (entry: string) => {
        const proc = new FakeUtility();
        state.forks.push({ entry, proc });
        queueMicrotask(() => proc.emit('spawn'));
        return proc;
      },
    },
    MessageChannelMain: class {
      port1 = {};
      port2 = {};
    },
  };
});

const { startKiosk } = await import('../src/main/kiosk.main.ts');

let rendererDir: string;
let kiosk: Awaited<ReturnType<typeof startKiosk>>;
const logs: string[] = [];

beforeAll(async () => {
  rendererDir = mkdtempSync(join(tmpdir(), 'uitpas-kiosk-renderer-'));
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>zuil</title>');
  kiosk = await startKiosk({
    rendererDir,
    preload: '/app/preload.cjs',
    terminal: { entry: '/app/terminal.js', restartDelayMs: 10 },
    unresponsiveReloadMs: 50,
    log: (m) => logs.push(m),
  });
});

afterEach(() => vi.useRealTimers());

const contents = () => state.windows[0]?.webContents as FakeContents;

describe('the kiosk window', () => {
  it('is one sandboxed, isolated window in kiosk mode on app://kiosk, with the display kept awake', () => {
    expect(state.windows).toHaveLength(1);
    expect(state.windows[0]?.options).toMatchObject({
      kiosk: true,
      fullscreen: true,
      webPreferences: {
        sandbox: true,
        contextIsolation: true,
        nodeIntegration: false,
        webviewTag: false,
        preload: '/app/preload.cjs',
      },
    });
    expect(contents().loads).toEqual(['app://kiosk/index.html']);
    expect(state.powerSave).toEqual(['prevent-display-sleep']);
  });

  it('reloads the page when its renderer process is gone', () => {
    contents().emit('render-process-gone', {}, { reason: 'crashed' });
    expect(contents().loads.at(-1)).toBe('app://kiosk/index.html');
    expect(contents().loads).toHaveLength(2);
  });

  it('reloads a page that stays unresponsive, but not one that recovers', async () => {
    contents().emit('unresponsive');
    contents().emit('responsive');
    await new Promise((r) => setTimeout(r, 120));
    expect(contents().crashed).toBe(0);
    const before = contents().loads.length;
    contents().emit('unresponsive');
    await new Promise((r) => setTimeout(r, 120));
    expect(contents().crashed).toBe(1);
    expect(contents().loads.length).toBe(before + 1);
  });

  it('restarts the terminal when its process dies and hands the window a new port', async () => {
    // The page asks for its link, as the preload does.
    state.ipc.get('terminal:connect')?.({
      sender: contents(),
      senderFrame: { url: 'app://kiosk/index.html' },
    });
    const postedBefore = contents().posted.length;
    expect(state.forks).toHaveLength(1);
    (state.forks[0]?.proc as EventEmitter).emit('exit', 1);
    await vi.waitFor(() => expect(state.forks).toHaveLength(2));
    expect(contents().posted.length).toBe(postedBefore + 1);
    expect(logs.some((l) => l.includes('restarting'))).toBe(true);
  });

  it('gives no link to a page from anywhere else, and denies navigation, windows and permissions', async () => {
    const posted = contents().posted.length;
    state.ipc.get('terminal:connect')?.({
      sender: contents(),
      senderFrame: { url: 'https://evil.example/' },
    });
    expect(contents().posted.length).toBe(posted);
    let prevented = false;
    contents().emit('will-navigate', { preventDefault: () => (prevented = true) }, 'https://evil.example/');
    expect(prevented).toBe(true);
    expect(contents().windowOpenHandler?.({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
    const answer = await new Promise<boolean>((resolve) => state.permission?.({}, 'media', resolve));
    expect(answer).toBe(false);
  });

  it('serves the page with the strict CSP and nothing outside the renderer folder', async () => {
    const page = await state.protocolHandler?.({ url: 'app://kiosk/index.html' });
    expect(page?.status).toBe(200);
    expect(page?.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect((await state.protocolHandler?.({ url: 'app://kiosk/../../etc/passwd' }))?.status).toBe(404);
    expect((await state.protocolHandler?.({ url: 'app://kiosk.evil/index.html' }))?.status).toBe(404);
    expect(kiosk?.powerSaveBlockerId).toBe(1);
  });
});
