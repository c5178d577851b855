// One test per business rule and problem type (DOMAIN.md, issue 4 "Rules").
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  CLIENTS,
  EVENTS,
  GROUP_PASSES,
  ORGANIZERS,
  PASSHOLDERS,
  REWARDS,
  STOCK_CARDS,
  clientToken,
  fresh,
  moveClock,
  problemType,
  world,
  type World,
} from './helpers.ts';

const UNKNOWN_NUMBER = '0400000099905';
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

const checkin = (eventId: string, uitpasNumber: string) => w.api.post('/checkins', { eventId, uitpasNumber });
const points = async (passholderId: string) =>
  (await w.sandbox.admin.state()).points.find((p) => p.passholderId === passholderId)?.points;
const tariffs = (eventId: string, uitpasNumber: string, regularPrice = 12) =>
  w.api.get<{
    available: { id: string; price: number; remaining: number }[];
    endUserMessage?: { nl: string };
  }>(`/tariffs?eventId=${eventId}&uitpasNumber=${uitpasNumber}&regularPrice=${regularPrice}`);
const sale = (eventId: string, uitpasNumber: string, tariffId = 'SOCIALTARIFF', regularPrice = 12) => ({
  eventId,
  uitpasNumber,
  regularPrice,
  tariff: { id: tariffId },
});
const redeem = (rewardId: string, uitpasNumber: string) =>
  w.api.post('/rewards/redeemed', { rewardId, uitpasNumber });

describe('check-ins', () => {
  it('awards the event’s check-in points', async () => {
    const res = await checkin(EVENTS.workshopToday.id, PASSHOLDERS.amira.uitpasNumber);
    expect(res.status).toBe(201);
    expect(res.body.points).toBe(3);
    expect(await points(PASSHOLDERS.amira.id)).toBe(PASSHOLDERS.amira.points + 3);
  });

  it('opens one hour before the start and refuses earlier (checkin-not-allowed)', async () => {
    // zwemmenThisWeek starts at 07:00 two days from now.
    await moveClock(w, '2026-11-27T04:59:00Z');
    const early = await checkin(EVENTS.zwemmenThisWeek.id, PASSHOLDERS.jonas.uitpasNumber);
    expect(problemType(early)).toBe('uitpas/checkin-not-allowed');
    expect((early.body as { endUserMessage: { nl: string } }).endUserMessage.nl).toContain('06:00');
    await moveClock(w, '2026-11-27T05:00:30Z');
    expect((await checkin(EVENTS.zwemmenThisWeek.id, PASSHOLDERS.jonas.uitpasNumber)).status).toBe(201);
  });

  it('refuses after the end of the event', async () => {
    const res = await checkin(EVENTS.theaterPast.id, PASSHOLDERS.amira.uitpasNumber);
    expect(res.status).toBe(400);
    expect(problemType(res)).toBe('uitpas/checkin-not-allowed');
    expect((res.body as { endUserMessage: { nl: string } }).endUserMessage.nl).toContain('afgelopen');
  });

  it('allows one check-in per passholder per event per day by default', async () => {
    expect((await checkin(EVENTS.expoThisWeek.id, PASSHOLDERS.amira.uitpasNumber)).status).toBe(201);
    expect(problemType(await checkin(EVENTS.expoThisWeek.id, PASSHOLDERS.amira.uitpasNumber))).toBe(
      'uitpas/checkin-not-allowed',
    );
    await moveClock(w, '2026-11-26T11:00:00Z');
    expect((await checkin(EVENTS.expoThisWeek.id, PASSHOLDERS.amira.uitpasNumber)).status).toBe(201);
  });

  it('follows the event’s own check-in limit (2 per day)', async () => {
    expect((await checkin(EVENTS.workshopToday.id, PASSHOLDERS.jonas.uitpasNumber)).status).toBe(201);
    expect((await checkin(EVENTS.workshopToday.id, PASSHOLDERS.jonas.uitpasNumber)).status).toBe(201);
    expect(problemType(await checkin(EVENTS.workshopToday.id, PASSHOLDERS.jonas.uitpasNumber))).toBe(
      'uitpas/checkin-not-allowed',
    );
  });

  it('undo restores the points and frees the limit', async () => {
    const res = await checkin(EVENTS.workshopToday.id, PASSHOLDERS.amira.uitpasNumber);
    expect((await w.api.delete(`/checkins/${res.body.id as string}`)).status).toBe(204);
    expect(await points(PASSHOLDERS.amira.id)).toBe(PASSHOLDERS.amira.points);
    const list = await w.api.get<{ totalItems: number }>(
      `/checkins?passholderId=${PASSHOLDERS.amira.id}&organizerId=${ORGANIZERS.ccEeklo.id}`,
    );
    expect(list.body.totalItems).toBe(0);
    expect((await w.api.delete(`/checkins/${res.body.id as string}`)).status).toBe(404);
  });

  it('needs CHECKINS_WRITE for the event’s organizer (auth/forbidden)', async () => {
    const res = await checkin(EVENTS.sportGentToday.id, PASSHOLDERS.amira.uitpasNumber);
    expect(res.status).toBe(403);
    expect(problemType(res)).toBe('auth/forbidden');
  });

  it('answers event-not-found, invalid-uitpasnumber, passholder-not-found', async () => {
    expect(
      problemType(await checkin('00000000-0000-4000-8000-000000000000', PASSHOLDERS.amira.uitpasNumber)),
    ).toBe('uitpas/event-not-found');
    expect(problemType(await checkin(EVENTS.concertToday.id, '1234567890123'))).toBe(
      'uitpas/invalid-uitpasnumber',
    );
    expect(problemType(await checkin(EVENTS.concertToday.id, UNKNOWN_NUMBER))).toBe(
      'uitpas/passholder-not-found',
    );
  });

  it('refuses blocked and deleted cards (invalid-card-status) and blocked memberships', async () => {
    const blocked = await checkin(EVENTS.concertToday.id, PASSHOLDERS.kobe.uitpasNumber);
    expect(problemType(blocked)).toBe('uitpas/invalid-card-status');
    expect(blocked.body.cardStatus).toBe('BLOCKED');
    expect(problemType(await checkin(EVENTS.concertToday.id, PASSHOLDERS.marie.uitpasNumber))).toBe(
      'uitpas/invalid-card-status',
    );
    expect(problemType(await checkin(EVENTS.concertToday.id, PASSHOLDERS.emma.uitpasNumber))).toBe(
      'uitpas/passholder-no-active-cardsystems',
    );
    const stock = await checkin(EVENTS.concertToday.id, STOCK_CARDS[0].uitpasNumber);
    expect(problemType(stock)).toBe('uitpas/invalid-card-status');
    expect(stock.body.cardStatus).toBe('LOCAL_STOCK');
  });

  it('refuses group passes (invalid-card)', async () => {
    expect(problemType(await checkin(EVENTS.concertToday.id, GROUP_PASSES.deSleutel.uitpasNumber))).toBe(
      'uitpas/invalid-card',
    );
  });

  it('lets a suspended passholder save points', async () => {
    expect((await checkin(EVENTS.concertToday.id, PASSHOLDERS.fatima.uitpasNumber)).status).toBe(201);
  });

  it('GET /checkin-status says whether a check-in is allowed', async () => {
    const path = `/checkin-status?eventId=${EVENTS.concertToday.id}&uitpasNumber=${PASSHOLDERS.amira.uitpasNumber}`;
    expect((await w.api.get(path)).body).toEqual({ allowed: true });
    await checkin(EVENTS.concertToday.id, PASSHOLDERS.amira.uitpasNumber);
    const after = await w.api.get<{ allowed: boolean; endUserMessage: { nl: string } }>(path);
    expect(after.body.allowed).toBe(false);
    expect(after.body.endUserMessage.nl).toBeTruthy();
    expect(
      (await w.api.get(`/checkin-status?eventId=nope&uitpasNumber=${PASSHOLDERS.amira.uitpasNumber}`)).status,
    ).toBe(404);
  });
});

describe('tariffs and ticket sales', () => {
  it('offers the social tariff to an ACTIVE passholder in the own region', async () => {
    const res = await tariffs(EVENTS.concertToday.id, PASSHOLDERS.amira.uitpasNumber);
    expect(res.body.available).toEqual([
      { id: 'SOCIALTARIFF', name: 'Kansentarief', price: 3, type: 'SOCIALTARIFF', remaining: 1 },
    ]);
  });

  it('keeps the social tariff ACTIVE during the grace period', async () => {
    expect(
      (await tariffs(EVENTS.concertToday.id, PASSHOLDERS.noah.uitpasNumber)).body.available,
    ).toHaveLength(1);
    const pass = await w.api.get<{ socialTariff: { status: string }; messages: { level: string }[] }>(
      `/passes?identifier=${PASSHOLDERS.noah.uitpasNumber}`,
    );
    expect(pass.body.socialTariff.status).toBe('ACTIVE');
    expect(pass.body.messages[0]?.level).toBe('INFO');
  });

  it('answers social-tariff-expired for tariffs and sales', async () => {
    expect(problemType(await tariffs(EVENTS.concertToday.id, PASSHOLDERS.lotte.uitpasNumber))).toBe(
      'uitpas/social-tariff-expired',
    );
    expect(
      problemType(
        await w.api.post('/ticket-sales', [sale(EVENTS.concertToday.id, PASSHOLDERS.lotte.uitpasNumber)]),
      ),
    ).toBe('uitpas/social-tariff-expired');
  });

  it('answers social-tariff-suspended', async () => {
    expect(problemType(await tariffs(EVENTS.concertToday.id, PASSHOLDERS.fatima.uitpasNumber))).toBe(
      'uitpas/social-tariff-suspended',
    );
  });

  it('offers nothing without social tariff, and refuses such a sale (invalid-card)', async () => {
    expect((await tariffs(EVENTS.concertToday.id, PASSHOLDERS.jonas.uitpasNumber)).body.available).toEqual(
      [],
    );
    expect(
      problemType(
        await w.api.post('/ticket-sales', [sale(EVENTS.concertToday.id, PASSHOLDERS.jonas.uitpasNumber)]),
      ),
    ).toBe('uitpas/invalid-card');
  });

  it('offers no social tariff outside the passholder’s region, with an endUserMessage', async () => {
    const res = await tariffs(EVENTS.concertToday.id, PASSHOLDERS.sofie.uitpasNumber);
    expect(res.body.available).toEqual([]);
    expect(res.body.endUserMessage?.nl).toContain('regio');
  });

  it('enforces the passholder ticket limit per period (maximum-reached)', async () => {
    const first = await w.api.post<{ id: string; tariff: { price: number } }[]>('/ticket-sales', [
      sale(EVENTS.concertToday.id, PASSHOLDERS.amira.uitpasNumber),
    ]);
    expect(first.status).toBe(200);
    expect(first.body[0]?.tariff.price).toBe(3);
    const after = await tariffs(EVENTS.concertToday.id, PASSHOLDERS.amira.uitpasNumber);
    expect(after.body.available).toEqual([]);
    expect(after.body.endUserMessage?.nl).toContain('per week');
    expect(
      problemType(
        await w.api.post('/ticket-sales', [sale(EVENTS.concertToday.id, PASSHOLDERS.amira.uitpasNumber)]),
      ),
    ).toBe('uitpas/maximum-reached');
  });

  it('is all-or-nothing: a batch over `remaining` fails on the item that exceeds it and stores nothing', async () => {
    const batch = Array.from({ length: 4 }, () =>
      sale(EVENTS.workshopToday.id, PASSHOLDERS.amira.uitpasNumber, 'SOCIALTARIFF', 20),
    );
    const res = await w.api.post('/ticket-sales', batch);
    expect(problemType(res)).toBe('uitpas/invalid-number-of-tickets');
    expect(res.body.jsonPointer).toBe('/3');
    expect((await w.sandbox.admin.state()).ticketSales).toHaveLength(0);
    expect((await w.api.post<unknown[]>('/ticket-sales', batch.slice(0, 3))).body).toHaveLength(3);
  });

  it('points jsonPointer at the failing item of a batch', async () => {
    const res = await w.api.post('/ticket-sales', [
      sale(EVENTS.concertToday.id, PASSHOLDERS.amira.uitpasNumber),
      sale('00000000-0000-4000-8000-000000000000', PASSHOLDERS.noah.uitpasNumber),
    ]);
    expect(problemType(res)).toBe('uitpas/event-not-found');
    expect(res.body.jsonPointer).toBe('/1');
    expect((await w.sandbox.admin.state()).ticketSales).toHaveLength(0);
  });

  it('a cancelled sale frees its remaining; unknown ids give ticket-sale-not-found', async () => {
    const sold = await w.api.post<{ id: string }[]>('/ticket-sales', [
      sale(EVENTS.concertToday.id, PASSHOLDERS.amira.uitpasNumber),
    ]);
    expect((await w.api.delete(`/ticket-sales/${sold.body[0]?.id}`)).status).toBe(204);
    expect(
      (await tariffs(EVENTS.concertToday.id, PASSHOLDERS.amira.uitpasNumber)).body.available,
    ).toHaveLength(1);
    expect(problemType(await w.api.delete(`/ticket-sales/${sold.body[0]?.id}`))).toBe(
      'uitpas/ticket-sale-not-found',
    );
  });

  it('group passes get their yearly tickets as remaining', async () => {
    const res = await tariffs(EVENTS.concertToday.id, GROUP_PASSES.deSleutel.uitpasNumber);
    expect(res.body.available[0]?.remaining).toBe(GROUP_PASSES.deSleutel.totalTicketsPerYear);
    const batch = Array.from({ length: 5 }, () =>
      sale(EVENTS.concertToday.id, GROUP_PASSES.deSleutel.uitpasNumber),
    );
    expect((await w.api.post('/ticket-sales', batch)).status).toBe(200);
    expect(
      (await tariffs(EVENTS.concertToday.id, GROUP_PASSES.deSleutel.uitpasNumber)).body.available[0]
        ?.remaining,
    ).toBe(45);
  });

  it('registers sales only for a non-zero regular price, and refuses unknown coupons (invalid-coupon)', async () => {
    const free = await w.api.post('/ticket-sales', [
      sale(EVENTS.concertToday.id, PASSHOLDERS.amira.uitpasNumber, 'SOCIALTARIFF', 0),
    ]);
    expect(problemType(free)).toBe('body/invalid-data');
    expect(
      problemType(
        await w.api.post('/ticket-sales', [
          sale(EVENTS.concertToday.id, PASSHOLDERS.amira.uitpasNumber, 'COUPON-1'),
        ]),
      ),
    ).toBe('uitpas/invalid-coupon');
  });

  it('GET /tariffs/static shows the display tariff, or social-tariff-not-available', async () => {
    const res = await w.api.get<{ available: { price: number }[] }>(
      `/tariffs/static?eventId=${EVENTS.concertToday.id}&regularPrice=10`,
    );
    expect(res.body.available[0]?.price).toBe(2.5);
    expect(
      problemType(await w.api.get(`/tariffs/static?eventId=${EVENTS.concertToday.id}&regularPrice=0`)),
    ).toBe('uitpas/social-tariff-not-available');
  });

  it('needs TARIFFS_READ / TICKETSALES_REGISTER for the organizer', async () => {
    expect(problemType(await tariffs(EVENTS.sportGentToday.id, PASSHOLDERS.sofie.uitpasNumber))).toBe(
      'auth/forbidden',
    );
    expect(
      problemType(
        await w.api.post('/ticket-sales', [sale(EVENTS.sportGentToday.id, PASSHOLDERS.sofie.uitpasNumber)]),
      ),
    ).toBe('auth/forbidden');
  });

  it('lists sales by event and by passholder + organizer', async () => {
    await w.api.post('/ticket-sales', [sale(EVENTS.concertToday.id, PASSHOLDERS.amira.uitpasNumber)]);
    expect((await w.api.get(`/ticket-sales?eventId=${EVENTS.concertToday.id}`)).body.totalItems).toBe(1);
    const org = ORGANIZERS.ccEeklo.id;
    expect(
      (await w.api.get(`/ticket-sales?passholderId=${PASSHOLDERS.amira.id}&organizerId=${org}`)).body
        .totalItems,
    ).toBe(1);
  });
});

describe('rewards', () => {
  it('a redemption costs points and counts a unit; undo gives both back', async () => {
    const res = await redeem(REWARDS.koffie.id, PASSHOLDERS.amira.uitpasNumber);
    expect(res.status).toBe(201);
    expect(await points(PASSHOLDERS.amira.id)).toBe(PASSHOLDERS.amira.points - REWARDS.koffie.points);
    expect((await w.sandbox.admin.state()).rewards.find((r) => r.id === REWARDS.koffie.id)?.unitsTaken).toBe(
      1,
    );
    expect((await w.api.delete(`/rewards/redeemed/${res.body.id as string}`)).status).toBe(204);
    expect(await points(PASSHOLDERS.amira.id)).toBe(PASSHOLDERS.amira.points);
    expect((await w.sandbox.admin.state()).rewards.find((r) => r.id === REWARDS.koffie.id)?.unitsTaken).toBe(
      0,
    );
    // The per-passholder count is freed too.
    expect((await redeem(REWARDS.koffie.id, PASSHOLDERS.amira.uitpasNumber)).status).toBe(201);
  });

  const perPeriod = [
    { reward: REWARDS.zwembeurt, next: '2026-11-25T23:30:00Z' },
    { reward: REWARDS.koffie, next: '2026-11-30T08:00:00Z' },
    { reward: REWARDS.boek, next: '2026-12-01T08:00:00Z' },
    { reward: REWARDS.filmticket, next: '2027-01-01T08:00:00Z' },
    { reward: REWARDS.draagtas, next: '2027-01-01T08:00:00Z' },
    { reward: REWARDS.welkom, next: null },
  ] as const;
  for (const { reward, next } of perPeriod) {
    it(`limits ${reward.title} to ${reward.redeemConstraint.volume} per ${reward.redeemConstraint.period} (reward-passholder-volume-constraint)`, async () => {
      for (let i = 0; i < reward.redeemConstraint.volume; i++) {
        expect((await redeem(reward.id, PASSHOLDERS.bram.uitpasNumber)).status).toBe(201);
      }
      expect(problemType(await redeem(reward.id, PASSHOLDERS.bram.uitpasNumber))).toBe(
        'uitpas/reward-passholder-volume-constraint',
      );
      if (next) {
        await moveClock(w, next);
        expect((await redeem(reward.id, PASSHOLDERS.bram.uitpasNumber)).status).toBe(201);
      } else {
        await moveClock(w, '2027-06-01T08:00:00Z');
        expect(problemType(await redeem(reward.id, PASSHOLDERS.bram.uitpasNumber))).toBe(
          'uitpas/reward-passholder-volume-constraint',
        );
      }
    });
  }

  it('needs enough points (reward-passholder-points-constraint)', async () => {
    expect(problemType(await redeem(REWARDS.koffie.id, PASSHOLDERS.lotte.uitpasNumber))).toBe(
      'uitpas/reward-passholder-points-constraint',
    );
  });

  it('only inside the redeem period (reward-period-constraint)', async () => {
    expect(problemType(await redeem(REWARDS.zomerbad.id, PASSHOLDERS.bram.uitpasNumber))).toBe(
      'uitpas/reward-period-constraint',
    );
    expect(problemType(await redeem(REWARDS.kerstmarkt.id, PASSHOLDERS.bram.uitpasNumber))).toBe(
      'uitpas/reward-period-constraint',
    );
  });

  it('not when sold out (reward-volume-constraint)', async () => {
    expect(problemType(await redeem(REWARDS.uitverkocht.id, PASSHOLDERS.bram.uitpasNumber))).toBe(
      'uitpas/reward-volume-constraint',
    );
  });

  it('only for applicable card systems (reward-passholder-no-applicable-cardsystems)', async () => {
    expect(problemType(await redeem(REWARDS.gentsVoordeel.id, PASSHOLDERS.bram.uitpasNumber))).toBe(
      'uitpas/reward-passholder-no-applicable-cardsystems',
    );
  });

  it('not without an active membership, with a blocked card, or with a group pass', async () => {
    expect(problemType(await redeem(REWARDS.koffie.id, PASSHOLDERS.emma.uitpasNumber))).toBe(
      'uitpas/passholder-no-active-cardsystems',
    );
    expect(problemType(await redeem(REWARDS.koffie.id, PASSHOLDERS.kobe.uitpasNumber))).toBe(
      'uitpas/invalid-card',
    );
    expect(problemType(await redeem(REWARDS.koffie.id, GROUP_PASSES.deSleutel.uitpasNumber))).toBe(
      'uitpas/invalid-card',
    );
  });

  it('answers reward-not-found, invalid-uitpas-number, passholder-not-found', async () => {
    const missing = await redeem('424242', PASSHOLDERS.bram.uitpasNumber);
    expect(missing.status).toBe(404);
    expect(problemType(missing)).toBe('uitpas/reward-not-found');
    expect(problemType(await redeem(REWARDS.koffie.id, '12345'))).toBe('uitpas/invalid-uitpas-number');
    expect(problemType(await redeem(REWARDS.koffie.id, UNKNOWN_NUMBER))).toBe('uitpas/passholder-not-found');
  });

  it('lets a suspended passholder redeem', async () => {
    expect((await redeem(REWARDS.koffie.id, PASSHOLDERS.fatima.uitpasNumber)).status).toBe(201);
  });

  it('needs REWARDS_REDEEM for one of the reward’s organizers', async () => {
    const readOnly = await clientToken(w.sandbox.baseUrl, CLIENTS.readOnly);
    const res = await w.api.call('POST', '/rewards/redeemed', {
      body: { rewardId: REWARDS.koffie.id, uitpasNumber: PASSHOLDERS.bram.uitpasNumber },
      token: readOnly,
    });
    expect(problemType(res)).toBe('auth/forbidden');
  });

  it('redeem-status gives the reason', async () => {
    const status = (rewardId: string, n: string) =>
      w.api.get<{ redeemable: boolean; reason?: string }>(
        `/rewards/${rewardId}/redeem-status?uitpasNumber=${n}`,
      );
    expect((await status(REWARDS.koffie.id, PASSHOLDERS.amira.uitpasNumber)).body).toEqual({
      redeemable: true,
    });
    expect((await status(REWARDS.koffie.id, PASSHOLDERS.lotte.uitpasNumber)).body.reason).toBe(
      'PASSHOLDER_POINTS',
    );
    expect((await status(REWARDS.uitverkocht.id, PASSHOLDERS.bram.uitpasNumber)).body.reason).toBe(
      'REWARD_VOLUME',
    );
    expect((await status(REWARDS.zomerbad.id, PASSHOLDERS.bram.uitpasNumber)).body.reason).toBe(
      'REWARD_PERIOD',
    );
    expect((await status(REWARDS.gentsVoordeel.id, PASSHOLDERS.bram.uitpasNumber)).body.reason).toBe(
      'PASSHOLDER_APPLICABLE_CARDSYSTEMS',
    );
    expect((await status(REWARDS.koffie.id, PASSHOLDERS.kobe.uitpasNumber)).body.reason).toBe('INVALID_CARD');
    expect((await status(REWARDS.koffie.id, PASSHOLDERS.emma.uitpasNumber)).body.reason).toBe(
      'PASSHOLDER_NO_ACTIVE_CARDSYSTEM',
    );
  });

  it('GET /rewards filters on what a passholder can redeem', async () => {
    const all = await w.api.get<{ member: { id: string }[] }>('/rewards?type=ANY&limit=100');
    const lotte = await w.api.get<{ member: { id: string }[] }>(
      `/rewards?type=ANY&limit=100&isRedeemableByPassholderId=${PASSHOLDERS.lotte.id}`,
    );
    expect(all.body.member.length).toBeGreaterThan(lotte.body.member.length);
    expect(lotte.body.member.map((r) => r.id)).toContain(REWARDS.welkom.id);
    expect(lotte.body.member.map((r) => r.id)).not.toContain(REWARDS.koffie.id);
  });

  it('lists redemptions by UiTPAS number, newest first', async () => {
    await redeem(REWARDS.koffie.id, PASSHOLDERS.bram.uitpasNumber);
    await w.sandbox.admin.advanceClock(60);
    await redeem(REWARDS.draagtas.id, PASSHOLDERS.bram.uitpasNumber);
    const list = await w.api.get<{ member: { reward: { id: string } }[] }>(
      `/rewards/redeemed?uitpasNumber=${PASSHOLDERS.bram.uitpasNumber}`,
    );
    expect(list.body.member.map((r) => r.reward.id)).toEqual([REWARDS.draagtas.id, REWARDS.koffie.id]);
  });
});
