// A deliberately misbehaving HTTP server on loopback, for what the sandbox does not do: malformed JSON,
// a wrong content type, bodies that break the schema, a server that never answers, token edge cases.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type Handler = (req: IncomingMessage, res: ServerResponse, body: string) => void;

export interface StubServer {
  baseUrl: string;
  requests: { method: string; url: string; auth: string | undefined; body: string }[];
  handle(method: string, path: string, handler: Handler): void;
  close(): Promise<void>;
}

export async function startStub(): Promise<StubServer> {
  const handlers = new Map<string, Handler>();
  const requests: StubServer['requests'] = [];
  const open = new Set<ServerResponse>();
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString('utf8')));
    req.on('end', () => {
      const path = (req.url ?? '').split('?')[0] ?? '';
      requests.push({ method: req.method ?? '', url: req.url ?? '', auth: req.headers.authorization, body });
      const h = handlers.get(`${req.method} ${path}`);
      open.add(res);
      res.on('close', () => open.delete(res));
      if (h) h(req, res, body);
      else {
        res.writeHead(404, { 'content-type': 'application/problem+json' });
        res.end(
          JSON.stringify({
            type: 'https://api.publiq.be/probs/url/not-found',
            title: 'Not found',
            status: 404,
          }),
        );
      }
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    requests,
    handle: (method, path, handler) => handlers.set(`${method} ${path}`, handler),
    close: () =>
      new Promise<void>((r) => {
        for (const res of open) res.destroy();
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

export function json(res: ServerResponse, status: number, body: unknown, type = 'application/json'): void {
  res.writeHead(status, { 'content-type': type });
  res.end(typeof body === 'string' ? body : JSON.stringify(body));
}

export function tokenHandler(tokens: string[]): Handler {
  let i = 0;
  return (_req, res) =>
    json(res, 200, {
      access_token: tokens[Math.min(i++, tokens.length - 1)],
      expires_in: 3600,
      token_type: 'Bearer',
    });
}
