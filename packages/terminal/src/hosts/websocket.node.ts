// Browser mode: the terminal in Node serves the renderer bundle and the contract over a WebSocket, on
// 127.0.0.1 only. A per-session token (in the URL fragment, so it never reaches a server log) guards the
// socket: without it a connection is refused before it opens.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { serveConnection } from '../serve.ts';
import type { Terminal } from '../terminal.ts';

export interface BrowserHostOptions {
  terminal: Terminal;
  /** The built renderer (index.html and assets). Without it only the socket is served. */
  staticDir?: string;
  /** 0 picks a free port. */
  port?: number;
  /** Fixed token for tests; a fresh random one otherwise. */
  token?: string;
}

export interface BrowserHost {
  /** Open this in a browser: it carries the token in its fragment. */
  url: string;
  /** The WebSocket endpoint, without the token. */
  socketUrl: string;
  origin: string;
  token: string;
  port: number;
  close(): Promise<void>;
}

export const SOCKET_PATH = '/terminal';
const HOST = '127.0.0.1';
const MAX_MESSAGE_BYTES = 64 * 1024;

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
  '.ico': 'image/x-icon',
};

export function contentSecurityPolicy(socketOrigin: string): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    `connect-src ${socketOrigin}`,
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

export async function startBrowserHost(options: BrowserHostOptions): Promise<BrowserHost> {
  const token = options.token ?? randomBytes(32).toString('base64url');
  const expected = Buffer.from(token);
  let origin = '';
  let csp = '';

  const http = createServer((request, response) => {
    void serveStatic(options.staticDir, csp, request, response);
  });
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });
  const sockets = new Set<WebSocket>();

  http.on('upgrade', (request, socket, head) => {
    const url = new URL(request.url ?? '/', origin);
    const given = Buffer.from(url.searchParams.get('token') ?? '');
    const tokenOk = given.length === expected.length && timingSafeEqual(given, expected);
    // Browsers always send Origin: a page from anywhere else must not drive the counter.
    const originOk = request.headers.origin === undefined || request.headers.origin === origin;
    if (url.pathname !== SOCKET_PATH || !tokenOk || !originOk) {
      socket.end('HTTP/1.1 401 Unauthorized\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    wss.handleUpgrade(request, socket, head, (ws) => {
      sockets.add(ws);
      const closeListeners: (() => void)[] = [];
      ws.on('close', () => {
        sockets.delete(ws);
        for (const listener of closeListeners) listener();
      });
      serveConnection(options.terminal, {
        send: (message) => {
          if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(message));
        },
        onMessage: (listener) =>
          ws.on('message', (data, isBinary) => {
            if (isBinary) return listener(undefined);
            listener(parseJson(data.toString()));
          }),
        onClose: (listener) => closeListeners.push(listener),
      });
    });
  });

  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(options.port ?? 0, HOST, () => resolve());
  });
  const port = (http.address() as AddressInfo).port;
  origin = `http://${HOST}:${port}`;
  const socketOrigin = `ws://${HOST}:${port}`;
  csp = contentSecurityPolicy(socketOrigin);

  return {
    url: `${origin}/#token=${token}`,
    socketUrl: `${socketOrigin}${SOCKET_PATH}`,
    origin,
    token,
    port,
    close: async () => {
      for (const ws of sockets) ws.terminate();
      wss.close();
      await new Promise<void>((resolve) => http.close(() => resolve()));
    },
  };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

async function serveStatic(
  root: string | undefined,
  csp: string,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  const headers = {
    'Content-Security-Policy': csp,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cache-Control': 'no-store',
  };
  if (root === undefined || (request.method !== 'GET' && request.method !== 'HEAD')) {
    response.writeHead(404, headers).end();
    return;
  }
  const pathname = decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname);
  const relative = normalize(pathname).replace(/^([/\\])+/, '');
  const base = normalize(root + sep);
  let file = join(base, relative);
  if (!file.startsWith(base)) {
    response.writeHead(404, headers).end();
    return;
  }
  const isFile = await stat(file).then(
    (s) => s.isFile(),
    () => false,
  );
  // Unknown paths fall back to the app shell; a missing asset stays a 404.
  if (!isFile) {
    if (extname(relative) !== '') {
      response.writeHead(404, headers).end();
      return;
    }
    file = join(base, 'index.html');
  }
  try {
    const body = await readFile(file);
    response
      .writeHead(200, {
        ...headers,
        'Content-Type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream',
      })
      .end(request.method === 'HEAD' ? undefined : body);
  } catch {
    response.writeHead(404, headers).end();
  }
}
