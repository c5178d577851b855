// The engine's behaviour against the real sandbox: waking, status events, an outage and reconnect,
// business rejections that are never retried, undo, background reference data and pass lookups.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { LocalAction } from '@uitpas/domain';
import {
  lookupPass,
  lookupTariffs,
  SyncEngine,
  type Ledger,
  type SyncStatus,
  type UitpasClient,
} from '../src/index.ts';
import { openTempLedger } from './helpers.ts';
import { actionBase, clientFor, startSandbox, type SandboxHandle } from './sandbox-helpers.ts';

let sandbox: SandboxHandle;
let client: UitpasClient;
beforeAll(async () => {
  sandbox = await startSandbox();
  // Generous: on a loaded CI machine a short timeout turns these tests into reconciliation tests.
  client = clientFor(sandbox, 15_000);
});
afterAll(() => sandbox.dispose());

let t: { ledger: Ledger; cleanup: () => void };
let engine: SyncEngine;
beforeEach(() => {
  t = openTempLedger();
  engine = new SyncEngine({
    ledger: t.ledger,
    client,
    intervalMs: 60_000,
    backoff: { baseMs: 5, maxMs: 20 },
  });
});
afterEach(async () => {
  await engine.stop();
  t.cleanup();
});

const until = async (cond: () => boolean, ms = 60_000) => {
  const end = Date.now() + ms;
  while (!cond() && Date.now() < end) await new Promise((r) => setTimeout(r, 10));
  return cond();
};

const eeklo = () => sandbox.seed.ORGANIZERS.ccEeklo.id;

describe('engine', () => {
  it('wakes on a new action and reports queue depth, oldest pending age and last success', async () => {
    const statuses: SyncStatus[] = [];
    engine.on('status', (s) => statuses.push(s));
    engine.start();
    await engine.drain();
    const p = sandbox.seed.PASSHOLDERS.amira;
    const a: LocalAction = {
      ...actionBase(eeklo()),
      type: 'checkin',
      eventId: sandbox.seed.EVENTS.concertToday.id,
      uitpasNumber: p.uitpasNumber,
    };
    t.ledger.record(a);
    expect(await until(() => t.ledger.getAction(a.id)?.state === 'confirmed')).toBe(true);
    await engine.drain();
    expect(statuses.some((s) => s.queueDepth === 1 && s.oldestPendingAgeMs !== null)).toBe(true);
    const last = engine.status();
    expect(last.queueDepth).toBe(0);
    expect(last.oldestPendingAgeMs).toBeNull();
    expect(last.lastSuccessAt).not.toBeNull();
  });

  it('keeps actions through an outage and drains on reconnect', async () => {
    engine.start();
    await sandbox.stop();
    const p = sandbox.seed.PASSHOLDERS.bram;
    const a: LocalAction = {
      ...actionBase(eeklo()),
      type: 'reward-redemption',
      rewardId: sandbox.seed.REWARDS.goedDoel.id,
      uitpasNumber: p.uitpasNumber,
      rewardType: 'POINTS',
      points: 10,
    };
    t.ledger.record(a);
    await engine.drain();
    expect(t.ledger.getAction(a.id)?.state).toBe('pending');
    expect(engine.status().lastError?.message).toMatch(/niet bereikbaar/);
    expect(engine.status().queueDepth).toBe(1);
    await sandbox.restart();
    await new Promise((r) => setTimeout(r, 30));
    engine.wake();
    expect(await until(() => t.ledger.getAction(a.id)?.state === 'confirmed')).toBe(true);
    const rows = (await sandbox.admin.state()).redemptions.filter((r) =>
      t.ledger.getAction(a.id)?.serverIds.includes(r.id),
    );
    expect(rows).toHaveLength(1);
  });

  it('on reconnect sends what waited for the network at once, without sleeping out a long backoff', async () => {
    await engine.stop();
    engine = new SyncEngine({
      ledger: t.ledger,
      client,
      intervalMs: 60_000,
      backoff: { baseMs: 3_600_000, maxMs: 3_600_000 },
    });
    engine.start();
    await sandbox.stop();
    const p = sandbox.seed.PASSHOLDERS.lotte;
    const a: LocalAction = {
      ...actionBase(eeklo()),
      type: 'checkin',
      eventId: sandbox.seed.EVENTS.concertToday.id,
      uitpasNumber: p.uitpasNumber,
    };
    t.ledger.record(a);
    await engine.drain();
    expect(t.ledger.getAction(a.id)?.state).toBe('pending');
    await sandbox.restart();
    engine.wake();
    await engine.drain();
    // The backoff is a random delay of up to an hour: a wake alone does not send it.
    expect(t.ledger.getAction(a.id)?.state).toBe('pending');
    engine.reconnected();
    expect(await until(() => t.ledger.getAction(a.id)?.state === 'confirmed', 20_000)).toBe(true);
    const rows = (await sandbox.admin.state()).checkins.filter((c) =>
      t.ledger.getAction(a.id)?.serverIds.includes(c.id),
    );
    expect(rows).toHaveLength(1);
  });

  it('rejects a business refusal once, with the message for staff, and never resends it', async () => {
    engine.start();
    const p = sandbox.seed.PASSHOLDERS.jonas;
    const a: LocalAction = {
      ...actionBase(eeklo()),
      type: 'checkin',
      eventId: sandbox.seed.EVENTS.theaterPast.id,
      uitpasNumber: p.uitpasNumber,
    };
    t.ledger.record(a);
    expect(await until(() => t.ledger.getAction(a.id)?.state === 'rejected')).toBe(true);
    await engine.drain();
    await engine.drain();
    const after = t.ledger.getAction(a.id);
    expect(after?.attempts).toBe(1);
    expect(after?.lastProblem?.type).toMatch(/checkin-not-allowed$/);
    expect(after?.endUserMessage).toBeTruthy();
    expect(t.ledger.reviewList().map((r) => r.id)).toContain(a.id);
  });

  it('undoes a confirmed check-in with DELETE and restores the points', async () => {
    engine.start();
    const p = sandbox.seed.PASSHOLDERS.lucas;
    const pointsBefore = (await sandbox.admin.state()).points.find((x) => x.passholderId === p.id)?.points;
    const a: LocalAction = {
      ...actionBase(eeklo()),
      type: 'checkin',
      eventId: sandbox.seed.EVENTS.workshopToday.id,
      uitpasNumber: p.uitpasNumber,
    };
    t.ledger.record(a);
    const u: LocalAction = {
      ...actionBase(eeklo()),
      type: 'undo',
      targetActionId: a.id,
      targetType: 'checkin',
    };
    t.ledger.record(u);
    expect(await until(() => t.ledger.getAction(u.id)?.state === 'confirmed')).toBe(true);
    const state = await sandbox.admin.state();
    const row = state.checkins.find((c) => t.ledger.getAction(a.id)?.serverIds.includes(c.id));
    expect(row?.deleted_at).not.toBeNull();
    expect(state.points.find((x) => x.passholderId === p.id)?.points).toBe(pointsBefore);
  });

  it('refreshes reference data with its fetch time', async () => {
    const r = await engine.refreshReference(eeklo());
    expect(r.ok).toBe(true);
    const events = t.ledger.listReferences('event', eeklo());
    expect(events.map((e) => e.key)).toContain(sandbox.seed.EVENTS.concertToday.id);
    expect(events.every((e) => e.fetchedAt > 0)).toBe(true);
    expect(t.ledger.listReferences('reward', eeklo()).map((e) => e.key)).toContain(
      sandbox.seed.REWARDS.koffie.id,
    );
    expect(t.ledger.getReference('permissions', 'self', eeklo())).toBeDefined();
  });
});

describe('pass lookup', () => {
  it('prefers the API and updates the cache; offline it answers from the cache', async () => {
    const p = sandbox.seed.PASSHOLDERS.amira;
    const tq = {
      eventId: sandbox.seed.EVENTS.workshopToday.id,
      regularPriceCents: 2000,
      uitpasNumber: p.uitpasNumber,
    };
    const tariffs = await lookupTariffs(t.ledger, client, tq);
    expect(tariffs.ok && tariffs.source).toBe('api');
    expect(tariffs.ok && tariffs.tariffs.available?.[0]?.type).toBe('SOCIALTARIFF');
    const online = await lookupPass(t.ledger, client, p.chipNumber);
    expect(online.ok && online.source).toBe('api');
    expect(t.ledger.findPass({ chipNumber: p.chipNumber })?.passholderId).toBe(p.id);
    const gone = await lookupPass(t.ledger, client, '0400000099999');
    expect(gone.ok).toBe(false);
    await sandbox.stop();
    try {
      const offline = await lookupPass(t.ledger, client, p.chipNumber);
      expect(offline.ok && offline.source).toBe('cache');
      expect(offline.ok && offline.pass.uitpasNumber).toBe(p.uitpasNumber);
      const cachedTariffs = await lookupTariffs(t.ledger, client, tq);
      expect(cachedTariffs.ok && [cachedTariffs.source, cachedTariffs.provisional]).toEqual(['cache', true]);
      const unknown = await lookupTariffs(t.ledger, client, { ...tq, regularPriceCents: 999 });
      expect(!unknown.ok && unknown.error.kind).toBe('offline');
    } finally {
      await sandbox.restart();
    }
  });
});
