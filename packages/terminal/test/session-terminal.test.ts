// The staff session through the terminal's contract, on real ledger files and real sandboxes: PIN sign-in
// with hashed PINs and throttling, lock and inactivity lock, UiTiD sign-in (authorization code + PKCE),
// organizers last used first, permissions refused by the terminal, and switching API environments.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Command, CommandName, CommandOutput, ContractResult } from '@uitpas/domain';
import { startSandbox, type SandboxHandle } from '@uitpas/sandbox/testing';
import { openLedger, SecretStore, loadOrCreateKey } from '@uitpas/sync';
import { createStationTerminal, type StationSettings, type StationTerminal } from '../src/station.node.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const poll = <T>(fn: () => T | Promise<T>) => expect.poll(fn, { timeout: 15_000, interval: 50 });

let sandbox: SandboxHandle;
let second: SandboxHandle;
let dataDir: string;
const stations: StationTerminal[] = [];

const STAFF = [
  { id: 'els', name: 'Els Baert', pin: '2468' },
  { id: 'tom', name: 'Tom Claes', pin: '1357' },
];

function settings(overrides: Partial<Extract<StationSettings, { backend: 'api' }>> = {}) {
  const s = sandbox.seed;
  return {
    backend: 'api',
    apiBaseUrl: sandbox.baseUrl,
    tokenUrl: `${sandbox.baseUrl}/realms/uitid/protocol/openid-connect/token`,
    clientId: s.CLIENTS.counter.clientId,
    clientSecret: s.CLIENTS.counter.clientSecret,
    uitidClientId: s.PKCE_CLIENT_ID,
    ledgerFile: join(dataDir, `ledger-${Math.random().toString(36).slice(2)}.sqlite`),
    stationId: 'counter-session',
    staff: STAFF,
    pinThrottle: { freeAttempts: 3, baseDelayMs: 1_000 },
    station: { environment: 'sandbox', language: 'nl', trainingMode: false, simulator: true },
    ...overrides,
  } satisfies StationSettings;
}

async function open(overrides: Parameters<typeof settings>[0] = {}) {
  const station = await createStationTerminal(settings(overrides), () => {});
  stations.push(station);
  const attempt = <N extends CommandName>(name: N, input: Extract<Command, { name: N }>['input']) =>
    station.terminal.handle({ name, input } as Command) as Promise<ContractResult<CommandOutput<N>>>;
  const call = async <N extends CommandName>(name: N, input: Extract<Command, { name: N }>['input']) => {
    const r = (await station.terminal.handle({ name, input } as Command)) as ContractResult<CommandOutput<N>>;
    if (!r.ok) throw new Error(`${name}: ${r.problem.message.nl}`);
    return r.value;
  };
  return { station, attempt, call };
}

/** What the sandbox's login page does for a person with a browser, done with fetch. */
async function uitidLogin(authorizeUrl: string, username: string, password: string) {
  const params = new URL(authorizeUrl).searchParams;
  const form = new URLSearchParams(params);
  form.set('username', username);
  form.set('password', password);
  const login = await fetch(authorizeUrl.split('?')[0] as string, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: form.toString(),
    redirect: 'manual',
  });
  if (login.status !== 302) return { status: login.status, page: await login.text() };
  const callback = await fetch(login.headers.get('location') as string);
  return { status: callback.status, page: await callback.text() };
}

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'session-terminal-'));
  [sandbox, second] = await Promise.all([startSandbox(), startSandbox()]);
}, 120_000);

afterAll(async () => {
  for (const s of stations) await s.stop();
  await Promise.all([sandbox?.dispose(), second?.dispose()]);
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

describe('staff session', () => {
  it('signs in with a PIN, throttles wrong PINs, locks by hand and after inactivity, records the staff member', async () => {
    const file = join(dataDir, 'pin-station.sqlite');
    const { station, attempt, call } = await open({ ledgerFile: file, idleLockMs: 60_000 });
    const start = await call('session.get', {});
    expect(start.state).toBe('signed-out');
    expect(start.staffList.map((s) => s.name)).toEqual(['Els Baert', 'Tom Claes']);
    expect(JSON.stringify(start)).not.toContain('2468');

    const closed = await attempt('identify', {
      source: 'typed',
      value: sandbox.seed.PASSHOLDERS.amira.uitpasNumber,
    });
    expect(closed.ok || closed.problem.kind).toBe('signed-out');
    expect(!closed.ok && closed.problem.message.nl).toBe('Meld je eerst aan op deze balie.');

    const wrong = await attempt('session.pin.signIn', { staffId: 'els', pin: '0000' });
    expect(!wrong.ok && wrong.problem.message.nl).toBe('Deze pincode klopt niet. Probeer opnieuw.');
    await attempt('session.pin.signIn', { staffId: 'els', pin: '0001' });
    await attempt('session.pin.signIn', { staffId: 'tom', pin: '0002' });
    // The third wrong PIN starts a wait: even the right PIN is refused until it is over.
    const blocked = await attempt('session.pin.signIn', { staffId: 'els', pin: '2468' });
    expect(!blocked.ok && blocked.problem.kind).toBe('pin-throttled');
    expect(!blocked.ok && blocked.problem.message.nl).toMatch(/^Te veel foute pincodes\. Wacht \d+ seconden/);
    await poll(async () => (await attempt('session.pin.signIn', { staffId: 'els', pin: '2468' })).ok).toBe(
      true,
    );
    expect(await call('session.get', {})).toMatchObject({
      state: 'signed-in',
      method: 'pin',
      staff: { id: 'els', name: 'Els Baert' },
    });

    const amira = sandbox.seed.PASSHOLDERS.amira;
    const who = await call('identify', { source: 'typed', value: amira.uitpasNumber });
    const receipt = await call('checkin', {
      identificationId: who.identificationId,
      eventId: sandbox.seed.EVENTS.concertToday.id,
    });

    await call('session.lock', {});
    const whileLocked = await attempt('identify', { source: 'typed', value: amira.uitpasNumber });
    expect(!whileLocked.ok && whileLocked.problem.kind).toBe('locked');
    const badUnlock = await attempt('session.unlock', { pin: '1357' });
    expect(!badUnlock.ok && badUnlock.problem.kind).toBe('wrong-pin');
    expect((await call('session.unlock', { pin: '2468' })).state).toBe('signed-in');

    await station.stop();
    stations.splice(stations.indexOf(station), 1);
    const ledger = openLedger(file);
    if (!ledger.ok) throw new Error('ledger');
    expect(ledger.ledger.getAction(receipt.actionId)?.staffId).toBe('els');
    // Only hashes at rest: the PIN itself is nowhere in the station's secrets.
    const key = loadOrCreateKey(join(dataDir, 'secret.key'));
    if (!key.ok) throw new Error('key');
    const stored = new SecretStore(ledger.ledger, key.key).get('station.staff') ?? '';
    expect(stored).toContain('Els Baert');
    expect(stored).not.toContain('2468');
    ledger.ledger.close();

    const idle = await open({ idleLockMs: 300 });
    await idle.call('session.pin.signIn', { staffId: 'tom', pin: '1357' });
    await poll(async () => (await idle.call('session.get', {})).state).toBe('locked');
    expect((await idle.call('session.get', {})).staff?.name).toBe('Tom Claes');
  });

  it('signs in with UiTiD (authorization code + PKCE) and keeps the tokens in the terminal', async () => {
    const { station, attempt, call } = await open();
    const events: string[] = [];
    station.terminal.subscribe((e) => events.push(JSON.stringify(e)));
    const started = await call('session.uitid.start', {});
    const url = new URL(started.authorizeUrl);
    expect(url.searchParams.get('code_challenge_method')).toBe('S256');
    expect(url.searchParams.get('redirect_uri')).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/uitid\/callback$/);

    const denied = await uitidLogin(started.authorizeUrl, 'balie@maldegem.demo', 'fout');
    expect(denied.page).toContain('Onbekend e-mailadres of fout wachtwoord.');
    const done = await uitidLogin(started.authorizeUrl, 'balie@maldegem.demo', 'uitpas-maldegem');
    expect(done.status).toBe(200);
    expect(done.page).toContain('Je bent aangemeld als Pieter Goethals.');
    expect(await call('session.get', {})).toMatchObject({
      state: 'signed-in',
      method: 'uitid',
      staff: { name: 'Pieter Goethals' },
    });
    // The user's own organizers (not the station client's), each with its permissions.
    const { organizers } = await call('organizers.list', {});
    expect(organizers.map((o) => o.name).sort()).toEqual([
      'Bibliotheek Maldegem (demo)',
      'Zwembad Assenede (demo)',
    ]);
    expect(organizers[0]?.permissions).toContain('CHECKINS_WRITE');
    // A replayed callback (the code is single-use, the state spent) signs nobody in.
    const replay = await uitidLogin(started.authorizeUrl, 'balie@maldegem.demo', 'uitpas-maldegem');
    expect(replay.status).toBe(400);
    expect(events.join('\n')).not.toMatch(/access_token|refresh_token|accessToken|refreshToken/);
    expect((await attempt('session.lock', {})).ok).toBe(true);
  });

  it('offers the organizers used last first, remembered per station, and refuses what the organizer may not do', async () => {
    const file = join(dataDir, 'limited.sqlite');
    const limited = sandbox.seed.CLIENTS.limited;
    const first = await open({
      ledgerFile: file,
      clientId: limited.clientId,
      clientSecret: limited.clientSecret,
      staffId: 'preset',
    });
    const maldegem = sandbox.seed.ORGANIZERS.bibMaldegem;
    const station = await first.call('station.configure', { organizerId: maldegem.id });
    expect(station.permissions).toContain('CHECKINS_WRITE');
    expect(station.permissions).not.toContain('TICKETSALES_REGISTER');
    const amira = sandbox.seed.PASSHOLDERS.amira;
    const who = await first.call('identify', { source: 'typed', value: amira.uitpasNumber });
    const sale = await first.attempt('ticket-sale.register', {
      identificationId: who.identificationId,
      eventId: sandbox.seed.EVENTS.concertToday.id,
      lines: [{ regularPriceCents: 1200, tariffId: 'x', count: 1 }],
    });
    expect(!sale.ok && sale.problem.kind).toBe('no-permission');
    expect(!sale.ok && sale.problem.message.nl).toBe(
      'De gekozen organisatie heeft geen toestemming voor deze handeling.',
    );
    const status = await first.attempt('desk.kansenstatuut.set', {
      uitpasNumber: amira.uitpasNumber,
      endDate: '2030-01-01',
    });
    expect(!status.ok && status.problem.kind).toBe('no-permission');
    await first.station.stop();
    stations.splice(stations.indexOf(first.station), 1);

    const again = await open({
      ledgerFile: file,
      clientId: limited.clientId,
      clientSecret: limited.clientSecret,
      staffId: 'preset',
    });
    const { organizers } = await again.call('organizers.list', {});
    expect(organizers[0]).toMatchObject({ id: maldegem.id, lastUsed: true });
    expect((await again.call('station.get', {})).organizer?.id).toBe(maldegem.id);
  });

  it('switches to another environment only with nothing queued, and then needs a new sign-in there', async () => {
    const s2 = second.seed;
    const { attempt, call } = await open({
      idleLockMs: 0,
      environments: {
        'publiq-test': {
          apiBaseUrl: second.baseUrl,
          tokenUrl: `${second.baseUrl}/realms/uitid/protocol/openid-connect/token`,
          stationClient: {
            clientId: s2.CLIENTS.counter.clientId,
            clientSecret: s2.CLIENTS.counter.clientSecret,
          },
        },
      },
    });
    await call('session.pin.signIn', { staffId: 'els', pin: '2468' });
    await call('station.configure', { organizerId: sandbox.seed.ORGANIZERS.ccEeklo.id });
    const amira = sandbox.seed.PASSHOLDERS.amira;
    const who = await call('identify', { source: 'typed', value: amira.uitpasNumber });
    await sandbox.stop();
    try {
      const queued = await call('checkin', {
        identificationId: who.identificationId,
        eventId: sandbox.seed.EVENTS.concertToday.id,
      });
      expect(queued.state).toBe('queued');
      const refused = await attempt('station.configure', { environment: 'publiq-test' });
      expect(!refused.ok && refused.problem.kind).toBe('actions-queued');
      expect(!refused.ok && refused.problem.message.nl).toBe(
        'Er wacht nog 1 handeling om naar de huidige omgeving verstuurd te worden. Wissel pas van omgeving als alles verstuurd is.',
      );
      expect((await call('station.get', {})).environment).toBe('sandbox');
    } finally {
      await sandbox.restart();
    }
    // The engine's backoff after the outage can be long on a loaded machine.
    await expect
      .poll(async () => (await call('status.get', {})).sync.queueDepth, { timeout: 60_000, interval: 200 })
      .toBe(0);

    const switched = await call('station.configure', { environment: 'publiq-test' });
    expect(switched.environment).toBe('publiq-test');
    expect(switched.organizer).toBeUndefined();
    expect((await call('session.get', {})).state).toBe('signed-out');
    const closed = await attempt('identify', { source: 'typed', value: amira.uitpasNumber });
    expect(!closed.ok && closed.problem.kind).toBe('signed-out');

    await call('session.pin.signIn', { staffId: 'els', pin: '2468' });
    // The first sandbox is gone: everything now comes from the second one.
    await sandbox.stop();
    try {
      await call('station.configure', { organizerId: s2.ORGANIZERS.ccEeklo.id });
      const there = await call('identify', { source: 'typed', value: s2.PASSHOLDERS.jonas.uitpasNumber });
      expect(there.kind).toBe('passholder');
      const checkin = await call('checkin', {
        identificationId: there.identificationId,
        eventId: s2.EVENTS.concertToday.id,
      });
      expect(checkin.state).toBe('confirmed');
    } finally {
      await sandbox.restart();
    }
  });
});
