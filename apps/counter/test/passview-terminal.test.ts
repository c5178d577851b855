// Pass holder search, memberships, history and group-pass ticket sales through the terminal's contract, on a
// real ledger file and the real sandbox.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Command, CommandName, CommandOutput, ContractResult, TerminalEvent } from '@uitpas/domain';
import { startSandbox, type SandboxHandle } from '@uitpas/sandbox/testing';
import { createStationTerminal, type StationTerminal } from '@uitpas/terminal/station';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addPassviewFixtures, FAMILY } from './passview-fixtures.ts';

let sandbox: SandboxHandle;
let dataDir: string;
let station: StationTerminal;

const attempt = <N extends CommandName>(name: N, input: Extract<Command, { name: N }>['input']) =>
  station.terminal.handle({ name, input } as Command) as Promise<ContractResult<CommandOutput<N>>>;
async function call<N extends CommandName>(
  name: N,
  input: Extract<Command, { name: N }>['input'],
): Promise<CommandOutput<N>> {
  const r = (await station.terminal.handle({ name, input } as Command)) as ContractResult<CommandOutput<N>>;
  if (!r.ok) throw new Error(`${name}: ${r.problem.message.nl}`);
  return r.value;
}

async function identified(uitpasNumber: string) {
  const who = await call('identify', { source: 'typed', value: uitpasNumber });
  if (who.kind !== 'passholder' && who.kind !== 'group-pass') throw new Error(`not identified: ${who.kind}`);
  return who;
}

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'counter-passview-'));
  sandbox = await startSandbox();
  await addPassviewFixtures(sandbox);
  const s = sandbox.seed;
  station = await createStationTerminal({
    backend: 'api',
    apiBaseUrl: sandbox.baseUrl,
    tokenUrl: `${sandbox.baseUrl}/realms/uitid/protocol/openid-connect/token`,
    clientId: s.CLIENTS.counter.clientId,
    clientSecret: s.CLIENTS.counter.clientSecret,
    ledgerFile: join(dataDir, 'ledger.sqlite'),
    stationId: 'balie-1',
    staffId: 'an',
    station: {
      environment: 'sandbox',
      language: 'nl',
      trainingMode: false,
      simulator: false,
      organizerId: s.ORGANIZERS.ccEeklo.id,
    },
  });
}, 120_000);

afterAll(async () => {
  await station?.stop();
  await sandbox?.dispose();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

describe('pass holder search through the terminal', () => {
  it('finds by name and birth date, masks the INSZ, and identifies the pick through the identify router', async () => {
    const amira = sandbox.seed.PASSHOLDERS.amira;
    const found = await call('passholders.search', { name: 'peeters', dateOfBirth: '30/07/1985' });
    expect(found.outcome).toBe('found');
    if (found.outcome !== 'found') return;
    expect(found.results).toEqual([
      {
        passholderId: amira.id,
        firstName: 'Amira',
        name: 'Peeters',
        dateOfBirth: '1985-07-30',
        city: 'Eeklo',
        inszMasked: '85.....-..27',
        identifiable: true,
      },
    ]);
    expect(JSON.stringify(found)).not.toContain(amira.inszNumber);
    const events: TerminalEvent[] = [];
    const off = station.terminal.subscribe((e) => events.push(e));
    const picked = await call('passholders.pick', { passholderId: amira.id });
    off();
    expect(events.map((e) => e.type)).toEqual(['identification-cleared', 'identified']);
    const event = events[1];
    expect(event?.type === 'identified' && event.identification).toMatchObject({
      identificationId: picked.identificationId,
      source: 'search',
      kind: 'passholder',
      pass: { uitpasNumber: amira.uitpasNumber },
    });
  });

  it('answers no result, too many results and bad input with a Dutch message, and refuses a pick not offered', async () => {
    expect(await call('passholders.search', { name: 'Zzyzx' })).toMatchObject({
      outcome: 'none',
      message: { nl: expect.stringContaining('Geen pashouder gevonden') },
    });
    expect(await call('passholders.search', { name: FAMILY })).toMatchObject({
      outcome: 'too-many',
      message: { nl: expect.stringContaining('te veel') },
    });
    expect(await call('passholders.search', { name: 'Peeters', dateOfBirth: '31/02/1985' })).toMatchObject({
      outcome: 'invalid',
      field: 'dateOfBirth',
      message: { nl: expect.stringContaining('bestaat niet') },
    });
    expect(await call('passholders.search', { name: 'P' })).toMatchObject({
      outcome: 'invalid',
      field: 'name',
    });
    const refused = await attempt('passholders.pick', { passholderId: sandbox.seed.PASSHOLDERS.jonas.id });
    expect(refused.ok).toBe(false);
  });
});

describe('the pass view: memberships, social tariff states and history', () => {
  it('shows each social tariff state of the membership, SUSPENDED with its date', async () => {
    const p = sandbox.seed.PASSHOLDERS;
    const tariffOf = async (uitpasNumber: string) => {
      const who = await identified(uitpasNumber);
      const details = await call('passholder.details', { identificationId: who.identificationId });
      return { who, details, tariff: details.memberships[0]?.socialTariff };
    };
    expect((await tariffOf(p.amira.uitpasNumber)).tariff).toMatchObject({
      status: 'ACTIVE',
      inGracePeriod: false,
    });
    const noah = await tariffOf(p.noah.uitpasNumber);
    expect(noah.tariff).toMatchObject({ status: 'ACTIVE', inGracePeriod: true });
    // The Pass itself has no grace flag: ACTIVE with an end date in the past is read as the grace period.
    expect(noah.who.kind === 'passholder' && noah.who.pass.socialTariff.inGracePeriod).toBe(true);
    expect((await tariffOf(p.lotte.uitpasNumber)).tariff).toMatchObject({ status: 'EXPIRED' });
    const fatima = await tariffOf(p.fatima.uitpasNumber);
    expect(fatima.tariff).toMatchObject({ status: 'SUSPENDED', suspendedUntilDate: expect.any(String) });
    expect(fatima.who.kind === 'passholder' && fatima.who.pass.messages.length).toBeGreaterThan(0);
    expect((await tariffOf(p.jonas.uitpasNumber)).tariff).toEqual({ status: 'NONE' });
  });

  it('lists memberships of every card system', async () => {
    const sofie = sandbox.seed.PASSHOLDERS.sofie;
    const who = await identified(sofie.uitpasNumber);
    const details = await call('passholder.details', { identificationId: who.identificationId });
    expect(details.memberships.map((m) => m.cardSystem).sort()).toEqual([
      'UiTPAS Gent',
      'UiTPAS Meetjesland',
    ]);
    expect(details.memberships.every((m) => m.status === 'ACTIVE' && m.cardStatus === 'ACTIVE')).toBe(true);
  });

  it('shows the history at this organizer, newest first, and refuses a stale identification', async () => {
    const bram = sandbox.seed.PASSHOLDERS.bram;
    const events = await call('activities.list', { range: '30d' });
    const activity = events.activities.find((a) => a.name === 'Workshop keramiek');
    expect(activity).toBeDefined();
    const who = await identified(bram.uitpasNumber);
    await call('checkin', { identificationId: who.identificationId, eventId: activity?.id as string });
    const details = await call('passholder.details', { identificationId: who.identificationId });
    expect(details.history[0]).toMatchObject({ kind: 'checkin', title: 'Workshop keramiek' });
    expect(details.stale).toBe(false);
    await identified(sandbox.seed.PASSHOLDERS.amira.uitpasNumber);
    const stale = await attempt('passholder.details', { identificationId: who.identificationId });
    expect(stale.ok === false && stale.problem.kind).toBe('stale-identification');
  });
});

describe('a group pass at the counter', () => {
  it('is offered kansentarief tickets and buys them, but cannot check in', async () => {
    const group = sandbox.seed.GROUP_PASSES.deSleutel;
    const events = await call('activities.list', { range: '30d' });
    const priced = events.activities.find((a) => a.prices?.some((p) => p.regularPriceCents > 0));
    expect(priced).toBeDefined();
    const who = await identified(group.uitpasNumber);
    expect(who.kind).toBe('group-pass');
    const refused = await attempt('checkin', {
      identificationId: who.identificationId,
      eventId: priced?.id as string,
    });
    expect(refused.ok === false && refused.problem.message.nl).toBe(
      'Met een groepspas kan je niet inchecken.',
    );
    const tariffs = await call('tariffs.get', {
      identificationId: who.identificationId,
      eventId: priced?.id as string,
    });
    const offer = tariffs.offers.find((o) => o.tariffs.some((t) => t.type === 'SOCIALTARIFF'));
    const tariff = offer?.tariffs.find((t) => t.type === 'SOCIALTARIFF');
    expect(tariff?.remaining).toBeGreaterThan(1);
    const sale = await call('ticket-sale.register', {
      identificationId: who.identificationId,
      eventId: priced?.id as string,
      lines: [
        { regularPriceCents: offer?.regularPriceCents as number, tariffId: tariff?.id as string, count: 2 },
      ],
    });
    expect(sale).toMatchObject({ state: 'confirmed', tickets: 2 });
    const rows = (await sandbox.admin.state()).ticketSales.filter(
      (t) => t.group_pass_id === group.id && t.deleted_at === null,
    );
    expect(rows).toHaveLength(2);
  });
});
