// The sandbox: the UiTPAS API server (+ token endpoint, login page, UiTdatabank Search subset) and,
// when asked for, the admin server with the test hooks. One process, one SQLite database, one clock.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { maskInsz } from '@uitpas/domain';
import { handleAdmin } from './admin.node.ts';
import { API_HANDLERS, type Ctx, type Principal } from './api.node.ts';
import { AUTH_PREFIX, handleAuth, principalForBearer } from './auth.node.ts';
import { SandboxClock } from './clock.ts';
import { Contract, type Operation } from './contract.node.ts';
import { handleEventSearch } from './events.node.ts';
import { Faults, type FaultRule } from './faults.ts';
import { isLoopback, pathSegments, readBody, send } from './http.node.ts';
import { Model } from './model.node.ts';
import { problem, type Reply } from './problems.ts';
import { CLIENTS, KIOSKS, PKCE_CLIENT_ID } from './seed-data.ts';
import { isSeeded, openDatabase, resetAndSeed, type Db } from './store.node.ts';

export interface SandboxOptions {
  port?: number;
  host?: string;
  /** SQLite file; null = in memory. */
  dbFile?: string | null;
  /** Re-seed even when the file already holds data. */
  reset?: boolean;
  /** Port of the admin server (test hooks); undefined = no admin server. */
  adminPort?: number;
  /** Validate every response against the official definition (a violation answers 500). */
  testMode?: boolean;
  /** Lifetime of client-credentials access tokens in seconds (publiq: 86400). */
  clientTokenTtlSeconds?: number;
  /** Lifetime of user access tokens in seconds (Keycloak default: 300). */
  userTokenTtlSeconds?: number;
  refreshTokenTtlSeconds?: number;
  /** Where log lines go; defaults to stderr. */
  log?: (line: string) => void;
}

export interface App {
  db: Db;
  model: Model;
  clock: SandboxClock;
  contract: Contract;
  faults: Faults;
  options: Required<Omit<SandboxOptions, 'adminPort' | 'log' | 'dbFile'>> & { dbFile: string | null };
  baseUrl: string;
  log: (line: string) => void;
}

export interface RunningSandbox {
  app: App;
  baseUrl: string;
  adminUrl: string | null;
  stop(): Promise<void>;
}

let sharedContract: Contract | null = null;

export async function startSandboxServer(options: SandboxOptions = {}): Promise<RunningSandbox> {
  const host = options.host ?? '127.0.0.1';
  if (!isLoopback(host)) throw new Error(`The sandbox listens on loopback only, not on ${host}`);
  const clock = new SandboxClock();
  const db = openDatabase(options.dbFile ?? null);
  if (options.reset || !isSeeded(db)) resetAndSeed(db, clock.now());
  sharedContract ??= new Contract();
  const app: App = {
    db,
    model: new Model(db),
    clock,
    contract: sharedContract,
    faults: new Faults(),
    options: {
      port: options.port ?? 4800,
      host,
      dbFile: options.dbFile ?? null,
      reset: options.reset ?? false,
      testMode: options.testMode ?? false,
      clientTokenTtlSeconds: options.clientTokenTtlSeconds ?? 86_400,
      userTokenTtlSeconds: options.userTokenTtlSeconds ?? 300,
      refreshTokenTtlSeconds: options.refreshTokenTtlSeconds ?? 30 * 86_400,
    },
    baseUrl: '',
    log: options.log ?? ((line) => process.stderr.write(`${line}\n`)),
  };
  const server = createServer((req, res) => {
    handle(app, req, res).catch((error: unknown) => {
      app.log(`sandbox: internal error on ${req.method} ${safePath(req.url)}: ${String(error)}`);
      send(res, serverProblem(500, 'Internal sandbox error'));
    });
  });
  await listen(server, app.options.port, host);
  app.baseUrl = `http://${host}:${(server.address() as AddressInfo).port}`;
  let admin: Server | null = null;
  let adminUrl: string | null = null;
  if (options.adminPort !== undefined) {
    admin = createServer((req, res) => {
      handleAdmin(app, req, res).catch((error: unknown) => {
        app.log(`sandbox admin: ${String(error)}`);
        send(res, { status: 500, body: { error: 'internal error' } });
      });
    });
    await listen(admin, options.adminPort, host);
    adminUrl = `http://${host}:${(admin.address() as AddressInfo).port}`;
  }
  return {
    app,
    baseUrl: app.baseUrl,
    adminUrl,
    async stop() {
      await Promise.all([close(server), admin ? close(admin) : Promise.resolve()]);
      db.close();
    },
  };
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

function close(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

const SECRET_PARAMS =
  /([?&](?:client_secret|password|code|code_verifier|refresh_token|access_token)=)[^&]*/gi;

/** Paths in logs never show an INSZ or a secret (query strings may carry them). */
export function safePath(url: string | undefined): string {
  return (url ?? '').replace(SECRET_PARAMS, '$1***').replace(/\b\d{11}\b/g, (m) => maskInsz(m));
}

/** publiq documents no type for server errors: RFC 7807's `about:blank` with the HTTP status. */
function serverProblem(status: number, detail: string): Reply {
  return {
    status,
    contentType: 'application/problem+json',
    body: {
      type: 'about:blank',
      title: status === 503 ? 'Service Unavailable' : 'Server Error',
      status,
      detail,
    },
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function applyFaultsBefore(faults: FaultRule[], res: ServerResponse): Promise<boolean> {
  for (const f of faults) if (f.kind === 'latency') await sleep(f.latencyMs ?? 0);
  for (const f of faults) {
    if (f.kind === 'drop-before') {
      res.socket?.destroy();
      return true;
    }
    if (f.kind === 'status') {
      send(res, serverProblem(f.status ?? 503, 'Injected fault (sandbox test hook)'));
      return true;
    }
    if (f.kind === 'problem' && f.problem !== undefined) {
      send(res, problem(f.problem, f.endUserMessage === false ? { message: null } : {}));
      return true;
    }
    if (f.kind === 'rate-limit') {
      const seconds = String(f.retryAfterSeconds ?? 1);
      send(res, problem('uitpas/rate-limited', { headers: { 'retry-after': seconds } }));
      return true;
    }
  }
  return false;
}

async function handle(app: App, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://sandbox.invalid');
  const method = (req.method ?? 'GET').toUpperCase();
  const started = Date.now();
  res.on('finish', () =>
    app.log(`${method} ${safePath(url.pathname + url.search)} ${res.statusCode} ${Date.now() - started}ms`),
  );

  if (url.pathname.startsWith(AUTH_PREFIX)) {
    const faults = app.faults.take(url.pathname);
    if (await applyFaultsBefore(faults, res)) return;
    const reply = await handleAuth(app, req, url, method);
    if (faults.some((f) => f.kind === 'drop-after')) res.socket?.destroy();
    else send(res, reply);
    return;
  }
  if (url.pathname === '/events') {
    const faults = app.faults.take(`${method} /events`);
    if (await applyFaultsBefore(faults, res)) return;
    const reply =
      method === 'GET'
        ? handleEventSearch(
            app,
            url,
            req.headers.authorization,
            req.headers['x-client-id'] as string | undefined,
          )
        : problem('method/not-allowed', { headers: { allow: 'GET' } });
    if (faults.some((f) => f.kind === 'drop-after')) res.socket?.destroy();
    else send(res, reply);
    return;
  }

  const segments = pathSegments(url.pathname);
  const matched = segments ? app.contract.match(method, segments) : { op: null, allowed: [] };
  if (!matched.op) {
    const reply =
      matched.allowed.length > 0
        ? problem('method/not-allowed', { headers: { allow: matched.allowed.join(', ') } })
        : problem('url/not-found', { detail: `No route ${method} ${url.pathname}` });
    send(res, reply);
    return;
  }
  const { op, params } = matched;
  const faults = app.faults.take(`${op.method} ${op.template}`);
  if (await applyFaultsBefore(faults, res)) return;
  const reply = await handleOperation(app, req, url, op, params);
  const checked = app.options.testMode ? checkResponse(app, op, reply) : reply;
  if (faults.some((f) => f.kind === 'drop-after')) {
    // The lost-response case: the effect is committed, the client never hears about it.
    res.socket?.destroy();
    return;
  }
  send(res, checked);
}

function checkResponse(app: App, op: Operation, reply: Reply): Reply {
  const result = app.contract.validateResponse(op, reply.status, reply.contentType, reply.body);
  if (result.ok) return reply;
  app.log(
    `sandbox CONTRACT VIOLATION ${op.method} ${op.template} ${reply.status}: ${JSON.stringify(result.errors)}`,
  );
  return serverProblem(
    500,
    `Sandbox response violates the official definition: ${JSON.stringify(result.errors).slice(0, 2000)}`,
  );
}

function queryObject(url: URL, op: Operation): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of url.searchParams) {
    const name = key.endsWith('[]') ? key.slice(0, -2) : key;
    if (op.arrayParams.has(name)) out[name] = [...((out[name] as string[] | undefined) ?? []), value];
    else if (!(name in out)) out[name] = value;
  }
  return out;
}

async function handleOperation(
  app: App,
  req: IncomingMessage,
  url: URL,
  op: Operation,
  pathParams: Record<string, string>,
): Promise<Reply> {
  const auth = authenticate(app, req, url, op);
  if ('status' in auth) return auth;

  const query = queryObject(url, op);
  if (typeof query.limit === 'string' && Number(query.limit) > 500) {
    return problem('url/query-limit-exceeded', { detail: 'limit may be at most 500' });
  }
  const values: Record<string, unknown> = { ...query, ...pathParams };
  const paramCheck = app.contract.validateParameters(op, values);
  if (!paramCheck.ok) {
    return problem('body/invalid-data', {
      detail: 'Invalid query or path parameters',
      extra: { schemaErrors: paramCheck.errors },
    });
  }

  let body: unknown;
  if (op.hasBody) {
    const read = await readBody(req);
    if (!read.ok) {
      return problem('body/invalid-syntax', {
        detail: 'The request body is larger than the sandbox accepts (1 MiB)',
        headers: { connection: 'close' },
      });
    }
    if (read.text.trim().length === 0) {
      if (op.bodyRequired) return problem('body/missing', { detail: 'This operation needs a JSON body' });
    } else {
      const type = String(req.headers['content-type'] ?? '');
      if (!/^application\/(.+\+)?json\b/i.test(type)) {
        return problem('header/unsupported-media-type', { detail: 'Send the body as application/json' });
      }
      try {
        body = JSON.parse(read.text);
      } catch (error) {
        return problem('body/invalid-syntax', {
          detail: `The body is not valid JSON: ${(error as Error).message}`,
        });
      }
      const bodyCheck = app.contract.validateBody(op, body);
      if (!bodyCheck.ok) {
        return problem('body/invalid-data', {
          detail: 'The body does not match the schema',
          extra: { schemaErrors: bodyCheck.errors },
        });
      }
    }
  }

  const handler = API_HANDLERS[`${op.method} ${op.template}`];
  if (!handler)
    return problem('url/not-found', {
      detail: `${op.method} ${op.template} is not implemented in the sandbox`,
    });
  const ctx: Ctx = {
    app,
    op,
    params: values,
    body,
    auth,
    now: app.clock.now(),
    day: app.model.anchorDay(),
    headers: req.headers,
  };
  return handler(ctx);
}

function authenticate(app: App, req: IncomingMessage, url: URL, op: Operation): Principal | Reply {
  const accepts = new Set(op.security);
  const authorization = req.headers.authorization;
  const customToken = req.headers['x-custom-token'];
  const clientId = req.headers['x-client-id'] ?? url.searchParams.get('clientId') ?? undefined;
  const unauthorized = (detail: string) => problem('auth/unauthorized', { detail });

  if (
    authorization !== undefined &&
    (accepts.has('CLIENT_ACCESS_TOKEN') || accepts.has('USER_ACCESS_TOKEN'))
  ) {
    const m = /^Bearer\s+(\S+)$/i.exec(authorization);
    if (!m) return unauthorized('Expected "Authorization: Bearer <token>"');
    const principal = principalForBearer(app, m[1] as string);
    if (!principal) return unauthorized('The access token is unknown, expired or revoked');
    if (principal.kind === 'client' && !accepts.has('CLIENT_ACCESS_TOKEN'))
      return unauthorized('Needs a user access token');
    if (principal.kind === 'user' && !accepts.has('USER_ACCESS_TOKEN'))
      return unauthorized('Needs a client access token');
    return principal;
  }
  if (accepts.has('CUSTOM_TOKEN')) {
    if (typeof customToken !== 'string' || customToken.length === 0)
      return unauthorized('Missing x-custom-token');
    if (op.template === '/kiosk-devices/setup') {
      const kiosk = Object.values(KIOSKS).find((k) => k.configurationCode === customToken);
      // An unknown configuration code is a documented 400, not an authentication failure.
      return { kind: 'kiosk-setup', code: customToken, kioskId: kiosk?.id ?? null };
    }
    const row = app.db
      .prepare<[string], { kiosk_id: string }>('SELECT kiosk_id FROM kiosk_devices WHERE device_id = ?')
      .get(customToken);
    if (!row) return unauthorized('Unknown kiosk device');
    return { kind: 'kiosk', kioskId: row.kiosk_id, deviceId: customToken };
  }
  if (accepts.has('CLIENT_IDENTIFICATION') && typeof clientId === 'string') {
    const known = [...Object.values(CLIENTS).map((c) => c.clientId), PKCE_CLIENT_ID].includes(clientId);
    if (!known) return unauthorized('Unknown client id');
    return { kind: 'identification', clientId };
  }
  return unauthorized('Missing credentials');
}

export { resetAndSeed };
