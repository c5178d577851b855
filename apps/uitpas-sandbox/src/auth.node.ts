// A minimal stand-in for publiq's Keycloak realm `uitid`: client credentials, authorization code + PKCE
// (S256) with a login page for the demo staff, and rotating refresh tokens. Tokens are opaque and expire
// on the sandbox clock. Secrets and tokens are never logged.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { App } from './app.node.ts';
import type { Principal } from './api.node.ts';
import { isLoopback, readBody } from './http.node.ts';
import type { Reply } from './problems.ts';
import { CLIENTS, PKCE_CLIENT_ID, STAFF, type Grant } from './seed-data.ts';

export const AUTH_PREFIX = '/realms/uitid/protocol/openid-connect/';
const CODE_TTL_SECONDS = 120;

const token = (): string => randomBytes(32).toString('base64url');

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export function grantsOf(subject: string): Grant[] | null {
  const [kind, id] = subject.split(':', 2) as [string, string];
  if (kind === 'client') return Object.values(CLIENTS).find((c) => c.clientId === id)?.grants ?? null;
  if (kind === 'staff') return Object.values(STAFF).find((s) => s.username === id)?.grants ?? null;
  return null;
}

export function principalForBearer(app: App, bearer: string): Principal | null {
  const row = app.db
    .prepare<
      [string],
      { kind: string; subject: string; client_id: string; expires_at: string; revoked: number }
    >(
      "SELECT kind, subject, client_id, expires_at, revoked FROM tokens WHERE token = ? AND kind IN ('client', 'user')",
    )
    .get(bearer);
  if (!row || row.revoked || new Date(row.expires_at) <= app.clock.now()) return null;
  const grants = grantsOf(row.subject);
  if (!grants) return null;
  return { kind: row.kind as 'client' | 'user', subject: row.subject, clientId: row.client_id, grants };
}

function issue(
  app: App,
  kind: 'client' | 'user' | 'refresh',
  subject: string,
  clientId: string,
  ttl: number,
): string {
  const value = token();
  const expires = new Date(app.clock.now().getTime() + ttl * 1000).toISOString();
  app.db
    .prepare('INSERT INTO tokens (token, kind, subject, client_id, expires_at) VALUES (?, ?, ?, ?, ?)')
    .run(value, kind, subject, clientId, expires);
  return value;
}

const oauthError = (status: number, error: string, description: string): Reply => ({
  status,
  contentType: 'application/json',
  headers: { 'cache-control': 'no-store' },
  body: { error, error_description: description },
});

/**
 * An OpenID Connect ID token naming the signed-in staff member. Unsigned (`alg: none`): the sandbox is no
 * identity provider to trust, and clients read it only from the token endpoint's direct answer.
 */
function idToken(app: App, subject: string, clientId: string): string {
  const username = subject.slice('staff:'.length);
  const staff = Object.values(STAFF).find((s) => s.username === username);
  const now = Math.floor(app.clock.now().getTime() / 1000);
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({ alg: 'none', typ: 'JWT' })}.${part({
    iss: 'uitpas-sandbox',
    aud: clientId,
    sub: subject,
    iat: now,
    exp: now + app.options.userTokenTtlSeconds,
    email: username,
    ...(staff === undefined ? {} : { name: staff.name }),
  })}.`;
}

function userTokens(app: App, subject: string, clientId: string): Reply {
  const access = issue(app, 'user', subject, clientId, app.options.userTokenTtlSeconds);
  const refresh = issue(app, 'refresh', subject, clientId, app.options.refreshTokenTtlSeconds);
  return {
    status: 200,
    contentType: 'application/json',
    headers: { 'cache-control': 'no-store' },
    body: {
      access_token: access,
      expires_in: app.options.userTokenTtlSeconds,
      refresh_token: refresh,
      refresh_expires_in: app.options.refreshTokenTtlSeconds,
      id_token: idToken(app, subject, clientId),
      token_type: 'Bearer',
      scope: 'openid email offline_access',
    },
  };
}

async function formOf(req: IncomingMessage): Promise<URLSearchParams | null> {
  const body = await readBody(req, 64 * 1024);
  if (!body.ok) return null;
  return new URLSearchParams(body.text);
}

function basicCredentials(req: IncomingMessage): { id: string; secret: string } | null {
  const m = /^Basic\s+(\S+)$/i.exec(req.headers.authorization ?? '');
  if (!m) return null;
  const decoded = Buffer.from(m[1] as string, 'base64').toString('utf8');
  const i = decoded.indexOf(':');
  return i < 0
    ? null
    : { id: decodeURIComponent(decoded.slice(0, i)), secret: decodeURIComponent(decoded.slice(i + 1)) };
}

export async function handleAuth(app: App, req: IncomingMessage, url: URL, method: string): Promise<Reply> {
  const endpoint = url.pathname.slice(AUTH_PREFIX.length);
  if (endpoint === 'token' && method === 'POST') return tokenEndpoint(app, req);
  if (endpoint === 'auth' && method === 'GET') return loginPage(url.searchParams, null);
  if (endpoint === 'auth' && method === 'POST') return login(app, req);
  return { status: 404, contentType: 'application/json', body: { error: 'not_found' } };
}

async function tokenEndpoint(app: App, req: IncomingMessage): Promise<Reply> {
  if (!String(req.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded')) {
    return oauthError(400, 'invalid_request', 'Send the token request as application/x-www-form-urlencoded');
  }
  const form = await formOf(req);
  if (!form) return oauthError(400, 'invalid_request', 'Request too large');
  const grant = form.get('grant_type');
  const basic = basicCredentials(req);
  const clientId = basic?.id ?? form.get('client_id') ?? '';

  if (grant === 'client_credentials') {
    const secret = basic?.secret ?? form.get('client_secret') ?? '';
    const client = Object.values(CLIENTS).find((c) => c.clientId === clientId);
    if (!client || !sameSecret(secret, client.clientSecret)) {
      return oauthError(401, 'invalid_client', 'Invalid client or Invalid client credentials');
    }
    const access = issue(
      app,
      'client',
      `client:${client.clientId}`,
      client.clientId,
      app.options.clientTokenTtlSeconds,
    );
    return {
      status: 200,
      contentType: 'application/json',
      headers: { 'cache-control': 'no-store' },
      body: { access_token: access, expires_in: app.options.clientTokenTtlSeconds, token_type: 'Bearer' },
    };
  }

  if (grant === 'authorization_code') {
    if (clientId !== PKCE_CLIENT_ID) return oauthError(401, 'invalid_client', 'Unknown client');
    const code = form.get('code') ?? '';
    const verifier = form.get('code_verifier') ?? '';
    const redirect = form.get('redirect_uri') ?? '';
    const row = app.db
      .prepare<
        [string],
        {
          client_id: string;
          redirect_uri: string;
          challenge: string;
          subject: string;
          expires_at: string;
          used: number;
        }
      >('SELECT * FROM auth_codes WHERE code = ?')
      .get(code);
    if (!row || row.used || new Date(row.expires_at) <= app.clock.now() || row.client_id !== clientId) {
      return oauthError(400, 'invalid_grant', 'Code not valid');
    }
    app.db.prepare('UPDATE auth_codes SET used = 1 WHERE code = ?').run(code);
    if (row.redirect_uri !== redirect) return oauthError(400, 'invalid_grant', 'Incorrect redirect_uri');
    const computed = createHash('sha256').update(verifier).digest('base64url');
    if (verifier.length < 43 || !sameSecret(computed, row.challenge)) {
      return oauthError(400, 'invalid_grant', 'PKCE verification failed');
    }
    return userTokens(app, row.subject, clientId);
  }

  if (grant === 'refresh_token') {
    const presented = form.get('refresh_token') ?? '';
    const row = app.db
      .prepare<[string], { subject: string; client_id: string; expires_at: string; revoked: number }>(
        "SELECT subject, client_id, expires_at, revoked FROM tokens WHERE token = ? AND kind = 'refresh'",
      )
      .get(presented);
    if (!row || row.revoked || new Date(row.expires_at) <= app.clock.now() || row.client_id !== clientId) {
      return oauthError(400, 'invalid_grant', 'Invalid refresh token');
    }
    // Refresh tokens rotate: the presented one can never be used again.
    app.db.prepare('UPDATE tokens SET revoked = 1 WHERE token = ?').run(presented);
    return userTokens(app, row.subject, clientId);
  }
  return oauthError(400, 'unsupported_grant_type', 'Unsupported grant_type');
}

const escapeHtml = (s: string): string =>
  s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string,
  );

const AUTH_PARAMS = [
  'response_type',
  'client_id',
  'redirect_uri',
  'code_challenge',
  'code_challenge_method',
  'state',
  'scope',
];

function authRequestProblem(params: URLSearchParams): string | null {
  if (params.get('response_type') !== 'code') return 'response_type moet "code" zijn.';
  if (params.get('client_id') !== PKCE_CLIENT_ID) return 'Onbekende client_id.';
  if (params.get('code_challenge_method') !== 'S256') return 'Alleen PKCE met S256 wordt ondersteund.';
  if (!/^[A-Za-z0-9_-]{43}$/.test(params.get('code_challenge') ?? ''))
    return 'code_challenge ontbreekt of is ongeldig.';
  let redirect: URL;
  try {
    redirect = new URL(params.get('redirect_uri') ?? '');
  } catch {
    return 'redirect_uri ontbreekt of is ongeldig.';
  }
  if (redirect.protocol !== 'http:' || !isLoopback(redirect.hostname.replace(/^\[|\]$/g, ''))) {
    return 'redirect_uri moet naar 127.0.0.1 of localhost wijzen.';
  }
  return null;
}

function loginPage(params: URLSearchParams, error: string | null): Reply {
  const invalid = authRequestProblem(params);
  if (invalid) {
    return {
      status: 400,
      contentType: 'text/html; charset=utf-8',
      body: page(`<p role="alert">${escapeHtml(invalid)}</p>`),
    };
  }
  const hidden = AUTH_PARAMS.filter((k) => params.has(k))
    .map((k) => `<input type="hidden" name="${k}" value="${escapeHtml(params.get(k) ?? '')}">`)
    .join('');
  const body = `
    <h1>Aanmelden met UiTiD (sandbox)</h1>
    ${error ? `<p role="alert">${escapeHtml(error)}</p>` : ''}
    <form method="post">
      ${hidden}
      <label>E-mailadres <input name="username" type="email" autocomplete="username" required></label>
      <label>Wachtwoord <input name="password" type="password" autocomplete="current-password" required></label>
      <button type="submit">Aanmelden</button>
    </form>
    <p>Demo-accounts staan in de README van de sandbox.</p>`;
  return { status: error ? 401 : 200, contentType: 'text/html; charset=utf-8', body: page(body) };
}

const page = (content: string): string =>
  `<!doctype html><html lang="nl"><head><meta charset="utf-8"><title>UiTiD sandbox</title>` +
  `<meta name="viewport" content="width=device-width, initial-scale=1"></head>` +
  `<body style="font-family: sans-serif; max-width: 28rem; margin: 3rem auto; display: grid; gap: 1rem">${content}</body></html>`;

async function login(app: App, req: IncomingMessage): Promise<Reply> {
  const form = await formOf(req);
  if (!form) return { status: 400, contentType: 'text/plain', body: 'Request too large' };
  const invalid = authRequestProblem(form);
  if (invalid) return loginPage(form, null);
  const staff = Object.values(STAFF).find(
    (s) => s.username === (form.get('username') ?? '').trim().toLowerCase(),
  );
  if (!staff || !sameSecret(form.get('password') ?? '', staff.password)) {
    return loginPage(form, 'Onbekend e-mailadres of fout wachtwoord.');
  }
  const code = token();
  const expires = new Date(app.clock.now().getTime() + CODE_TTL_SECONDS * 1000).toISOString();
  app.db
    .prepare(
      'INSERT INTO auth_codes (code, client_id, redirect_uri, challenge, subject, expires_at) VALUES (?, ?, ?, ?, ?, ?)',
    )
    .run(
      code,
      PKCE_CLIENT_ID,
      form.get('redirect_uri'),
      form.get('code_challenge'),
      `staff:${staff.username}`,
      expires,
    );
  const target = new URL(form.get('redirect_uri') as string);
  target.searchParams.set('code', code);
  if (form.has('state')) target.searchParams.set('state', form.get('state') as string);
  return { status: 302, headers: { location: target.toString(), 'cache-control': 'no-store' } };
}
