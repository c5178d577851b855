// The Electron host: main's handshake, the preload bridge and the terminal in its utility process, with
// `electron` mocked at that boundary only (Node's MessageChannel and a forked child process stand in).
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createContractClient, type ClientMessage, type MessageTransport } from '@uitpas/domain';
import { defineContractSuite } from '@uitpas/terminal/testing';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { BRIDGE_KEY, CONNECT_CHANNEL, WEB_PREFERENCES } from '@uitpas/terminal/electron';

vi.mock('electron', async () => (await import('./support/fake-electron.ts')).electron);
const fake = await import('./support/fake-electron.ts');
const { startCounter } = await import('../src/main/counter.main.ts');

const TERMINAL_ENTRY = fileURLToPath(new URL('../src/terminal/terminal-process.node.ts', import.meta.url));
let rendererDir: string;
let counter: Awaited<ReturnType<typeof startCounter>>;
let bridge: MessageTransport;
const received: unknown[] = [];

beforeAll(async () => {
  rendererDir = await mkdtemp(join(tmpdir(), 'counter-renderer-'));
  await writeFile(join(rendererDir, 'index.html'), '<!doctype html><title>balie</title>');
  counter = await startCounter({
    rendererDir,
    preload: '/unused/bridge.preload.cjs',
    terminal: {
      entry: TERMINAL_ENTRY,
      execArgv: ['--import', 'tsx'],
      env: { ...process.env, UITPAS_SIMULATOR: '1' } as Record<string, string>,
      restartDelayMs: 50,
    },
  });
  // The preload runs in the window that was just created.
  await import('../src/preload/bridge.preload.ts');
  bridge = fake.exposed.get(BRIDGE_KEY) as MessageTransport;
  bridge.onMessage((message) => received.push(message));
  await vi.waitFor(() => expect(received.some((m) => (m as { kind: string }).kind === 'hello')).toBe(true), {
    timeout: 20_000,
  });
});

afterAll(() => {
  counter?.link.stop();
});

defineContractSuite('the Electron host (utility process, MessagePort, preload)', async () => {
  const client = createContractClient(bridge);
  return {
    client,
    received,
    sendRaw: (data) => bridge.send(data as ClientMessage),
    close: async () => client.close(),
  };
});

describe('the Electron main process', () => {
  it('opens one window, sandboxed and isolated, with no Node in the renderer', () => {
    expect(fake.windows).toHaveLength(1);
    const prefs = fake.windows[0]?.options.webPreferences as Record<string, unknown>;
    expect(prefs).toMatchObject({
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      webviewTag: false,
    });
    expect(WEB_PREFERENCES.nodeIntegrationInSubFrames).toBe(false);
    expect(fake.windows[0]?.webContents.url).toBe('app://counter/index.html');
  });

  it('exposes exactly one object to the page, and no ipcRenderer', () => {
    expect([...fake.exposed.keys()]).toEqual([BRIDGE_KEY]);
    expect(Object.keys(bridge).sort()).toEqual(['onDisconnect', 'onMessage', 'send']);
  });

  it('serves pages from app://counter with a strict CSP and nothing outside the renderer folder', async () => {
    expect(fake.privilegedSchemes).toEqual([
      { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: false } },
    ]);
    const handler = fake.protocolHandlers.get('app');
    if (!handler) throw new Error('no app: handler');
    const page = await handler({ url: 'app://counter/index.html' });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(page.headers.get('content-security-policy')).toContain("connect-src 'none'");
    for (const url of [
      'app://counter/../../../etc/passwd',
      'app://counter/%2e%2e/%2e%2e/etc/passwd',
      'app://evil/index.html',
      'app://x@counter/index.html',
    ]) {
      expect((await handler({ url })).status, url).toBe(404);
    }
  });

  it('denies navigation away, new windows, webviews and every permission', () => {
    const contents = fake.windows[0]!.webContents;
    const navigate = { preventDefault: vi.fn() };
    contents.emit('will-navigate', navigate, 'https://evil.example/');
    expect(navigate.preventDefault).toHaveBeenCalled();
    const inApp = { preventDefault: vi.fn() };
    contents.emit('will-navigate', inApp, 'app://counter/index.html');
    expect(inApp.preventDefault).not.toHaveBeenCalled();
    const lookalike = { preventDefault: vi.fn() };
    contents.emit('will-navigate', lookalike, 'app://counter.evil.example/');
    expect(lookalike.preventDefault).toHaveBeenCalled();
    const webview = { preventDefault: vi.fn() };
    contents.emit('will-attach-webview', webview);
    expect(webview.preventDefault).toHaveBeenCalled();
    expect(contents.windowOpenHandler?.({ url: 'https://example.org' })).toEqual({ action: 'deny' });

    const granted = vi.fn();
    fake.permissionHandlers.request?.(contents, 'media', granted);
    expect(granted).toHaveBeenCalledWith(false);
    expect(fake.permissionHandlers.check?.()).toBe(false);
    expect(fake.permissionHandlers.device?.()).toBe(false);
    const cancel = vi.fn();
    fake.permissionHandlers.beforeRequest?.({ url: 'https://api.uitpas.be/passes' }, cancel);
    expect(cancel).toHaveBeenCalledWith({ cancel: true });
  });

  it('gives a terminal link only to its own page', async () => {
    const forked = fake.utilityProcesses.length;
    const before = received.length;
    const stranger = new fake.FakeWebContents();
    const sent = vi.spyOn(stranger, 'postMessage');
    fake.electron.ipcMain.emit(CONNECT_CHANNEL, {
      sender: stranger,
      senderFrame: { url: 'https://evil.example/' },
    });
    expect(sent).not.toHaveBeenCalled();
    expect(fake.utilityProcesses.length).toBe(forked);
    expect(received.length).toBe(before);
  });

  it('restarts a crashed terminal and reconnects the window, which keeps running', async () => {
    const disconnected = vi.fn();
    bridge.onDisconnect(disconnected);
    const first = fake.utilityProcesses.at(-1)!;
    const hellos = () => received.filter((m) => (m as { kind: string }).kind === 'hello').length;
    const before = hellos();
    first.child.kill('SIGKILL');
    await expect.poll(() => hellos(), { timeout: 20_000 }).toBe(before + 1);
    expect(fake.utilityProcesses.length).toBeGreaterThan(1);
    expect(disconnected).toHaveBeenCalled();
    const client = createContractClient(bridge);
    expect(await client.invoke('station.get', {})).toMatchObject({ ok: true });
    client.close();
  });

  it('is a single instance: a second start quits', async () => {
    fake.app.singleInstance = false;
    expect(
      await startCounter({ rendererDir, preload: '', terminal: { entry: TERMINAL_ENTRY } }),
    ).toBeUndefined();
    expect(fake.app.quitCalled).toBe(true);
    fake.app.singleInstance = true;
  });
});
