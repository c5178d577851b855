// Concurrency and bad input: the documented problem every time, never a crash or a 500.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { API_HANDLERS } from '../src/api.node.ts';
import { EVENTS, PASSHOLDERS, REWARDS, fresh, problemType, world, type World } from './helpers.ts';

let w: World;

beforeAll(async () => {
  w = await world();
});
afterAll(async () => {
  await w.sandbox.dispose();
});
beforeEach(async () => {
  await fresh(w);
});

describe('concurrency', () => {
  it('200 parallel redemptions of a reward with stock 10 give exactly 10 successes', async () => {
    const tries = Array.from({ length: 200 }, () =>
      fetch(`${w.sandbox.baseUrl}/rewards/redeemed`, {
        method: 'POST',
        headers: { authorization: `Bearer ${w.api.token}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          rewardId: REWARDS.concertticket.id,
          uitpasNumber: PASSHOLDERS.bram.uitpasNumber,
        }),
      }).then(async (r) => ({ status: r.status, type: ((await r.json()) as { type?: string }).type })),
    );
    const results = await Promise.all(tries);
    expect(results.filter((r) => r.status === 201)).toHaveLength(10);
    const refused = results.filter((r) => r.status !== 201);
    expect(refused).toHaveLength(190);
    expect(new Set(refused.map((r) => r.type))).toEqual(
      new Set(['https://api.publiq.be/probs/uitpas/reward-volume-constraint']),
    );
    const state = await w.sandbox.admin.state();
    expect(state.redemptions).toHaveLength(10);
    expect(state.rewards.find((r) => r.id === REWARDS.concertticket.id)?.unitsTaken).toBe(10);
    expect(state.points.find((p) => p.passholderId === PASSHOLDERS.bram.id)?.points).toBe(
      PASSHOLDERS.bram.points - 10,
    );
  });

  it('parallel check-ins of one passholder respect the limit', async () => {
    const results = await Promise.all(
      Array.from({ length: 20 }, () =>
        fetch(`${w.sandbox.baseUrl}/checkins`, {
          method: 'POST',
          headers: { authorization: `Bearer ${w.api.token}`, 'content-type': 'application/json' },
          body: JSON.stringify({
            eventId: EVENTS.concertToday.id,
            uitpasNumber: PASSHOLDERS.jonas.uitpasNumber,
          }),
        }).then((r) => r.status),
      ),
    );
    expect(results.filter((s) => s === 201)).toHaveLength(1);
  });

  it('a repeated POST repeats its effect (no idempotency keys, like publiq)', async () => {
    const body = { rewardId: REWARDS.goedDoel.id, uitpasNumber: PASSHOLDERS.bram.uitpasNumber };
    expect((await w.api.post('/rewards/redeemed', body)).status).toBe(201);
    expect((await w.api.post('/rewards/redeemed', body)).status).toBe(201);
    expect((await w.sandbox.admin.state()).redemptions).toHaveLength(2);
  });
});

describe('bad input', () => {
  const post = (path: string, raw: string, contentType = 'application/json') =>
    w.api.call('POST', path, { raw, headers: { 'content-type': contentType } });

  it('malformed JSON → body/invalid-syntax', async () => {
    const res = await post('/checkins', '{"eventId": ');
    expect(res.status).toBe(400);
    expect(problemType(res)).toBe('body/invalid-syntax');
  });

  it('no body → body/missing', async () => {
    expect(problemType(await post('/checkins', ''))).toBe('body/missing');
  });

  it('wrong types → body/invalid-data with schemaErrors', async () => {
    const res = await w.api.post('/checkins', { eventId: 42, uitpasNumber: ['x'] });
    expect(problemType(res)).toBe('body/invalid-data');
    const pointers = (res.body.schemaErrors as { jsonPointer: string }[]).map((e) => e.jsonPointer);
    expect(pointers).toEqual(expect.arrayContaining(['/eventId', '/uitpasNumber']));
  });

  it('missing required fields → body/invalid-data pointing at them', async () => {
    const res = await w.api.post('/rewards/redeemed', { rewardId: REWARDS.koffie.id });
    expect(res.body.schemaErrors).toEqual([expect.objectContaining({ jsonPointer: '/uitpasNumber' })]);
  });

  it('unknown fields → body/invalid-data (a typo is reported, not dropped)', async () => {
    const res = await w.api.post('/checkins', {
      eventId: EVENTS.concertToday.id,
      uitpasNumber: PASSHOLDERS.amira.uitpasNumber,
      uitpasnumber: 'typo',
    });
    expect(problemType(res)).toBe('body/invalid-data');
    expect(res.body.schemaErrors).toEqual([expect.objectContaining({ jsonPointer: '/uitpasnumber' })]);
  });

  it('a body over the limit is refused without a crash', async () => {
    const huge = JSON.stringify([
      { eventId: 'x'.repeat(2 * 1024 * 1024), uitpasNumber: '1', regularPrice: 1, tariff: { id: 'x' } },
    ]);
    const res = await post('/ticket-sales', huge);
    expect(res.status).toBe(400);
    expect(problemType(res)).toBe('body/invalid-syntax');
  });

  it('a body that is not JSON → header/unsupported-media-type', async () => {
    expect(problemType(await post('/checkins', 'eventId=1', 'text/plain'))).toBe(
      'header/unsupported-media-type',
    );
  });

  it('path traversal and odd ids are just unknown ids', async () => {
    for (const id of ['..%2F..%2Fetc%2Fpasswd', '%2e%2e', "1'%20OR%20'1'='1", '%00', 'x'.repeat(3000)]) {
      const res = await w.api.delete(`/checkins/${id}`);
      expect(res.status).toBe(404);
    }
    expect((await w.api.get('/rewards/..%2F..%2Fpermissions')).status).toBe(404);
    expect((await w.api.get('/passholders/%E0%A4%A')).status).toBe(404);
  });

  it('invalid query parameters → a problem, limit above 500 → url/query-limit-exceeded', async () => {
    expect(problemType(await w.api.get('/rewards?limit=501'))).toBe('url/query-limit-exceeded');
    expect(problemType(await w.api.get('/rewards?limit=abc'))).toBe('body/invalid-data');
    expect(
      problemType(
        await w.api.get(`/tariffs?eventId=${EVENTS.concertToday.id}&uitpasNumber=1&regularPrice=duur`),
      ),
    ).toBe('body/invalid-data');
    expect(problemType(await w.api.get('/passes'))).toBe('body/invalid-data');
    expect(problemType(await w.api.get('/passes?identifier=hallo'))).toBe('body/invalid-data');
  });

  it('unknown routes → url/not-found, wrong methods → method/not-allowed', async () => {
    expect(problemType(await w.api.get('/does-not-exist'))).toBe('url/not-found');
    const res = await w.api.call('PATCH', '/checkins');
    expect(res.status).toBe(405);
    expect(problemType(res)).toBe('method/not-allowed');
  });

  it('missing, forged and expired tokens → auth/unauthorized', async () => {
    expect(problemType(await w.api.get('/permissions', null))).toBe('auth/unauthorized');
    expect(problemType(await w.api.get('/permissions', 'forged-token'))).toBe('auth/unauthorized');
    expect(
      problemType(
        await w.api.call('GET', '/permissions', { headers: { authorization: 'Basic abc' }, token: null }),
      ),
    ).toBe('auth/unauthorized');
    await w.sandbox.admin.advanceClock(86_400 + 1);
    const expired = await w.api.get('/permissions');
    expect(expired.status).toBe(401);
    expect(problemType(expired)).toBe('auth/unauthorized');
  });
});

describe('hostile input on every route', () => {
  const HOSTILE_BODIES = [
    '[',
    '{}',
    '[]',
    'null',
    '"x"',
    '{"__proto__":{"admin":true}}',
    JSON.stringify({ a: { b: { c: [1, 2, { d: null }] } } }),
  ];
  const HOSTILE_IDS = ['%00', '..%2F..', "'%20OR%201=1--", 'x'.repeat(500), '%F0%9F%92%A9'];

  it('answers a documented problem, never a 500, for every implemented operation', async () => {
    for (const key of Object.keys(API_HANDLERS)) {
      const [method, template] = key.split(' ') as [string, string];
      for (const id of HOSTILE_IDS) {
        const path =
          template.replace(/\{[^}]+\}/g, id) + '?limit=-1&start=abc&uitpasNumber=%00&identifier=%20';
        const headers = { 'x-custom-token': 'ZUIL-EEKLO-2026' };
        const bodies = method === 'GET' || method === 'DELETE' ? [undefined] : HOSTILE_BODIES;
        for (const raw of bodies) {
          const res = await w.api.call(method, path, {
            headers: raw === undefined ? headers : { ...headers, 'content-type': 'application/json' },
            ...(raw === undefined ? {} : { raw }),
          });
          expect(res.status, `${method} ${path}`).toBeGreaterThanOrEqual(200);
        }
      }
    }
    // Still healthy afterwards.
    expect((await w.api.get('/permissions')).status).toBe(200);
  });
});
