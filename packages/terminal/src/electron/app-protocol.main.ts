// Pages come from `app://<host>/…`, served by `protocol.handle` from the built renderer: never `file://`,
// never the network. Every response carries the strict CSP. Shared by the apps' Electron mains.
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import { protocol } from 'electron';

export const APP_SCHEME = 'app';

export const RENDERER_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  // The renderer talks to the terminal over a MessagePort only: no fetch, no WebSocket.
  "connect-src 'none'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};

export interface AppProtocol {
  origin: string;
  /** Parses, never string-matches: `app://kiosk.evil/` or `app://x@kiosk/` are not ours. */
  isAppUrl(url: string | undefined | null): boolean;
  /** Must run before `app` is ready: makes `app:` a standard, secure origin. */
  register(): void;
  serve(rendererDir: string): void;
  respond(rendererDir: string, url: string): Promise<Response>;
}

export function appProtocol(host: string): AppProtocol {
  const isAppUrl = (url: string | undefined | null): boolean => {
    if (typeof url !== 'string') return false;
    try {
      const parsed = new URL(url);
      return (
        parsed.protocol === `${APP_SCHEME}:` &&
        parsed.host === host &&
        parsed.username === '' &&
        parsed.password === ''
      );
    } catch {
      return false;
    }
  };
  const respond = async (rendererDir: string, url: string): Promise<Response> => {
    const notFound = () =>
      new Response(null, { status: 404, headers: { 'Content-Security-Policy': RENDERER_CSP } });
    if (!isAppUrl(url)) return notFound();
    const pathname = decodeURIComponent(new URL(url).pathname);
    const base = normalize(rendererDir + sep);
    const relative = normalize(pathname).replace(/^([/\\])+/, '') || 'index.html';
    const file = join(base, relative);
    if (!file.startsWith(base)) return notFound();
    try {
      const body = await readFile(file);
      return new Response(body, {
        status: 200,
        headers: {
          'Content-Type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream',
          'Content-Security-Policy': RENDERER_CSP,
          'X-Content-Type-Options': 'nosniff',
        },
      });
    } catch {
      return notFound();
    }
  };
  return {
    origin: `${APP_SCHEME}://${host}`,
    isAppUrl,
    register: () =>
      protocol.registerSchemesAsPrivileged([
        { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: false } },
      ]),
    serve: (rendererDir) => protocol.handle(APP_SCHEME, (request) => respond(rendererDir, request.url)),
    respond,
  };
}
