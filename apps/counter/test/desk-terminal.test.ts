// The front desk's use cases through the terminal's contract, on a real ledger file and the real sandbox:
// registration with price from the API and errors on the right step, card stock, day report, undo.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  emptyRegistrationForm,
  type Command,
  type CommandName,
  type CommandOutput,
  type ContractResult,
  type RegistrationForm,
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

/** A valid INSZ (pre-2000 variant) for a birth date and an odd (male) or even (female) serial. */
function insz(dateOfBirth: string, serial: number): string {
  const first9 = `${dateOfBirth.slice(2, 4)}${dateOfBirth.slice(5, 7)}${dateOfBirth.slice(8, 10)}${String(serial).padStart(3, '0')}`;
  return `${first9}${String(97 - Number(BigInt(first9) % 97n)).padStart(2, '0')}`;
}

function person(overrides: Partial<RegistrationForm> = {}): RegistrationForm {
  return {
    ...emptyRegistrationForm(),
    firstName: 'Wout',
    name: 'Desmet',
    dateOfBirth: '1990-05-17',
    gender: 'MALE',
    inszNumber: insz('1990-05-17', 123),
    street: 'Markt',
    houseNumber: '1',
    postalCode: '9900',
    city: 'Eeklo',
    legalTermsPaper: true,
    cardType: 'NFC_CARD',
    uitpasNumber: '0400000011306',
    paymentMethod: 'cash',
    step: 'payment',
    ...overrides,
  };
}

async function register(form: RegistrationForm) {
  const draft = await call('desk.draft.open', {});
  await call('desk.draft.save', { draftId: draft.draftId, form });
  return call('desk.registration.submit', { draftId: draft.draftId });
}

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'counter-desk-'));
  sandbox = await startSandbox();
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

describe('the front desk against the sandbox', () => {
  it('receives a range of cards into stock and warns when stock is low', async () => {
    const empty = await call('desk.stock.get', {});
    expect(empty.level).toBe(0);
    const stock = await call('desk.stock.receive', { from: '0400000011306', to: '0400000011504' });
    expect(stock.cards).toEqual(['0400000011306', '0400000011405', '0400000011504']);
    expect(stock.level).toBe(3);
    const again = await attempt('desk.stock.receive', { uitpasNumbers: ['0400000011405'] });
    expect(again.ok).toBe(false);
    const bad = await attempt('desk.stock.receive', { from: '0400000011504', to: '0400000011306' });
    expect(bad.ok).toBe(false);
    const warned = await call('desk.stock.threshold', { threshold: 3 });
    expect(warned.low).toBe(true);
    expect((await call('desk.stock.threshold', { threshold: 1 })).low).toBe(false);
  });

  it('prices a pass from the membership-price API and refuses a bad voucher on the card step', async () => {
    const draft = await call('desk.draft.open', {});
    await call('desk.draft.save', { draftId: draft.draftId, form: person() });
    const price = await call('desk.registration.price', { draftId: draft.draftId });
    expect(price).toMatchObject({ outcome: 'price', priceCents: 500 });
    await call('desk.draft.save', { draftId: draft.draftId, form: person({ voucher: 'NEP' }) });
    const voucher = await call('desk.registration.price', { draftId: draft.draftId });
    expect(voucher).toMatchObject({ outcome: 'refused', step: 'card', field: 'voucher' });
    await call('desk.draft.save', { draftId: draft.draftId, form: person({ socialTariff: true }) });
    expect(await call('desk.registration.price', { draftId: draft.draftId })).toMatchObject({
      outcome: 'price',
      priceCents: 100,
    });
    await call('desk.draft.abandon', { draftId: draft.draftId });
  });

  it('checks the INSZ against birth date and gender before anything is sent', async () => {
    const wrongDate = await register(person({ dateOfBirth: '1990-05-18' }));
    expect(wrongDate).toMatchObject({ outcome: 'refused', step: 'personal', field: 'inszNumber' });
    const wrongGender = await register(person({ gender: 'FEMALE' }));
    expect(wrongGender).toMatchObject({ outcome: 'refused', step: 'personal', field: 'inszNumber' });
    expect((await sandbox.admin.state()).checkins).toBeDefined();
  });

  it('sells a pass: recorded, registered at UiTPAS, the card leaves stock, welcome rewards shown', async () => {
    const result = await register(person());
    expect(result).toMatchObject({
      outcome: 'registered',
      uitpasNumber: '0400000011306',
      priceCents: 500,
      paymentMethod: 'cash',
    });
    if (result.outcome !== 'registered') return;
    expect(result.welcomeRewards.map((r) => r.title).join()).toContain('Welkomstgeschenk');
    const stock = await call('desk.stock.get', {});
    expect(stock.level).toBe(2);
    expect(stock.cards).not.toContain('0400000011306');
    const pass = await call('identify', { source: 'typed', value: '0400000011306' });
    expect(pass).toMatchObject({ kind: 'passholder', pass: { firstName: 'Wout' } });
  });

  it('an INSZ already in use lands on the personal step with the API message; the card stays in stock', async () => {
    const amira = sandbox.seed.PASSHOLDERS.amira;
    const result = await register(
      person({
        firstName: 'Amira',
        name: 'Peeters',
        dateOfBirth: amira.dateOfBirth,
        gender: 'FEMALE',
        inszNumber: amira.inszNumber,
        uitpasNumber: '0400000011405',
      }),
    );
    expect(result).toMatchObject({ outcome: 'refused', step: 'personal', field: 'inszNumber' });
    if (result.outcome !== 'refused') return;
    expect(result.message.nl).toMatch(/rijksregisternummer|INSZ/i);
    expect(result.draftId).toBeDefined();
    const carriedOn = await call('desk.draft.open', { draftId: result.draftId ?? '' });
    expect(carriedOn.form.inszNumber).toBe(amira.inszNumber);
    expect(carriedOn.form.step).toBe('personal');
    const stock = await call('desk.stock.get', {});
    expect(stock.cards).toContain('0400000011405');
    expect(stock.level).toBe(2);
  });

  it('marks a damaged card and counts the drawer; every movement is in the ledger', async () => {
    const notHere = await attempt('desk.stock.damaged', { uitpasNumber: '0400000011306' });
    expect(notHere.ok).toBe(false);
    const damaged = await call('desk.stock.damaged', { uitpasNumber: '0400000011504', note: 'gebroken' });
    expect(damaged.level).toBe(1);
    const counted = await call('desk.stock.count', { counted: 4 });
    expect(counted.level).toBe(4);
    expect(counted.movements[0]).toMatchObject({ movement: 'correction', quantity: 3 });
    const kinds = counted.movements.map((m) => m.movement);
    for (const kind of ['received', 'issued', 'returned', 'damaged', 'correction'])
      expect(kinds).toContain(kind);
  });

  it('lists the day in history, undoes a check-in and reports totals; a closed day only gets corrections', async () => {
    const amira = sandbox.seed.PASSHOLDERS.amira;
    const who = await call('identify', { source: 'typed', value: amira.uitpasNumber });
    const checkin = await call('checkin', {
      identificationId: who.identificationId,
      eventId: sandbox.seed.EVENTS.concertToday.id,
    });
    const history = await call('desk.history', {});
    const item = history.items.find((i) => i.actionId === checkin.actionId);
    expect(item).toMatchObject({ type: 'checkin', staffId: 'an', undoable: true });
    const registration = history.items.find((i) => i.type === 'registration' && i.state === 'confirmed');
    expect(registration?.summary).toContain('Wout Desmet');
    expect(registration?.summary).not.toContain(insz('1990-05-17', 123));

    await call('desk.undo', { actionId: checkin.actionId });
    const twice = await attempt('desk.undo', { actionId: checkin.actionId });
    expect(twice.ok).toBe(false);
    const report = await call('desk.day.report', {});
    expect(report.totals.passesSold).toEqual([
      { priceCents: 500, paymentMethod: 'cash', count: 1, totalCents: 500 },
    ]);
    expect(report.totals.cashCents).toBe(500);
    expect(report.totals.checkins).toBe(0);
    expect(report.totals.undos).toBe(1);
    expect(report.totals.rejected).toBe(1);
    expect(report.rows.map((r) => `${r.stationId}/${r.staffId}`)).toEqual(['balie-1/an']);
    expect(report.csv).toContain('balie-1,an,pas verkocht,5.00,cash,1,5.00');

    const closed = await call('desk.day.close', { day: report.day });
    expect(closed.closedAt).not.toBeNull();
    const late = await register(person({ firstName: 'Laat', inszNumber: '', uitpasNumber: '0400000011405' }));
    expect(late.outcome).toBe('registered');
    const after = await call('desk.day.report', { day: report.day });
    expect(after.totals).toEqual(closed.totals);
    expect(after.corrections.map((c) => c.type)).toEqual(['registration']);
    const lateItem = (await call('desk.history', {})).items.find((i) => i.type === 'registration');
    expect(lateItem?.undoable).toBe(false);
  });

  it('grants, extends and ends the kansenstatuut of existing pass holders, showing status and grace period', async () => {
    const { jonas, lotte, amira, noah } = sandbox.seed.PASSHOLDERS;
    const year = new Date().getFullYear() + 1;
    expect(await call('desk.kansenstatuut.get', { uitpasNumber: jonas.uitpasNumber })).toMatchObject({
      status: 'NONE',
      firstName: 'Jonas',
    });
    const granted = await call('desk.kansenstatuut.set', {
      uitpasNumber: jonas.uitpasNumber,
      endDate: `${year}-04-30`,
    });
    expect(granted.status).toBe('ACTIVE');
    expect(granted.endDate?.slice(0, 10)).toBe(`${year}-04-30`);
    expect((await call('desk.kansenstatuut.get', { uitpasNumber: lotte.uitpasNumber })).status).toBe(
      'EXPIRED',
    );
    const extended = await call('desk.kansenstatuut.set', {
      uitpasNumber: lotte.uitpasNumber,
      endDate: `${year}-04-30`,
    });
    expect(extended.status).toBe('ACTIVE');
    expect(await call('desk.kansenstatuut.get', { uitpasNumber: noah.uitpasNumber })).toMatchObject({
      status: 'ACTIVE',
      inGracePeriod: true,
    });
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Brussels' }).format(new Date());
    const ended = await call('desk.kansenstatuut.set', { uitpasNumber: amira.uitpasNumber, endDate: today });
    expect(ended.endDate?.slice(0, 10)).toBe(today);
    const past = await attempt('desk.kansenstatuut.set', {
      uitpasNumber: amira.uitpasNumber,
      endDate: '2020-01-01',
    });
    expect(past.ok).toBe(false);
  });

  it('replaces a lost card with one from stock, keeping the points; the old card stops working', async () => {
    const jonas = sandbox.seed.PASSHOLDERS.jonas;
    await call('desk.stock.receive', { uitpasNumbers: ['0400000011603'] });
    const before = (await call('desk.stock.get', {})).level;
    const replaced = await call('desk.card.replace', {
      uitpasNumber: jonas.uitpasNumber,
      newUitpasNumber: '0400000011603',
      reason: 'LOSS_THEFT',
    });
    expect(replaced).toMatchObject({ uitpasNumber: '0400000011603', points: jonas.points });
    expect((await call('desk.stock.get', {})).level).toBe(before - 1);
    expect((await call('identify', { source: 'typed', value: jonas.uitpasNumber })).kind).toBe('blocked');
    const notInStock = await attempt('desk.card.replace', {
      uitpasNumber: '0400000011603',
      newUitpasNumber: '0400000011702',
      reason: 'DEFECT',
    });
    expect(notInStock.ok).toBe(false);
  });

  it('adds a digital membership of another card system', async () => {
    const bram = sandbox.seed.PASSHOLDERS.bram;
    const added = await call('desk.membership.add', {
      uitpasNumber: bram.uitpasNumber,
      cardSystemId: sandbox.seed.CARD_SYSTEMS.gent.id,
    });
    expect(added.uitpasNumber).toMatch(/^\d{13}$/);
    expect(added.uitpasNumber).not.toBe(bram.uitpasNumber);
  });
});
