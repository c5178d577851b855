// Rewards, the review list, every-tap mode and offline tariffs through the terminal's contract, on a real
// ledger file and the real sandbox (stopped and restarted for the outage).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type Command,
  type CommandName,
  type CommandOutput,
  type ContractResult,
  type TerminalEvent,
} from '@uitpas/domain';
import { startSandbox, type SandboxHandle } from '@uitpas/sandbox/testing';
import { createStationTerminal, type StationTerminal } from '@uitpas/terminal/station';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const poll = <T>(fn: () => T | Promise<T>) => expect.poll(fn, { timeout: 30_000, interval: 100 });

let sandbox: SandboxHandle;
let dataDir: string;
let station: StationTerminal;
const events: TerminalEvent[] = [];

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

async function identify(uitpasNumber: string): Promise<number> {
  const who = await call('identify', { source: 'typed', value: uitpasNumber });
  expect(who.kind).toBe('passholder');
  return who.identificationId;
}

const seed = () => sandbox.seed;
const liveRedemptions = async (passholderId: string) =>
  (await sandbox.admin.state()).redemptions.filter(
    (r) => r.passholder_id === passholderId && r.deleted_at === null,
  );

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'counter-rewards-'));
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
      simulator: true,
      organizerId: s.ORGANIZERS.ccEeklo.id,
    },
  });
  station.terminal.subscribe((e) => events.push(e));
}, 120_000);

afterAll(async () => {
  await station?.stop();
  await sandbox?.dispose();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

describe('rewards at the counter against the sandbox', () => {
  it('lists welcome and points rewards with redeem status and explains what is not redeemable', async () => {
    const id = await identify(seed().PASSHOLDERS.amira.uitpasNumber);
    const list = await call('rewards.list', { identificationId: id });
    expect(list.offline).toBe(false);
    expect(list.balance).toBe(seed().PASSHOLDERS.amira.points);
    const byId = new Map(list.rewards.map((r) => [r.id, r]));
    expect(byId.get(seed().REWARDS.welkom.id)).toMatchObject({
      type: 'WELCOME',
      redeemable: true,
      points: 0,
    });
    expect(byId.get(seed().REWARDS.koffie.id)).toMatchObject({ type: 'POINTS', redeemable: true, points: 5 });
    const soldOut = byId.get(seed().REWARDS.uitverkocht.id);
    expect(soldOut).toMatchObject({ redeemable: false, reason: 'REWARD_VOLUME' });
    expect(soldOut?.message?.nl.length).toBeGreaterThan(5);
    expect(byId.get(seed().REWARDS.gentsVoordeel.id)).toMatchObject({
      redeemable: false,
      reason: 'PASSHOLDER_APPLICABLE_CARDSYSTEMS',
    });
    expect(byId.get(seed().REWARDS.kerstmarkt.id)).toMatchObject({
      redeemable: false,
      reason: 'REWARD_PERIOD',
    });
  });

  it('redeems a welcome and a points reward once each, then undoes the points reward', async () => {
    const amira = seed().PASSHOLDERS.amira;
    const id = await identify(amira.uitpasNumber);
    await call('rewards.list', { identificationId: id });
    const welcome = await call('rewards.redeem', {
      identificationId: id,
      rewardId: seed().REWARDS.welkom.id,
    });
    expect(welcome).toMatchObject({ state: 'confirmed', pointsSpent: 0, balance: amira.points });
    expect(welcome.redeemInfo?.text).toBeTruthy();
    const coffee = await call('rewards.redeem', { identificationId: id, rewardId: seed().REWARDS.koffie.id });
    expect(coffee).toMatchObject({ state: 'confirmed', pointsSpent: 5, balance: amira.points - 5 });
    expect(await liveRedemptions(amira.id)).toHaveLength(2);

    const after = await call('rewards.list', { identificationId: id });
    expect(after.balance).toBe(amira.points - 5);
    expect(after.rewards.find((r) => r.id === seed().REWARDS.welkom.id)?.redeemable).toBe(false);

    const undone = await call('rewards.undo', { identificationId: id, actionId: coffee.actionId });
    expect(undone.state).toBe('confirmed');
    expect((await liveRedemptions(amira.id)).map((r) => r.reward_id)).toEqual([seed().REWARDS.welkom.id]);
    expect((await call('rewards.list', { identificationId: id })).balance).toBe(amira.points);
    // Undone once is undone: the same redemption cannot be undone twice.
    expect((await attempt('rewards.undo', { identificationId: id, actionId: coffee.actionId })).ok).toBe(
      false,
    );
  });

  it('refuses a redemption named for someone who is no longer at the desk', async () => {
    const first = await identify(seed().PASSHOLDERS.jonas.uitpasNumber);
    await call('rewards.list', { identificationId: first });
    await identify(seed().PASSHOLDERS.amira.uitpasNumber);
    const stale = await attempt('rewards.redeem', {
      identificationId: first,
      rewardId: seed().REWARDS.koffie.id,
    });
    expect(stale.ok).toBe(false);
    if (!stale.ok) expect(stale.problem.kind).toBe('stale-identification');
    expect(await liveRedemptions(seed().PASSHOLDERS.jonas.id)).toHaveLength(0);
  });

  it('puts a refused redemption on the review list; retry resends it, dismiss keeps a note', async () => {
    const jonas = seed().PASSHOLDERS.jonas;
    const id = await identify(jonas.uitpasNumber);
    await call('rewards.list', { identificationId: id });
    // Points spent elsewhere between the list and the redemption: UiTPAS refuses it.
    await sandbox.admin.setPoints(jonas.id, 0);
    const refused = await attempt('rewards.redeem', {
      identificationId: id,
      rewardId: seed().REWARDS.filmticket.id,
    });
    expect(refused.ok).toBe(false);
    const review = await call('review.list', {});
    const item = review.items.find(
      (i) => i.type === 'reward-redemption' && i.summary.includes(jonas.uitpasNumber),
    );
    expect(item).toMatchObject({ state: 'rejected' });
    expect(item?.message.length).toBeGreaterThan(5);
    await poll(async () => (await call('status.get', {})).sync.needsReview).toBeGreaterThan(0);

    await sandbox.admin.setPoints(jonas.id, jonas.points);
    const retried = await call('review.retry', { actionId: item?.actionId ?? '' });
    expect(retried.outcome).toBe('resent');
    await poll(async () => (await liveRedemptions(jonas.id)).length).toBe(1);
    expect((await call('review.list', {})).items.some((i) => i.actionId === item?.actionId)).toBe(false);

    await sandbox.admin.setPoints(jonas.id, 0);
    const id2 = await identify(jonas.uitpasNumber);
    await sandbox.admin.setPoints(jonas.id, jonas.points);
    await call('rewards.list', { identificationId: id2 });
    await sandbox.admin.setPoints(jonas.id, 0);
    expect(
      (await attempt('rewards.redeem', { identificationId: id2, rewardId: seed().REWARDS.draagtas.id })).ok,
    ).toBe(false);
    const second = (await call('review.list', {})).items.find((i) => i.type === 'reward-redemption');
    expect(second).toBeDefined();
    expect((await attempt('review.dismiss', { actionId: second?.actionId ?? '', note: '  ' })).ok).toBe(
      false,
    );
    const dismissed = await call('review.dismiss', {
      actionId: second?.actionId ?? '',
      note: 'Punten elders gebruikt',
    });
    expect(dismissed.reviewedBy).toBe('an');
    expect((await call('review.list', {})).items.some((i) => i.actionId === second?.actionId)).toBe(false);
    await sandbox.admin.setPoints(jonas.id, jonas.points);
  });

  it('shows an uncertain redemption, never dismisses it, and reconciles it on retry: held once', async () => {
    const noah = seed().PASSHOLDERS.noah;
    const id = await identify(noah.uitpasNumber);
    await call('rewards.list', { identificationId: id });
    // The request is processed but its answer is a 500, and the history cannot be read: outcome unknown.
    await sandbox.admin.addFault({
      route: 'POST /rewards/redeemed',
      kind: 'status',
      status: 500,
      remaining: 1,
    });
    await sandbox.admin.addFault({
      route: 'GET /rewards/redeemed',
      kind: 'status',
      status: 500,
      remaining: 1000,
    });
    const pending = await call('rewards.redeem', {
      identificationId: id,
      rewardId: seed().REWARDS.koffie.id,
    });
    expect(pending.state).toBe('queued');
    await poll(
      async () => (await call('review.list', {})).items.find((i) => i.actionId === pending.actionId)?.state,
    ).toBe('uncertain');
    const dismiss = await attempt('review.dismiss', { actionId: pending.actionId, note: 'weg ermee' });
    expect(dismiss.ok).toBe(false);
    await sandbox.admin.clearFaults();
    const retry = await call('review.retry', { actionId: pending.actionId });
    expect(retry.outcome).toBe('reconciling');
    await poll(async () =>
      (await call('review.list', {})).items.some((i) => i.actionId === pending.actionId),
    ).toBe(false);
    expect(await liveRedemptions(noah.id)).toHaveLength(1);
  });

  it('checks in on every tap while the mode is on, and not when it is off', async () => {
    const s = seed();
    const activities = await call('activities.list', { range: 'today' });
    const concert = activities.activities.find((a) => a.name.startsWith('Concert'));
    expect(concert).toBeDefined();
    expect((await call('everytap.set', { eventId: concert?.id ?? '' })).eventName).toBe(concert?.name);
    events.length = 0;
    await call('simulator.tap', { value: s.PASSHOLDERS.fatima.chipNumber });
    await poll(() => events.find((e) => e.type === 'every-tap-checkin')).toMatchObject({ ok: true });
    await poll(
      async () =>
        (await sandbox.admin.state()).checkins.filter(
          (c) => c.passholder_id === s.PASSHOLDERS.fatima.id && c.deleted_at === null,
        ).length,
    ).toBe(1);
    // A second tap the same day: the refusal is announced as such. The reader hub takes the same card
    // within 300 ms for one bouncing tap, so the visitor taps again a moment later.
    await new Promise((r) => setTimeout(r, 500));
    events.length = 0;
    await call('simulator.tap', { value: s.PASSHOLDERS.fatima.chipNumber });
    await poll(() => events.find((e) => e.type === 'every-tap-checkin')).toMatchObject({ ok: false });
    // Typed identifications are never checked in automatically.
    events.length = 0;
    await identify(s.PASSHOLDERS.lotte.uitpasNumber);
    expect((await call('everytap.set', {})).eventId).toBeUndefined();
    await call('simulator.tap', { value: s.PASSHOLDERS.lotte.chipNumber });
    await poll(() => events.some((e) => e.type === 'identified')).toBe(true);
    expect(events.some((e) => e.type === 'every-tap-checkin')).toBe(false);
  });

  it(
    'offline: redeems within the cached rules and sells at a provisional tariff; both sync once',
    { timeout: 180_000 },
    async () => {
      const s = seed();
      const lotte = s.PASSHOLDERS.lotte;
      const amira = s.PASSHOLDERS.amira;
      const activities = await call('activities.list', { range: 'today' });
      const concert = activities.activities.find((a) => a.name.startsWith('Concert'));
      expect(concert).toBeDefined();
      // Online first: the rewards and the tariff are received (and cached) for these pass holders.
      const amiraId = await identify(amira.uitpasNumber);
      const online = await call('tariffs.get', { identificationId: amiraId, eventId: concert?.id ?? '' });
      expect(online.offers.every((o) => o.provisional === undefined)).toBe(true);
      const lotteOnline = await identify(lotte.uitpasNumber);
      await call('rewards.list', { identificationId: lotteOnline });
      const before = (await sandbox.admin.state()).redemptions.length;

      await sandbox.stop();
      const lotteId = await identify(lotte.uitpasNumber);
      const offline = await call('rewards.list', { identificationId: lotteId });
      expect(offline.offline).toBe(true);
      const welcome = offline.rewards.find((r) => r.id === s.REWARDS.welkom.id);
      expect(welcome?.redeemable).toBe(true);
      // Lotte has 3 points: the coffee (5) is refused by the same rule the API applies.
      const coffee = offline.rewards.find((r) => r.id === s.REWARDS.koffie.id);
      expect(coffee).toMatchObject({
        redeemable: false,
        reason: 'uitpas/reward-passholder-points-constraint',
      });
      const queued = await call('rewards.redeem', {
        identificationId: lotteId,
        rewardId: s.REWARDS.welkom.id,
      });
      expect(queued.state).toBe('queued');
      // Queued redemptions count: the welcome reward cannot be redeemed twice offline.
      const twice = await attempt('rewards.redeem', {
        identificationId: lotteId,
        rewardId: s.REWARDS.welkom.id,
      });
      expect(twice.ok).toBe(false);

      const amiraOffline = await identify(amira.uitpasNumber);
      const tariffs = await call('tariffs.get', {
        identificationId: amiraOffline,
        eventId: concert?.id ?? '',
      });
      expect(tariffs.offers.every((o) => o.provisional !== undefined)).toBe(true);
      const offer = tariffs.offers.find((o) => o.tariffs.length > 0);
      expect(offer).toBeDefined();
      const sale = await call('ticket-sale.register', {
        identificationId: amiraOffline,
        eventId: concert?.id ?? '',
        lines: [
          {
            regularPriceCents: offer?.regularPriceCents ?? 0,
            tariffId: offer?.tariffs[0]?.id ?? '',
            count: 1,
          },
        ],
      });
      expect(sale.state).toBe('queued');
      expect(sale.message.nl).toContain('voorlopig');

      await sandbox.restart();
      await poll(async () => (await call('status.get', {})).sync.queueDepth).toBe(0);
      const state = await sandbox.admin.state();
      expect(state.redemptions.length).toBe(before + 1);
      expect(
        state.redemptions
          .filter((r) => r.passholder_id === lotte.id && r.deleted_at === null)
          .map((r) => r.reward_id),
      ).toEqual([s.REWARDS.welkom.id]);
      expect(
        state.ticketSales.filter((t) => t.passholder_id === amira.id && t.deleted_at === null),
      ).toHaveLength(1);
    },
  );
});
