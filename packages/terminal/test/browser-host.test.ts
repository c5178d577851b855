import { createContractClient, type ClientMessage } from '@uitpas/domain';
import { mkdtemp, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startBrowserHost, type BrowserHost } from '../src/hosts/websocket.node.ts';
import { createTerminal } from '../src/terminal.ts';
import { createStandInAdapters, defineContractSuite, type HostUnderTest } from '../src/testing/index.ts';

const station = { environment: 'sandbox', language: 'nl', trainingMode: false, simulator: true } as const;

async function openSocket(url: string, origin?: string): Promise<WebSocket> {
  const ws = new WebSocket(url, origin === undefined ? {} : { origin });
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  return ws;
}

defineContractSuite('the WebSocket host (browser mode)', async (): Promise<HostUnderTest> => {
  const terminal = createTerminal({ adapters: createStandInAdapters(), station });
  const host = await startBrowserHost({ terminal });
  const ws = await openSocket(`${host.socketUrl}?token=${host.token}`, host.origin);
  const received: unknown[] = [];
  const messageListeners = new Set<(m: unknown) => void>();
  const closeListeners = new Set<() => void>();
  ws.on('message', (data) => {
    const message = JSON.parse(data.toString()) as unknown;
    received.push(message);
    for (const l of messageListeners) l(message);
  });
  ws.on('close', () => closeListeners.forEach((l) => l()));
  const client = createContractClient({
    send: (message: ClientMessage) => {
      if (ws.readyState !== ws.OPEN) return false;
      ws.send(JSON.stringify(message));
      return true;
    },
    onMessage: (l) => (messageListeners.add(l), () => messageListeners.delete(l)),
    onDisconnect: (l) => (closeListeners.add(l), () => closeListeners.delete(l)),
  });
  return {
    client,
    received,
    sendRaw: (data) => ws.send(typeof data === 'string' ? data : JSON.stringify(data)),
    close: async () => {
      client.close();
      ws.close();
      await host.close();
      terminal.close();
    },
  };
});

describe('the WebSocket host guards its door', () => {
  let host: BrowserHost;
  const terminal = createTerminal({ adapters: createStandInAdapters(), station });

  beforeAll(async () => {
    host = await startBrowserHost({ terminal });
  });
  afterAll(async () => {
    await host.close();
    terminal.close();
  });

  it('listens on 127.0.0.1 only and puts the token in the URL fragment', () => {
    expect(host.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(new URL(host.url).hash).toBe(`#token=${host.token}`);
    expect(host.token.length).toBeGreaterThanOrEqual(40);
  });

  it.each([
    ['no token', ''],
    ['a wrong token', '?token=wrong'],
    ['a token of the right length but wrong', `?token=${'x'.repeat(43)}`],
  ])('refuses a connection with %s', async (_label, query) => {
    await expect(openSocket(`${host.socketUrl}${query}`)).rejects.toThrow(/401/);
  });

  it('refuses a page from another origin even with the token', async () => {
    await expect(openSocket(`${host.socketUrl}?token=${host.token}`, 'http://evil.example')).rejects.toThrow(
      /401/,
    );
  });

  it('serves nothing but the socket without a renderer bundle, with a strict CSP', async () => {
    const response = await fetch(`${host.origin}/`);
    expect(response.status).toBe(404);
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain(`connect-src ws://127.0.0.1:${host.port}`);
  });
});

describe('the WebSocket host serves the renderer bundle', () => {
  it('serves files from its folder with the CSP, falls back to the app shell, and never leaves the folder', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'renderer-'));
    await mkdir(join(dir, 'assets'));
    await writeFile(join(dir, 'index.html'), '<!doctype html><title>shell</title>');
    await writeFile(join(dir, 'assets', 'app.js'), 'export {};');
    const terminal = createTerminal({ adapters: createStandInAdapters(), station });
    const host = await startBrowserHost({ terminal, staticDir: dir });
    try {
      const js = await fetch(`${host.origin}/assets/app.js`);
      expect(js.status).toBe(200);
      expect(js.headers.get('content-type')).toContain('text/javascript');
      expect(js.headers.get('content-security-policy')).toContain("script-src 'self'");
      expect(await (await fetch(`${host.origin}/some/route`)).text()).toContain('shell');
      expect((await fetch(`${host.origin}/assets/missing.js`)).status).toBe(404);
      for (const path of [
        '/../../../etc/passwd',
        '/%2e%2e/%2e%2e/etc/passwd',
        '/assets/..%2f..%2f..%2fetc%2fpasswd',
      ]) {
        const response = await fetch(`${host.origin}${path}`);
        expect(await response.text(), path).not.toContain('root:');
      }
      expect((await fetch(`${host.origin}/`, { method: 'POST' })).status).toBe(404);
    } finally {
      await host.close();
      terminal.close();
    }
  });
});
