// The API client and the engine against responses the real API should never send, and auth edge cases.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createUitpasClient, SyncEngine, type Ledger, type UitpasClient } from '../src/index.ts';
import { checkin, openTempLedger, uitpasNumber } from './helpers.ts';
import { json, startStub, tokenHandler, type StubServer } from './stub-server.ts';

let stub: StubServer;
let client: UitpasClient;
beforeEach(async () => {
  stub = await startStub();
  stub.handle('POST', '/token', tokenHandler(['t1', 't2', 't3']));
  client = createUitpasClient({
    baseUrl: stub.baseUrl,
    timeoutMs: 300,
    auth: {
      kind: 'client-credentials',
      tokenUrl: `${stub.baseUrl}/token`,
      clientId: 'id',
      clientSecret: 'secret',
    },
  });
});
afterEach(() => stub.close());

const checkinBody = { eventId: 'e1', uitpasNumber: uitpasNumber(1) };

describe('bad responses become typed errors', () => {
  it('malformed JSON', async () => {
    stub.handle('POST', '/checkins', (_q, res) => json(res, 201, '{"id": "c1", '));
    const r = await client.postCheckin(checkinBody);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatchObject({ kind: 'bad-response', status: 201 });
  });

  it('a body that violates the schema', async () => {
    stub.handle('POST', '/checkins', (_q, res) => json(res, 201, { id: 42, eventId: 'e1' }));
    const r = await client.postCheckin(checkinBody);
    expect(!r.ok && r.error.kind).toBe('bad-response');
  });

  it('a wrong content type', async () => {
    stub.handle('POST', '/checkins', (_q, res) => json(res, 201, '<html>proxy login</html>', 'text/html'));
    const r = await client.postCheckin(checkinBody);
    expect(!r.ok && r.error.kind).toBe('bad-response');
    if (!r.ok && r.error.kind === 'bad-response') expect(r.error.detail).toMatch(/text\/html/);
  });

  it('a hanging server', async () => {
    stub.handle('POST', '/checkins', () => undefined);
    const r = await client.postCheckin(checkinBody);
    expect(!r.ok && r.error.kind).toBe('timeout');
  });

  it('a server that sends headers and then hangs in the body', async () => {
    stub.handle('POST', '/checkins', (_q, res) => {
      res.writeHead(201, { 'content-type': 'application/json' });
      res.write('{"id":');
    });
    const r = await client.postCheckin(checkinBody);
    expect(!r.ok && r.error.kind).toBe('timeout');
  });

  it('a connection closed without an answer', async () => {
    stub.handle('POST', '/checkins', (req) => req.socket.destroy());
    const r = await client.postCheckin(checkinBody);
    expect(!r.ok && r.error.kind).toBe('lost');
  });

  it('nobody listening', async () => {
    const gone = await startStub();
    await gone.close();
    const dead = createUitpasClient({
      baseUrl: gone.baseUrl,
      timeoutMs: 300,
      auth: { kind: 'kiosk-device', deviceToken: 'd' },
    });
    const r = await dead.postKioskCheckin('04AABBCCDDEEFF');
    expect(!r.ok && r.error.kind).toBe('unreachable');
  });

  it('a problem with its endUserMessage, and one without', async () => {
    stub.handle('POST', '/checkins', (_q, res) =>
      json(
        res,
        400,
        {
          type: 'https://api.publiq.be/probs/uitpas/checkin-not-allowed',
          title: 'Checkin not allowed',
          status: 400,
          endUserMessage: { nl: 'Deze activiteit is afgelopen.' },
        },
        'application/problem+json',
      ),
    );
    const r = await client.postCheckin(checkinBody);
    expect(!r.ok && r.error).toMatchObject({
      kind: 'problem',
      name: 'uitpas/checkin-not-allowed',
      message: 'Deze activiteit is afgelopen.',
    });
    stub.handle('POST', '/rewards/redeemed', (_q, res) =>
      json(res, 400, {
        type: 'https://api.publiq.be/probs/uitpas/reward-passholder-points-constraint',
        title: 'x',
        status: 400,
      }),
    );
    const r2 = await client.postRedeemedReward({ rewardId: 'r', uitpasNumber: uitpasNumber(1) });
    expect(!r2.ok && r2.error.message).toMatch(/niet genoeg punten/);
  });

  it('429 and 5xx carry Retry-After', async () => {
    stub.handle('POST', '/checkins', (_q, res) => {
      res.writeHead(429, { 'retry-after': '3' });
      res.end();
    });
    const r = await client.postCheckin(checkinBody);
    expect(!r.ok && r.error).toMatchObject({ kind: 'rate-limited', retryAfterMs: 3000 });
    stub.handle('POST', '/checkins', (_q, res) => json(res, 503, 'down', 'text/plain'));
    const r2 = await client.postCheckin(checkinBody);
    expect(!r2.ok && r2.error).toMatchObject({ kind: 'server', status: 503 });
  });
});

describe('authentication', () => {
  it('gets one token for concurrent calls, renews once on 401, then surfaces', async () => {
    const seen: string[] = [];
    stub.handle('GET', '/permissions', (req, res) => {
      seen.push(req.headers.authorization ?? '');
      if (req.headers.authorization === 'Bearer t1')
        return json(res, 401, {
          type: 'https://api.publiq.be/probs/auth/unauthorized',
          title: 'u',
          status: 401,
        });
      json(res, 200, []);
    });
    const [a, b] = await Promise.all([client.getPermissions(), client.getPermissions()]);
    expect(a.ok && b.ok).toBe(true);
    expect(stub.requests.filter((r) => r.url === '/token').length).toBe(2);
    stub.handle('GET', '/permissions', (_q, res) =>
      json(res, 401, { type: 'https://api.publiq.be/probs/auth/unauthorized', title: 'u', status: 401 }),
    );
    const c = await client.getPermissions();
    expect(!c.ok && c.error.kind).toBe('unauthorized');
    expect(stub.requests.filter((r) => r.url === '/token').length).toBe(3);
    // Secrets never travel anywhere but the token endpoint's body.
    expect(stub.requests.filter((r) => r.body.includes('secret')).map((r) => r.url)).toEqual([
      '/token',
      '/token',
      '/token',
    ]);
  });

  it('refuses bad client credentials with a message, and the engine pauses and says why', async () => {
    stub.handle('POST', '/token', (_q, res) => json(res, 401, { error: 'invalid_client' }));
    const t = openTempLedger();
    try {
      const a = checkin(uitpasNumber(3));
      t.ledger.record(a);
      const engine = new SyncEngine({ ledger: t.ledger, client, intervalMs: 60_000 });
      const statuses: (string | undefined)[] = [];
      engine.on('status', (s) => statuses.push(s.pausedForAuth?.message));
      engine.start();
      await engine.drain();
      await engine.stop();
      expect(engine.status().pausedForAuth?.message).toMatch(/toegangsgegevens/);
      expect(t.ledger.getAction(a.id)?.state).toBe('pending');
      expect(stub.requests.some((r) => r.url === '/checkins')).toBe(false);
    } finally {
      t.cleanup();
    }
  });

  it('refreshes a user token and persists the rotated refresh token', async () => {
    const saved: unknown[] = [];
    stub.handle('POST', '/token', (_q, res, body) => {
      const p = new URLSearchParams(body);
      expect(p.get('grant_type')).toBe('refresh_token');
      json(res, 200, { access_token: `new-${p.get('refresh_token')}`, refresh_token: 'r2', expires_in: 300 });
    });
    stub.handle('GET', '/permissions', (req, res) =>
      req.headers.authorization === 'Bearer old'
        ? json(res, 401, { type: 'https://api.publiq.be/probs/auth/unauthorized', title: 'u', status: 401 })
        : json(res, 200, []),
    );
    const user = createUitpasClient({
      baseUrl: stub.baseUrl,
      timeoutMs: 300,
      auth: {
        kind: 'user-token',
        tokenUrl: `${stub.baseUrl}/token`,
        clientId: 'balie',
        tokens: { accessToken: 'old', refreshToken: 'r1' },
        store: { load: () => undefined, save: (t) => saved.push(t) },
      },
    });
    const r = await user.getPermissions();
    expect(r.ok).toBe(true);
    expect(saved).toMatchObject([{ accessToken: 'new-r1', refreshToken: 'r2' }]);
  });
});

describe('engine with bad responses', () => {
  let t: { ledger: Ledger; cleanup: () => void };
  beforeEach(() => (t = openTempLedger()));
  afterEach(() => t.cleanup());

  async function runOnce(): Promise<void> {
    const engine = new SyncEngine({ ledger: t.ledger, client, intervalMs: 60_000, reconcileDelayMs: 60_000 });
    engine.start();
    await engine.drain();
    await engine.stop();
  }

  it('a 2xx it cannot read makes the action uncertain, and reconciliation settles it', async () => {
    const u = uitpasNumber(5);
    const a = checkin(u);
    t.ledger.record({ ...a, passholderId: 'ph-5' });
    const created = new Date().toISOString();
    stub.handle('POST', '/checkins', (_q, res) => json(res, 201, 'not json at all'));
    // The history does not show it yet: uncertain, then resent (the history is the truth).
    let history: unknown[] = [];
    stub.handle('GET', '/checkins', (_q, res) =>
      json(res, 200, { totalItems: history.length, member: history }),
    );
    stub.handle('POST', '/checkins', (_q, res) => {
      history = [{ id: 'c-1', creationDate: created, eventId: 'event-1', uitpasNumber: u }];
      json(res, 201, '{{');
    });
    await runOnce();
    const after = t.ledger.getAction(a.id);
    expect(after?.state).toBe('reconciled');
    expect(after?.serverIds).toEqual(['c-1']);
    expect(stub.requests.filter((r) => r.method === 'POST' && r.url === '/checkins').length).toBe(1);
  });

  it('a kiosk check-in whose answer was lost is settled by the check-in limit, not doubled', async () => {
    const kiosk = createUitpasClient({
      baseUrl: stub.baseUrl,
      timeoutMs: 300,
      auth: { kind: 'kiosk-device', deviceToken: 'device-1' },
    });
    let calls = 0;
    stub.handle('POST', '/kiosk-devices/checkins', (req, res) => {
      calls++;
      expect(req.headers['x-custom-token']).toBe('device-1');
      if (calls === 1) return req.socket.destroy();
      json(res, 400, {
        type: 'https://api.publiq.be/probs/uitpas/maximum-reached',
        title: 'max',
        status: 400,
      });
    });
    const a = { ...checkin(uitpasNumber(8)), type: 'kiosk-checkin' as const, chipNumber: '04AABBCCDDEEFF' };
    const {
      uitpasNumber: _u,
      eventId: _e,
      ...kioskAction
    } = a as typeof a & { uitpasNumber: string; eventId: string };
    expect(t.ledger.record(kioskAction).ok).toBe(true);
    const engine = new SyncEngine({ ledger: t.ledger, client: kiosk, intervalMs: 60_000 });
    engine.start();
    await engine.drain();
    await engine.stop();
    expect(t.ledger.getAction(a.id)?.state).toBe('reconciled');
    expect(calls).toBe(2);
  });

  it('a hanging server leaves the action uncertain, never pending-and-resent', async () => {
    const a = checkin(uitpasNumber(6));
    t.ledger.record(a);
    stub.handle('POST', '/checkins', () => undefined);
    await runOnce();
    expect(t.ledger.getAction(a.id)?.state).toBe('uncertain');
    expect(stub.requests.filter((r) => r.url === '/checkins').length).toBe(1);
  });
});
