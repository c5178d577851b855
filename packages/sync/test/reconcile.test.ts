// Lost responses against the real sandbox: the effect is committed at the server, the answer never
// arrives. Each action must end `reconciled` with exactly one effect; a planted duplicate is cancelled.
import { afterAll, beforeAll, beforeEach, afterEach, describe, expect, it } from 'vitest';
import type { LocalAction } from '@uitpas/domain';
import { SyncEngine, type Ledger, type UitpasClient } from '../src/index.ts';
import { openTempLedger } from './helpers.ts';
import {
  actionBase,
  clientFor,
  seedPeople,
  startSandbox,
  type SandboxHandle,
  type TestPassholder,
} from './sandbox-helpers.ts';

let sandbox: SandboxHandle;
let client: UitpasClient;
let people: TestPassholder[];
beforeAll(async () => {
  sandbox = await startSandbox();
  client = clientFor(sandbox, 3000);
  people = await seedPeople(sandbox, ['jonas', 'amira', 'bram', 'lucas', 'noah'], 100);
});
afterAll(() => sandbox.dispose());

let t: { ledger: Ledger; cleanup: () => void };
beforeEach(() => (t = openTempLedger()));
afterEach(async () => {
  await sandbox.admin.clearFaults();
  t.cleanup();
});

const eeklo = () => sandbox.seed.ORGANIZERS.ccEeklo.id;

async function drainUntilSettled(ledger: Ledger): Promise<void> {
  const engine = new SyncEngine({
    ledger,
    client,
    intervalMs: 20,
    reconcileDelayMs: 0,
    backoff: { baseMs: 10, maxMs: 50 },
  });
  engine.start();
  for (let i = 0; i < 200 && ledger.queueStats().depth > 0; i++) await new Promise((r) => setTimeout(r, 25));
  await engine.stop();
}

async function lostResponse(route: string, action: LocalAction) {
  await sandbox.admin.addFault({ route, kind: 'drop-after', remaining: 1 });
  expect(t.ledger.record(action).ok).toBe(true);
  await drainUntilSettled(t.ledger);
  return t.ledger.getAction(action.id);
}

describe('reconciliation of a lost response', () => {
  it('check-in', async () => {
    const p = people[0] as TestPassholder;
    const a: LocalAction = {
      ...actionBase(eeklo()),
      type: 'checkin',
      eventId: sandbox.seed.EVENTS.concertToday.id,
      uitpasNumber: p.uitpasNumber,
    };
    const after = await lostResponse('POST /checkins', a);
    expect(after?.state).toBe('reconciled');
    const rows = (await sandbox.admin.state()).checkins.filter((c) => c.passholder_id === p.id);
    expect(rows.map((r) => r.id)).toEqual(after?.serverIds);
    expect(rows.filter((r) => r.deleted_at === null)).toHaveLength(1);
  });

  it('ticket-sale batch', async () => {
    const p = people[1] as TestPassholder;
    const ev = sandbox.seed.EVENTS.workshopToday;
    const sale = {
      eventId: ev.id,
      uitpasNumber: p.uitpasNumber,
      regularPriceCents: 2000,
      tariffId: 'SOCIALTARIFF',
      tariffPriceCents: 500,
      provisional: false,
    };
    const a: LocalAction = { ...actionBase(eeklo()), type: 'ticket-sale', sales: [sale, sale] };
    const after = await lostResponse('POST /ticket-sales', a);
    expect(after?.state).toBe('reconciled');
    const rows = (await sandbox.admin.state()).ticketSales.filter((s) => s.passholder_id === p.id);
    expect(rows).toHaveLength(2);
    expect([...(after?.serverIds ?? [])].sort()).toEqual(rows.map((r) => r.id).sort());
  });

  it('reward redemption', async () => {
    const p = people[2] as TestPassholder;
    const r = sandbox.seed.REWARDS.goedDoel;
    const a: LocalAction = {
      ...actionBase(eeklo()),
      type: 'reward-redemption',
      rewardId: r.id,
      uitpasNumber: p.uitpasNumber,
      rewardType: 'POINTS',
      points: r.points,
    };
    const after = await lostResponse('POST /rewards/redeemed', a);
    expect(after?.state).toBe('reconciled');
    const rows = (await sandbox.admin.state()).redemptions.filter((x) => x.passholder_id === p.id);
    expect(rows.map((x) => x.id)).toEqual(after?.serverIds);
    const points = (await sandbox.admin.state()).points.find((x) => x.passholderId === p.id)?.points;
    expect(points).toBe(100 - r.points);
  });

  it('registration of a new card', async () => {
    const card = sandbox.seed.STOCK_CARDS[0] as { uitpasNumber: string };
    const org = sandbox.seed.ORGANIZERS.ccEeklo;
    const a: LocalAction = {
      ...actionBase(org.id),
      type: 'registration',
      paymentMethod: 'cash',
      priceCents: 500,
      passholder: {
        name: 'Claes',
        firstName: 'Mira',
        dateOfBirth: '1992-03-04',
        address: { street: 'Markt 1', postalCode: org.postalCode, city: org.city, country: 'BE' },
        registrationCardSystemId: sandbox.seed.CARD_SYSTEMS.meetjesland.id,
        registrationCardType: 'NFC_CARD',
        registrationUitpasNumber: card.uitpasNumber,
      },
    };
    const after = await lostResponse('POST /passholders', a);
    expect(after?.state).toBe('reconciled');
    const found = await client.findPassholderByUitpasNumber(card.uitpasNumber);
    expect(found.ok && found.value.member.map((m) => m.id)).toEqual(after?.serverIds);
  });

  it('cancels a planted duplicate and writes it to the audit log', async () => {
    const p = people[3] as TestPassholder;
    const ev = sandbox.seed.EVENTS.workshopToday; // 2 check-ins a day allowed, so a duplicate can exist
    const a: LocalAction = {
      ...actionBase(eeklo()),
      type: 'checkin',
      eventId: ev.id,
      uitpasNumber: p.uitpasNumber,
    };
    await sandbox.admin.addFault({ route: 'POST /checkins', kind: 'drop-after', remaining: 1 });
    expect(t.ledger.record(a).ok).toBe(true);
    // The first attempt lands, its answer is lost; then somebody replays it blindly (the duplicate).
    const first = new SyncEngine({ ledger: t.ledger, client, intervalMs: 60_000, reconcileDelayMs: 60_000 });
    await sandbox.admin.addFault({ route: 'GET /checkins', kind: 'status', status: 503, remaining: 1 });
    first.start();
    await first.drain();
    await first.stop();
    expect(t.ledger.getAction(a.id)?.state).toBe('uncertain');
    const planted = await client.postCheckin({ eventId: ev.id, uitpasNumber: p.uitpasNumber });
    expect(planted.ok).toBe(true);
    await drainUntilSettled(t.ledger);
    const after = t.ledger.getAction(a.id);
    expect(after?.state).toBe('reconciled');
    const rows = (await sandbox.admin.state()).checkins.filter((c) => c.passholder_id === p.id);
    expect(rows).toHaveLength(2);
    const live = rows.filter((r) => r.deleted_at === null);
    expect(live.map((r) => r.id)).toEqual(after?.serverIds);
    const cancelled = rows.find((r) => r.deleted_at !== null);
    expect(cancelled?.id).toBe(planted.ok ? planted.value.id : '');
    expect(t.ledger.auditLog({ actionId: a.id }).map((e) => e.event)).toContain('duplicate-cancelled');
  });

  it('cancels a duplicate that shows up after an uncertain action was sent again', async () => {
    const p = people[4] as TestPassholder;
    const r = sandbox.seed.REWARDS.goedDoel;
    const a: LocalAction = {
      ...actionBase(eeklo()),
      type: 'reward-redemption',
      rewardId: r.id,
      uitpasNumber: p.uitpasNumber,
      rewardType: 'POINTS',
      points: r.points,
    };
    // The first request times out; it is looked for, not found, and sent again.
    await sandbox.admin.addFault({
      route: 'POST /rewards/redeemed',
      kind: 'latency',
      latencyMs: 1500,
      remaining: 1,
    });
    const impatient = clientFor(sandbox, 300);
    const engine = new SyncEngine({
      ledger: t.ledger,
      client: impatient,
      intervalMs: 20,
      reconcileDelayMs: 0,
      landingWindowMs: 1000,
      referenceIntervalMs: 0,
    });
    expect(t.ledger.record(a).ok).toBe(true);
    engine.start();
    for (let i = 0; i < 200 && t.ledger.queueStats().depth > 0; i++)
      await new Promise((res) => setTimeout(res, 20));
    expect(t.ledger.getAction(a.id)).toMatchObject({ state: 'confirmed', wasUncertain: true, attempts: 2 });
    // The first request lands after all (the sandbox drops timed-out requests, so it is planted here).
    const late = await client.postRedeemedReward({ rewardId: r.id, uitpasNumber: p.uitpasNumber });
    expect(late.ok).toBe(true);
    expect(await engine.verifyDuplicates()).toBe(0); // still inside the landing window: too early to judge
    await new Promise((res) => setTimeout(res, 1100));
    expect(await engine.verifyDuplicates()).toBe(1);
    await engine.stop();
    const rows = (await sandbox.admin.state()).redemptions.filter((x) => x.passholder_id === p.id);
    expect(rows).toHaveLength(2);
    expect(rows.filter((x) => x.deleted_at === null).map((x) => x.id)).toEqual(
      t.ledger.getAction(a.id)?.serverIds,
    );
    expect(rows.find((x) => x.deleted_at !== null)?.id).toBe(late.ok ? late.value.id : '');
    expect(t.ledger.auditLog({ actionId: a.id }).map((e) => e.event)).toContain('duplicate-cancelled');
    expect((await sandbox.admin.state()).points.find((x) => x.passholderId === p.id)?.points).toBe(
      100 - r.points,
    );
  });
});
