// The desk's writes on existing pass holders go through the ledger (recorded with their outbox row, sent
// by the sync engine): block, replace, add a membership, kansenstatuut. Real ledger file, real sandbox,
// with the sandbox's fault injection for a lost answer and an unreachable API.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  emptyRegistrationForm,
  type Command,
  type CommandName,
  type CommandOutput,
  type ContractResult,
} from '@uitpas/domain';
import { startSandbox, type SandboxHandle } from '@uitpas/sandbox/testing';
import { createStationTerminal, type StationTerminal } from '@uitpas/terminal/station';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

let sandbox: SandboxHandle;
let dataDir: string;
let station: StationTerminal;

async function call<N extends CommandName>(
  name: N,
  input: Extract<Command, { name: N }>['input'],
): Promise<CommandOutput<N>> {
  const r = (await station.terminal.handle({ name, input } as Command)) as ContractResult<CommandOutput<N>>;
  if (!r.ok) throw new Error(`${name}: ${r.problem.message.nl}`);
  return r.value;
}
const attempt = <N extends CommandName>(name: N, input: Extract<Command, { name: N }>['input']) =>
  station.terminal.handle({ name, input } as Command) as Promise<ContractResult<CommandOutput<N>>>;

const historyItem = async (actionId: string) =>
  (await call('desk.history', {})).items.find((i) => i.actionId === actionId);

const MEMBERSHIPS = 'POST /passholders/{passholderId}/memberships/{cardSystemId}';

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'counter-desk-writes-'));
  sandbox = await startSandbox();
  const s = sandbox.seed;
  station = await createStationTerminal({
    backend: 'api',
    apiBaseUrl: sandbox.baseUrl,
    tokenUrl: `${sandbox.baseUrl}/realms/uitid/protocol/openid-connect/token`,
    clientId: s.CLIENTS.counter.clientId,
    clientSecret: s.CLIENTS.counter.clientSecret,
    ledgerFile: join(dataDir, 'ledger.sqlite'),
    stationId: 'balie-2',
    staffId: 'bert',
    station: {
      environment: 'sandbox',
      language: 'nl',
      trainingMode: false,
      simulator: false,
      organizerId: s.ORGANIZERS.ccEeklo.id,
    },
  });
  await call('desk.stock.receive', { uitpasNumbers: ['0400000011306', '0400000011405', '0400000011702'] });
}, 120_000);

afterAll(async () => {
  await station?.stop();
  await sandbox?.dispose();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

describe('desk writes through the ledger', () => {
  it('blocks a lost card: recorded, confirmed by UiTPAS, and identifying the card shows it blocked', async () => {
    const amira = sandbox.seed.PASSHOLDERS.amira;
    const blocked = await call('desk.card.block', {
      uitpasNumber: amira.uitpasNumber,
      reason: 'LOSS_THEFT',
      note: 'gestolen op de markt',
    });
    expect(blocked.state).toBe('done');
    expect(blocked.message.nl).toContain('geblokkeerd');
    expect(blocked.message.fr).toContain('bloquée');
    const item = await historyItem(blocked.actionId);
    expect(item).toMatchObject({ type: 'card-block', state: 'confirmed', undoable: false });
    expect(item?.summary).toContain(amira.uitpasNumber);
    expect((await call('identify', { source: 'typed', value: amira.uitpasNumber })).kind).toBe('blocked');
    expect((await call('desk.day.report', {})).totals.cardsBlocked).toBe(1);
    // The old card is no longer the membership's: blocking it again finds nothing to block.
    const again = await attempt('desk.card.block', { uitpasNumber: amira.uitpasNumber, reason: 'OTHER' });
    expect(again.ok).toBe(false);
  });

  it('a lost answer on a card replacement is reconciled from the pass holder, never sent blindly again', async () => {
    const jonas = sandbox.seed.PASSHOLDERS.jonas;
    const before = (await call('desk.stock.get', {})).level;
    await sandbox.admin.addFault({ route: MEMBERSHIPS, kind: 'drop-after', remaining: 1 });
    const replaced = await call('desk.card.replace', {
      uitpasNumber: jonas.uitpasNumber,
      newUitpasNumber: '0400000011306',
      reason: 'DEFECT',
    });
    // The card left the drawer with the recorded action, whatever UiTPAS answered.
    expect((await call('desk.stock.get', {})).level).toBe(before - 1);
    await expect
      .poll(async () => (await historyItem(replaced.actionId))?.state, { timeout: 60_000, interval: 250 })
      .toBe('reconciled');
    expect((await call('identify', { source: 'typed', value: '0400000011306' })).kind).toBe('passholder');
    expect((await call('identify', { source: 'typed', value: jonas.uitpasNumber })).kind).toBe('blocked');
    expect((await call('desk.stock.get', {})).cards).not.toContain('0400000011306');
  });

  it('a card UiTPAS refuses comes back into the drawer and the refusal is shown', async () => {
    const bram = sandbox.seed.PASSHOLDERS.bram;
    const before = await call('desk.stock.get', {});
    const refused = await attempt('desk.card.replace', {
      uitpasNumber: bram.uitpasNumber,
      newUitpasNumber: '0400000011702',
      reason: 'DEFECT',
    });
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.problem.kind).toBe('invalid-card-status');
    const after = await call('desk.stock.get', {});
    expect(after.level).toBe(before.level);
    expect(after.cards).toContain('0400000011702');
  });

  it('kansenstatuut while UiTPAS is unreachable: queued, then done once it answers again', async () => {
    const year = new Date().getFullYear() + 1;
    const fault = await sandbox.admin.addFault({
      route: 'PUT /passholders/{passholderId}',
      kind: 'status',
      status: 503,
    });
    const queued = await call('desk.kansenstatuut.set', {
      uitpasNumber: '0400000011306',
      endDate: `${year}-06-30`,
    });
    expect(queued.state).toBe('queued');
    expect(queued.status).toBe('NONE');
    expect(queued.message.nl).toContain('wachtrij');
    await sandbox.admin.removeFault(fault.id);
    await expect
      .poll(async () => (await call('desk.kansenstatuut.get', { uitpasNumber: '0400000011306' })).status, {
        timeout: 90_000,
        interval: 500,
      })
      .toBe('ACTIVE');
    expect(
      (await call('desk.kansenstatuut.get', { uitpasNumber: '0400000011306' })).endDate?.slice(0, 10),
    ).toBe(`${year}-06-30`);
  });

  it('adds a membership of another card system on a card from stock, once', async () => {
    const sofie = sandbox.seed.PASSHOLDERS.sofie;
    const meetjesland = sandbox.seed.CARD_SYSTEMS.meetjesland.id;
    const added = await call('desk.membership.add', {
      uitpasNumber: sofie.uitpasNumber,
      cardSystemId: meetjesland,
      newUitpasNumber: '0400000011405',
    });
    expect(added).toMatchObject({ state: 'done', uitpasNumber: '0400000011405' });
    expect((await call('desk.stock.get', {})).cards).not.toContain('0400000011405');
    const twice = await attempt('desk.membership.add', {
      uitpasNumber: sofie.uitpasNumber,
      cardSystemId: meetjesland,
    });
    expect(twice.ok).toBe(false);
    if (!twice.ok) expect(twice.problem.kind).toBe('already-member');
  });

  it('keeps the staff note of a registration as the pass holder’s private note (registrationNote)', async () => {
    const draft = await call('desk.draft.open', {});
    await call('desk.draft.save', {
      draftId: draft.draftId,
      form: {
        ...emptyRegistrationForm(),
        firstName: 'Noor',
        name: 'Van Damme',
        dateOfBirth: '1975-09-01',
        street: 'Markt',
        houseNumber: '2',
        postalCode: '9900',
        city: 'Eeklo',
        legalTermsPaper: true,
        cardType: 'DIGITAL',
        paymentMethod: 'card',
        note: 'Slechthorend: duidelijk spreken',
        step: 'payment',
      },
    });
    const registered = await call('desk.registration.submit', { draftId: draft.draftId });
    expect(registered.outcome).toBe('registered');
    if (registered.outcome !== 'registered') return;
    const token = await fetch(`${sandbox.baseUrl}/realms/uitid/protocol/openid-connect/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: sandbox.seed.CLIENTS.counter.clientId,
        client_secret: sandbox.seed.CLIENTS.counter.clientSecret,
      }),
    }).then(async (r) => ((await r.json()) as { access_token: string }).access_token);
    const res = await fetch(`${sandbox.baseUrl}/passholders/${registered.passholderId}/private`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      id: registered.passholderId,
      note: 'Slechthorend: duidelijk spreken',
    });
  });
});
