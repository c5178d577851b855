// Network faults through the sandbox's hooks (latency, 5xx, 429, drop before handling, drop after commit)
// while 2,000 mixed actions are recorded and synced. Afterwards the sandbox's state must be exactly the
// confirmed actions applied once each, nothing may be left pending, and every rejection carries the
// sandbox's message.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { userMessage, type LocalAction, type UndoableActionType } from '@uitpas/domain';
import type { FaultInput } from '@uitpas/sandbox/testing';
import { SyncEngine, type UitpasClient } from '../src/index.ts';
import { openTempLedger } from './helpers.ts';
import {
  actionBase,
  clientFor,
  seedPeople,
  startSandbox,
  type SandboxHandle,
  type TestPassholder,
} from './sandbox-helpers.ts';

const ACTIONS = 2000;
const POINTS = 100_000;

let sandbox: SandboxHandle;
let client: UitpasClient;
let people: TestPassholder[];
beforeAll(async () => {
  sandbox = await startSandbox();
  client = clientFor(sandbox, 2000);
  people = await seedPeople(sandbox, ['amira', 'jonas', 'lotte', 'noah', 'fatima', 'lucas', 'bram'], POINTS);
});
afterAll(() => sandbox.dispose());

function seededRandom(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const ROUTES = [
  'POST /checkins',
  'POST /ticket-sales',
  'POST /rewards/redeemed',
  'GET /checkins',
  'GET /ticket-sales',
  'GET /rewards/redeemed',
  'DELETE /checkins/{checkinId}',
  'DELETE /ticket-sales/{ticketSaleId}',
  'DELETE /rewards/redeemed/{redeemedRewardId}',
];

function randomFault(random: () => number): FaultInput {
  // Mostly the POSTs whose outcome matters; history reads and deletes now and then.
  const w = random();
  const route = (
    w < 0.75 ? ROUTES[Math.floor(random() * 3)] : ROUTES[3 + Math.floor(random() * 6)]
  ) as string;
  const remaining = 1 + Math.floor(random() * 2);
  const r = random();
  if (r < 0.25) return { route, kind: 'latency', latencyMs: 5 + Math.floor(random() * 40), remaining };
  if (r < 0.4)
    return { route, kind: 'status', status: [500, 502, 503][Math.floor(random() * 3)] as number, remaining };
  if (r < 0.5) return { route, kind: 'rate-limit', retryAfterSeconds: 0, remaining };
  if (r < 0.7) return { route, kind: 'drop-before', remaining };
  if (r < 0.95) return { route, kind: 'drop-after', remaining };
  // Slower than the client's timeout: the effect lands after the client gave up on it.
  return { route, kind: 'latency', latencyMs: 2300, remaining: 1 };
}

describe('network faults', () => {
  it(`${ACTIONS} mixed actions end applied exactly once`, async () => {
    const t = openTempLedger();
    const s = sandbox.seed;
    const eeklo = s.ORGANIZERS.ccEeklo.id;
    const maldegem = s.ORGANIZERS.bibMaldegem.id;
    const before = await sandbox.admin.state();
    const known = new Set(
      [...before.checkins, ...before.ticketSales, ...before.redemptions].map((r) => r.id),
    );
    const random = seededRandom(5);

    const recorded: LocalAction[] = [];
    const make = (): LocalAction => {
      const p = people[Math.floor(random() * people.length)] as TestPassholder;
      const r = random();
      if (r < 0.25) {
        const which = random();
        const [eventId, org] =
          which < 0.4
            ? [s.EVENTS.concertToday.id, eeklo]
            : which < 0.8
              ? [s.EVENTS.workshopToday.id, eeklo]
              : [s.EVENTS.voorleesuurToday.id, maldegem];
        return { ...actionBase(org), type: 'checkin', eventId, uitpasNumber: p.uitpasNumber };
      }
      if (r < 0.4) {
        const workshop = random() < 0.6;
        const ev = workshop ? s.EVENTS.workshopToday : s.EVENTS.concertToday;
        const priceCents = Math.round((ev.prices[0]?.price ?? 0) * 100);
        const sale = {
          eventId: ev.id,
          uitpasNumber: p.uitpasNumber,
          regularPriceCents: priceCents,
          tariffId: 'SOCIALTARIFF',
          tariffPriceCents: Math.round(priceCents / 4),
          provisional: false,
        };
        return { ...actionBase(eeklo), type: 'ticket-sale', sales: random() < 0.5 ? [sale] : [sale, sale] };
      }
      if (r < 0.9 || recorded.length === 0) {
        const reward =
          random() < 0.85 ? s.REWARDS.goedDoel : random() < 0.5 ? s.REWARDS.koffie : s.REWARDS.draagtas;
        return {
          ...actionBase(eeklo),
          type: 'reward-redemption',
          rewardId: reward.id,
          uitpasNumber: p.uitpasNumber,
          rewardType: 'POINTS',
          points: reward.points,
        };
      }
      const target = recorded[Math.floor(random() * recorded.length)] as LocalAction;
      if (target.type === 'undo' || recorded.some((a) => a.type === 'undo' && a.targetActionId === target.id))
        return make();
      return {
        ...actionBase(target.organizerId),
        type: 'undo',
        targetActionId: target.id,
        targetType: target.type as UndoableActionType,
      };
    };

    const engine = new SyncEngine({
      ledger: t.ledger,
      client,
      concurrency: 4,
      intervalMs: 30,
      reconcileDelayMs: 600,
      landingWindowMs: 2500,
      referenceIntervalMs: 0,
      backoff: { baseMs: 10, maxMs: 200 },
    });
    engine.start();
    let chaos = true;
    const chaosLoop = (async () => {
      const fr = seededRandom(99);
      // At most one fault outstanding per route, each spent by the next one or two requests on it.
      while (chaos) {
        const fault = randomFault(fr);
        if (!(await sandbox.admin.faults()).some((f) => f.route === fault.route))
          await sandbox.admin.addFault(fault);
        await new Promise((r) => setTimeout(r, 10));
      }
    })();

    for (let i = 0; i < ACTIONS; i++) {
      const a = make();
      const r = t.ledger.record(a);
      expect(r.ok).toBe(true);
      recorded.push(a);
      if (i % 50 === 49) await new Promise((r) => setTimeout(r, 20));
    }
    // Keep the faults coming until most of the queue went through them.
    for (let i = 0; i < 600 && t.ledger.queueStats().depth > ACTIONS / 10; i++)
      await new Promise((r) => setTimeout(r, 50));
    chaos = false;
    await chaosLoop;
    await sandbox.admin.clearFaults();
    for (let i = 0; i < 4000 && t.ledger.queueStats().depth > 0; i++)
      await new Promise((r) => setTimeout(r, 50));
    await engine.stop();
    await engine.verifyDuplicates();

    // Nothing left pending.
    expect(t.ledger.queueStats().depth).toBe(0);
    const all = t.ledger.history({ limit: 10_000 });
    expect(all).toHaveLength(ACTIONS);
    const states = new Map<string, number>();
    for (const a of all) states.set(a.state, (states.get(a.state) ?? 0) + 1);
    expect([...states.keys()].every((k) => ['confirmed', 'rejected', 'reconciled'].includes(k))).toBe(true);
    expect(states.get('reconciled') ?? 0).toBeGreaterThan(0);
    expect(states.get('confirmed') ?? 0).toBeGreaterThan(ACTIONS / 2);

    // Rejected ones carry the sandbox's message.
    for (const a of all.filter((x) => x.state === 'rejected')) {
      expect(a.lastProblem?.problem?.type, a.id).toMatch(/^https:\/\/api\.publiq\.be\/probs\//);
      expect(a.endUserMessage).toBe(userMessage(a.lastProblem?.problem ?? { type: '' }));
    }

    // The sandbox holds exactly the confirmed effects, each once; undone and duplicate ones are deleted.
    const effects = t.ledger.db.prepare(`SELECT resource, server_id, role FROM server_effects`).all() as {
      resource: string;
      server_id: string;
      role: string;
    }[];
    const live = new Set(effects.filter((e) => e.role === 'effect').map((e) => e.server_id));
    const gone = new Set(effects.filter((e) => e.role !== 'effect').map((e) => e.server_id));
    const after = await sandbox.admin.state();
    const rows = [...after.checkins, ...after.ticketSales, ...after.redemptions].filter(
      (r) => !known.has(r.id),
    );
    const liveRows = rows.filter((r) => r.deleted_at === null).map((r) => r.id);
    const deletedRows = rows.filter((r) => r.deleted_at !== null).map((r) => r.id);
    expect(new Set(liveRows)).toEqual(live);
    expect(new Set(deletedRows)).toEqual(gone);
    const claimed = all
      .filter((a) => a.type !== 'undo' && (a.state === 'confirmed' || a.state === 'reconciled'))
      .flatMap((a) => a.serverIds);
    expect(claimed.length).toBe(new Set(claimed).size);
    expect(new Set(claimed)).toEqual(new Set([...live, ...[...gone].filter((id) => claimed.includes(id))]));

    // Points follow from the live rows: nothing applied twice, undo restored what it took.
    for (const p of people) {
      const earned = after.checkins.filter(
        (c) => c.passholder_id === p.id && c.deleted_at === null && !known.has(c.id),
      );
      const spent = after.redemptions.filter(
        (c) => c.passholder_id === p.id && c.deleted_at === null && !known.has(c.id),
      );
      const expected =
        POINTS + earned.reduce((n, c) => n + c.points, 0) - spent.reduce((n, c) => n + c.points, 0);
      expect(after.points.find((x) => x.passholderId === p.id)?.points, p.uitpasNumber).toBe(expected);
    }
    console.log(
      'fault test states',
      Object.fromEntries(states),
      'duplicates cancelled',
      effects.filter((e) => e.role === 'duplicate-cancelled').length,
    );
    t.cleanup();
  }, 400_000);
});
