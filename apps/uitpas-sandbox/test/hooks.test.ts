// Test hooks and the child-process testing entry: faults per route, clock, state, outage and restart.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type SandboxHandle } from '../src/testing.node.ts';
import {
  Api,
  EVENTS,
  NOON,
  ORGANIZERS,
  PASSHOLDERS,
  clientToken,
  fresh,
  problemType,
  world,
  type World,
} from './helpers.ts';

describe('faults and clock (in process)', () => {
  let w: World;
  beforeAll(async () => {
    w = await world();
  });
  afterAll(async () => {
    await w.sandbox.dispose();
  });

  const checkin = () =>
    fetch(`${w.sandbox.baseUrl}/checkins`, {
      method: 'POST',
      headers: { authorization: `Bearer ${w.api.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ eventId: EVENTS.concertToday.id, uitpasNumber: PASSHOLDERS.amira.uitpasNumber }),
    });

  it('answers an injected 5xx for the given number of requests', async () => {
    await fresh(w);
    await w.sandbox.admin.addFault({ route: 'GET /permissions', kind: 'status', status: 503, remaining: 1 });
    const first = await fetch(`${w.sandbox.baseUrl}/permissions`, {
      headers: { authorization: `Bearer ${w.api.token}` },
    });
    expect(first.status).toBe(503);
    expect((await w.api.get('/permissions')).status).toBe(200);
  });

  it('answers 429 rate-limited with Retry-After', async () => {
    await fresh(w);
    await w.sandbox.admin.addFault({ route: 'POST /checkins', kind: 'rate-limit', retryAfterSeconds: 7 });
    const res = await checkin();
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('7');
    expect(((await res.json()) as { type: string }).type).toBe(
      'https://api.publiq.be/probs/uitpas/rate-limited',
    );
    expect((await w.sandbox.admin.state()).checkins).toHaveLength(0);
  });

  it('adds latency before handling', async () => {
    await fresh(w);
    await w.sandbox.admin.addFault({ route: 'GET /permissions', kind: 'latency', latencyMs: 3000 });
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), 200);
    await expect(
      fetch(`${w.sandbox.baseUrl}/permissions`, {
        headers: { authorization: `Bearer ${w.api.token}` },
        signal: controller.signal,
      }),
    ).rejects.toThrow();
    clearTimeout(timer);
  });

  it('drops the connection before the handler runs: no effect', async () => {
    await fresh(w);
    await w.sandbox.admin.addFault({ route: 'POST /checkins', kind: 'drop-before', remaining: 1 });
    await expect(checkin()).rejects.toThrow();
    expect((await w.sandbox.admin.state()).checkins).toHaveLength(0);
  });

  it('drops the connection after the handler committed: the lost-response case', async () => {
    await fresh(w);
    await w.sandbox.admin.addFault({ route: 'POST /checkins', kind: 'drop-after', remaining: 1 });
    await expect(checkin()).rejects.toThrow();
    const state = await w.sandbox.admin.state();
    expect(state.checkins).toHaveLength(1);
    // The client can find the effect in the history (ARCHITECTURE.md "Data").
    const history = await w.api.get<{ totalItems: number }>(
      `/checkins?passholderId=${PASSHOLDERS.amira.id}&organizerId=${ORGANIZERS.ccEeklo.id}`,
    );
    expect(history.body.totalItems).toBe(1);
  });

  it('faults can target the token endpoint and be cleared', async () => {
    await fresh(w);
    await w.sandbox.admin.addFault({
      route: '/realms/uitid/protocol/openid-connect/token',
      kind: 'status',
      status: 502,
    });
    const res = await fetch(`${w.sandbox.baseUrl}/realms/uitid/protocol/openid-connect/token`, {
      method: 'POST',
    });
    expect(res.status).toBe(502);
    await w.sandbox.admin.clearFaults();
    expect(await w.sandbox.admin.faults()).toEqual([]);
    await clientToken(w.sandbox.baseUrl);
  });

  it('rejects malformed fault rules', async () => {
    await expect(w.sandbox.admin.addFault({ route: '*', kind: 'status', status: 200 })).rejects.toThrow(
      /5xx/,
    );
  });

  it('the clock drives every rule and can be frozen', async () => {
    await fresh(w);
    const frozen = await w.sandbox.admin.setClock(NOON, true);
    expect(frozen.now).toBe(NOON.toISOString());
    const res = await w.api.post('/checkins', {
      eventId: EVENTS.concertToday.id,
      uitpasNumber: PASSHOLDERS.amira.uitpasNumber,
    });
    expect(res.body.creationDate).toBe(NOON.toISOString());
    await w.sandbox.admin.resetClock();
  });
});

describe('child process (startSandbox)', () => {
  let s: SandboxHandle;
  beforeAll(async () => {
    s = await startSandbox();
  }, 60_000);
  afterAll(async () => {
    await s.dispose();
  });

  it('prints SANDBOX_READY, survives a stop/restart on the same port and database', async () => {
    // Seeded on the real clock: the week-long exhibition is open whatever the time of day.
    const api = new Api(s.baseUrl, await clientToken(s.baseUrl));
    const body = { eventId: EVENTS.expoThisWeek.id, uitpasNumber: PASSHOLDERS.amira.uitpasNumber };
    expect((await api.post('/checkins', body)).status).toBe(201);
    const baseUrl = s.baseUrl;
    await s.stop();
    await expect(fetch(`${baseUrl}/permissions`)).rejects.toThrow();
    await s.restart();
    expect(s.baseUrl).toBe(baseUrl);
    // The database survived: the check-in, the points and the token are still there.
    const state = await s.admin.state();
    expect(state.checkins).toHaveLength(1);
    expect(state.points.find((p) => p.passholderId === PASSHOLDERS.amira.id)?.points).toBe(
      PASSHOLDERS.amira.points + 1,
    );
    expect(problemType(await api.post('/checkins', body))).toBe('uitpas/checkin-not-allowed');
  }, 60_000);
});

describe('logs', () => {
  it('mask INSZ numbers and secrets', async () => {
    const { safePath } = await import('../src/app.node.ts');
    const line = safePath(
      `/passholders?inszNumber=${PASSHOLDERS.amira.inszNumber}&client_secret=s3cret&code=abc`,
    );
    expect(line).not.toContain(PASSHOLDERS.amira.inszNumber);
    expect(line).not.toContain('s3cret');
    expect(line).toContain('85.....-..27');
  });
});
