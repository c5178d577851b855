// Test helpers: a real sandbox on loopback, an HTTP client that checks every answer against the official
// definition on the test side too, and the seed's ids.
import { createHash, randomBytes } from 'node:crypto';
import { expect } from 'vitest';
import { Contract } from '../src/contract.node.ts';
import { startSandboxInProcess, type InProcessSandbox, type StartOptions } from '../src/testing.node.ts';
import { CLIENTS, PKCE_CLIENT_ID } from '../src/seed-data.ts';

export * from '../src/seed-data.ts';

/** Wednesday 25 November 2026, 12:00 in Brussels: every test runs on a known day. */
export const NOON = new Date('2026-11-25T11:00:00Z');

let contract: Contract | null = null;
export const officialContract = (): Contract => (contract ??= new Contract());

export interface Answer<T = unknown> {
  status: number;
  body: T;
  headers: Headers;
}

export class Api {
  constructor(
    readonly baseUrl: string,
    public token: string | null = null,
  ) {}

  async call<T = Record<string, unknown>>(
    method: string,
    path: string,
    options: { body?: unknown; raw?: string; headers?: Record<string, string>; token?: string | null } = {},
  ): Promise<Answer<T>> {
    const headers: Record<string, string> = { ...options.headers };
    const token = options.token === undefined ? this.token : options.token;
    if (token) headers.authorization = `Bearer ${token}`;
    let body: string | undefined = options.raw;
    if (options.body !== undefined) {
      body = JSON.stringify(options.body);
      headers['content-type'] ??= 'application/json';
    }
    const res = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers,
      ...(body !== undefined ? { body } : {}),
    });
    const text = await res.text();
    const type = res.headers.get('content-type') ?? '';
    const parsed = text && type.includes('json') ? (JSON.parse(text) as T) : (text as T);
    // Never a crash: any 500 is a sandbox bug (in test mode also a contract violation).
    expect(res.status, `${method} ${path} → ${text.slice(0, 500)}`).toBeLessThan(500);
    checkContract(method, path, res.status, type, text ? parsed : undefined);
    return { status: res.status, body: parsed, headers: res.headers };
  }

  get<T = Record<string, unknown>>(path: string, token?: string | null) {
    return this.call<T>('GET', path, token === undefined ? {} : { token });
  }
  post<T = Record<string, unknown>>(path: string, body: unknown) {
    return this.call<T>('POST', path, { body });
  }
  put<T = Record<string, unknown>>(path: string, body: unknown) {
    return this.call<T>('PUT', path, { body });
  }
  delete<T = Record<string, unknown>>(path: string) {
    return this.call<T>('DELETE', path);
  }
}

/** Validates an answer of a UiTPAS route against the official definition (skips auth and search routes). */
export function checkContract(
  method: string,
  path: string,
  status: number,
  contentType: string,
  body: unknown,
): void {
  const url = new URL(path, 'http://x');
  if (url.pathname.startsWith('/realms/') || url.pathname === '/events') return;
  const decode = (s: string): string | null => {
    try {
      return decodeURIComponent(s);
    } catch {
      return null;
    }
  };
  const segments = url.pathname.split('/').filter(Boolean).map(decode);
  const match = segments.includes(null)
    ? { op: null }
    : officialContract().match(method, segments as string[]);
  if (!match.op) {
    expect(contentType).toContain('application/problem+json');
    expect(officialContract().validateNamed('Error', body)).toEqual({ ok: true });
    return;
  }
  const result = officialContract().validateResponse(match.op, status, contentType, body);
  expect(result, `${method} ${path} ${status} ${String(JSON.stringify(body)).slice(0, 300)}`).toEqual({
    ok: true,
  });
  if (contentType.includes('problem+json')) {
    const p = body as { type: string; status: number; endUserMessage?: { nl: string } };
    expect(p.type).toMatch(/^https:\/\/api\.publiq\.be\/probs\//);
    expect(p.status).toBe(status);
  }
}

export async function clientToken(
  baseUrl: string,
  client: { clientId: string; clientSecret: string } = CLIENTS.counter,
): Promise<string> {
  const res = await fetch(`${baseUrl}/realms/uitid/protocol/openid-connect/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: client.clientId,
      client_secret: client.clientSecret,
    }),
  });
  expect(res.status).toBe(200);
  return ((await res.json()) as { access_token: string }).access_token;
}

export interface World {
  sandbox: InProcessSandbox;
  api: Api;
}

/** An in-memory sandbox with its clock on NOON and a counter client token. */
export async function world(options: StartOptions = {}): Promise<World> {
  const sandbox = await startSandboxInProcess(options);
  await sandbox.admin.setClock(NOON);
  const api = new Api(sandbox.baseUrl, await clientToken(sandbox.baseUrl));
  return { sandbox, api };
}

export function problemType(answer: Answer): string {
  return (answer.body as { type: string }).type.replace('https://api.publiq.be/probs/', '');
}

/** Back to the seed on NOON with a fresh token (a reset also clears tokens and faults). */
export async function fresh(w: World): Promise<void> {
  await w.sandbox.admin.setClock(NOON);
  await w.sandbox.admin.reset();
  w.api.token = await clientToken(w.sandbox.baseUrl);
}

/** Moves the sandbox clock; tokens expire on that clock, so the test client gets a fresh one. */
export async function moveClock(w: World, at: Date | string): Promise<void> {
  await w.sandbox.admin.setClock(at);
  w.api.token = await clientToken(w.sandbox.baseUrl);
}

/** A user access token for a demo staff account, through the login page and PKCE like a real counter. */
export async function staffToken(
  baseUrl: string,
  staff: { username: string; password: string },
): Promise<string> {
  const verifier = randomBytes(32).toString('base64url');
  const challenge = createHash('sha256').update(verifier).digest('base64url');
  const redirect = 'http://127.0.0.1:5173/callback';
  const login = await fetch(`${baseUrl}/realms/uitid/protocol/openid-connect/auth`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      response_type: 'code',
      client_id: PKCE_CLIENT_ID,
      redirect_uri: redirect,
      code_challenge: challenge,
      code_challenge_method: 'S256',
      username: staff.username,
      password: staff.password,
    }),
  });
  const code = new URL(login.headers.get('location') as string).searchParams.get('code') as string;
  const res = await fetch(`${baseUrl}/realms/uitid/protocol/openid-connect/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      client_id: PKCE_CLIENT_ID,
      code,
      redirect_uri: redirect,
      code_verifier: verifier,
    }),
  });
  expect(res.status).toBe(200);
  return ((await res.json()) as { access_token: string }).access_token;
}
