// The token endpoint: client credentials, authorization code + PKCE via the login page, refresh rotation.
import { createHash, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Api, CLIENTS, PKCE_CLIENT_ID, STAFF, world, type World } from './helpers.ts';

let w: World;
const TOKEN = '/realms/uitid/protocol/openid-connect/token';
const AUTH = '/realms/uitid/protocol/openid-connect/auth';

beforeAll(async () => {
  w = await world();
});
afterAll(async () => {
  await w.sandbox.dispose();
});

const form = (path: string, body: Record<string, string>) =>
  fetch(`${w.sandbox.baseUrl}${path}`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(body),
  });

function pkce() {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

async function login(
  username: string,
  password: string,
  challenge: string,
  redirect = 'http://127.0.0.1:5173/callback',
) {
  return form(AUTH, {
    response_type: 'code',
    client_id: PKCE_CLIENT_ID,
    redirect_uri: redirect,
    code_challenge: challenge,
    code_challenge_method: 'S256',
    state: 'xyz',
    scope: 'openid email offline_access',
    username,
    password,
  });
}

describe('client credentials', () => {
  it('issues an expiring bearer token', async () => {
    const res = await form(TOKEN, {
      grant_type: 'client_credentials',
      client_id: CLIENTS.counter.clientId,
      client_secret: CLIENTS.counter.clientSecret,
    });
    const body = (await res.json()) as { access_token: string; expires_in: number; token_type: string };
    expect(res.status).toBe(200);
    expect(body.token_type).toBe('Bearer');
    expect(body.expires_in).toBe(86_400);
  });

  it('refuses a wrong secret with invalid_client', async () => {
    const res = await form(TOKEN, {
      grant_type: 'client_credentials',
      client_id: CLIENTS.counter.clientId,
      client_secret: 'nope',
    });
    expect(res.status).toBe(401);
    expect(((await res.json()) as { error: string }).error).toBe('invalid_client');
  });

  it('refuses unknown grant types and non-form bodies', async () => {
    expect((await form(TOKEN, { grant_type: 'password' })).status).toBe(400);
    const json = await fetch(`${w.sandbox.baseUrl}${TOKEN}`, {
      method: 'POST',
      body: '{}',
      headers: { 'content-type': 'application/json' },
    });
    expect(json.status).toBe(400);
  });
});

describe('authorization code + PKCE', () => {
  it('shows a login page, redirects with a code, and exchanges it for user tokens that rotate', async () => {
    const { verifier, challenge } = pkce();
    const page = await fetch(
      `${w.sandbox.baseUrl}${AUTH}?response_type=code&client_id=${PKCE_CLIENT_ID}&redirect_uri=${encodeURIComponent('http://127.0.0.1:5173/callback')}&code_challenge=${challenge}&code_challenge_method=S256&state=xyz`,
    );
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<form method="post">');

    const bad = await login(STAFF.eeklo.username, 'wrong', challenge);
    expect(bad.status).toBe(401);
    expect(await bad.text()).toContain('fout wachtwoord');

    const ok = await login(STAFF.eeklo.username, STAFF.eeklo.password, challenge);
    expect(ok.status).toBe(302);
    const location = new URL(ok.headers.get('location') as string);
    expect(location.searchParams.get('state')).toBe('xyz');
    const code = location.searchParams.get('code') as string;

    const wrongVerifier = await form(TOKEN, {
      grant_type: 'authorization_code',
      client_id: PKCE_CLIENT_ID,
      code,
      redirect_uri: 'http://127.0.0.1:5173/callback',
      code_verifier: pkce().verifier,
    });
    expect(wrongVerifier.status).toBe(400);

    // A code is single use: after the failed attempt above, a new login is needed.
    const again = await login(STAFF.eeklo.username, STAFF.eeklo.password, challenge);
    const code2 = new URL(again.headers.get('location') as string).searchParams.get('code') as string;
    const tokens = await form(TOKEN, {
      grant_type: 'authorization_code',
      client_id: PKCE_CLIENT_ID,
      code: code2,
      redirect_uri: 'http://127.0.0.1:5173/callback',
      code_verifier: verifier,
    });
    expect(tokens.status).toBe(200);
    const t = (await tokens.json()) as { access_token: string; refresh_token: string; expires_in: number };
    expect(t.expires_in).toBe(300);

    const api = new Api(w.sandbox.baseUrl, t.access_token);
    const perms = await api.get<{ organizer: { name: string } }[]>('/permissions');
    expect(perms.body.map((p) => p.organizer.name)).toEqual(['Cultuurcentrum Eeklo (demo)']);

    const refreshed = await form(TOKEN, {
      grant_type: 'refresh_token',
      client_id: PKCE_CLIENT_ID,
      refresh_token: t.refresh_token,
    });
    expect(refreshed.status).toBe(200);
    const reused = await form(TOKEN, {
      grant_type: 'refresh_token',
      client_id: PKCE_CLIENT_ID,
      refresh_token: t.refresh_token,
    });
    expect(reused.status).toBe(400);

    // User tokens expire on the sandbox clock.
    await w.sandbox.admin.advanceClock(301);
    expect((await api.get('/permissions')).status).toBe(401);
  });

  it('only redirects to loopback and only with S256', async () => {
    const { challenge } = pkce();
    expect(
      (await login(STAFF.eeklo.username, STAFF.eeklo.password, challenge, 'https://evil.example/cb')).status,
    ).toBe(400);
    const plain = await fetch(
      `${w.sandbox.baseUrl}${AUTH}?response_type=code&client_id=${PKCE_CLIENT_ID}&redirect_uri=http://127.0.0.1/cb&code_challenge=${challenge}&code_challenge_method=plain`,
    );
    expect(plain.status).toBe(400);
  });
});
