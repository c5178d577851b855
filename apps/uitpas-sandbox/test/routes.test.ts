// Every route answers success and error shapes that validate against the official definition (the Api
// helper checks each answer), plus registration, passes, kiosk devices and the UiTdatabank Search subset.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  Api,
  CARD_SYSTEMS,
  CLIENTS,
  EVENTS,
  GROUP_PASSES,
  KIOSKS,
  ORGANIZERS,
  PASSHOLDERS,
  PROVISIONED_CARD,
  REWARDS,
  STAFF,
  STOCK_CARDS,
  clientToken,
  fresh,
  problemType,
  staffToken,
  world,
  type World,
} from './helpers.ts';

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

describe('reference data', () => {
  it('GET /permissions lists the organizers and permissions of the caller', async () => {
    const res = await w.api.get<{ organizer: { id: string }; permissions: string[] }[]>('/permissions');
    expect(res.body.map((p) => p.organizer.id)).toEqual([
      ORGANIZERS.ccEeklo.id,
      ORGANIZERS.bibMaldegem.id,
      ORGANIZERS.zwembadAssenede.id,
    ]);
    expect(res.body[0]?.permissions).toContain('CHECKINS_WRITE');
  });

  it('GET /organizers/{id}', async () => {
    expect((await w.api.get(`/organizers/${ORGANIZERS.bibMaldegem.id}`)).body.name).toBe(
      ORGANIZERS.bibMaldegem.name,
    );
    expect(problemType(await w.api.get('/organizers/unknown'))).toBe('uitpas/organizer-not-found');
  });

  it('GET /card-systems and /card-systems/{id}', async () => {
    const list = await w.api.get<{ member: { id: number }[] }>('/card-systems?postalCode=9990');
    expect(list.body.member.map((c) => c.id)).toEqual([CARD_SYSTEMS.meetjesland.id]);
    expect(problemType(await w.api.get('/card-systems?postalCode=99'))).toBe('uitpas/invalid-postal-code');
    expect((await w.api.get(`/card-systems/${CARD_SYSTEMS.meetjesland.id}`)).body.name).toBe(
      'UiTPAS Meetjesland',
    );
    expect(problemType(await w.api.get('/card-systems/999'))).toBe('uitpas/cardsystem-not-found');
    // Card systems need no token, only client identification.
    const anonymous = await w.api.call('GET', '/card-systems', {
      token: null,
      headers: { 'x-client-id': CLIENTS.counter.clientId },
    });
    expect(anonymous.status).toBe(200);
  });

  it('GET /rewards/{id}', async () => {
    expect((await w.api.get(`/rewards/${REWARDS.koffie.id}`)).body.points).toBe(REWARDS.koffie.points);
    expect(problemType(await w.api.get('/rewards/0'))).toBe('uitpas/reward-not-found');
  });
});

describe('passes and passholders', () => {
  const pass = (identifier: string) =>
    w.api.get<{
      passholderId: string;
      passType: string;
      socialTariff: { status: string };
      messages?: { text: string }[];
    }>(`/passes?identifier=${identifier}`);

  it('GET /passes finds a pass by UiTPAS number, chip number and INSZ', async () => {
    for (const id of [
      PASSHOLDERS.amira.uitpasNumber,
      PASSHOLDERS.amira.chipNumber,
      PASSHOLDERS.amira.chipNumber.toLowerCase(),
      PASSHOLDERS.amira.inszNumber,
    ]) {
      expect((await pass(id)).body.passholderId).toBe(PASSHOLDERS.amira.id);
    }
    expect((await pass(PASSHOLDERS.lucas.inszNumber)).body.passholderId).toBe(PASSHOLDERS.lucas.id);
  });

  it('GET /passes shows messages that must be displayed (expired, suspended)', async () => {
    expect((await pass(PASSHOLDERS.lotte.uitpasNumber)).body.messages?.[0]?.text).toContain('verlopen');
    const fatima = await pass(PASSHOLDERS.fatima.uitpasNumber);
    expect(fatima.body.socialTariff.status).toBe('EXPIRED');
    expect(fatima.body.messages?.[0]?.text).toContain('opgeschort');
  });

  it('GET /passes answers pass-not-found, invalid-card-status and passholder-blocked; group passes are GROUP', async () => {
    expect(problemType(await pass('0400000099905'))).toBe('uitpas/pass-not-found');
    const blocked = await pass(PASSHOLDERS.kobe.chipNumber);
    expect(problemType(blocked)).toBe('uitpas/invalid-card-status');
    expect(blocked.body).toMatchObject({ cardStatus: 'BLOCKED', passholderId: PASSHOLDERS.kobe.id });
    expect(problemType(await pass(PASSHOLDERS.emma.uitpasNumber))).toBe('uitpas/passholder-blocked');
    expect((await pass(GROUP_PASSES.deSleutel.uitpasNumber)).body.passType).toBe('GROUP');
  });

  it('GET /passholders searches by number, chip, INSZ, name and birth date', async () => {
    const one = async (q: string) =>
      (await w.api.get<{ member: { id: string }[] }>(`/passholders?${q}`)).body.member.map((m) => m.id);
    expect(await one(`uitpasNumber=${PASSHOLDERS.jonas.uitpasNumber}`)).toEqual([PASSHOLDERS.jonas.id]);
    expect(await one(`chipNumber=${PASSHOLDERS.jonas.chipNumber}`)).toEqual([PASSHOLDERS.jonas.id]);
    expect(await one(`inszNumber=${PASSHOLDERS.jonas.inszNumber}`)).toEqual([PASSHOLDERS.jonas.id]);
    expect(await one('name=de%20smet')).toEqual([PASSHOLDERS.jonas.id]);
    expect(await one('dateOfBirthFrom=2010-01-01')).toEqual([PASSHOLDERS.lucas.id]);
    // Sofie lives in another card system: not found by name, but found by an identifier.
    expect(await one('name=mertens')).toEqual([]);
    expect(await one(`uitpasNumber=${PASSHOLDERS.sofie.uitpasNumber}`)).toEqual([PASSHOLDERS.sofie.id]);
    expect(problemType(await w.api.get('/passholders?inszNumber=12345678901'))).toBe(
      'uitpas/invalid-insz-number',
    );
    expect(problemType(await w.api.get('/passholders?uitpasNumber=0400000010119'))).toBe(
      'uitpas/invalid-uitpas-number',
    );
  });

  it('GET /passholders/{id} and PUT /passholders/{id} (extends the social tariff)', async () => {
    const got = await w.api.get<Record<string, unknown>>(`/passholders/${PASSHOLDERS.lotte.id}`);
    expect(got.body.inszNumber).toBe(PASSHOLDERS.lotte.inszNumber);
    expect(problemType(await w.api.get('/passholders/nobody'))).toBe('uitpas/passholder-not-found');
    const put = await w.api.put(`/passholders/${PASSHOLDERS.lotte.id}`, {
      name: 'Van Damme',
      firstName: 'Lotte',
      dateOfBirth: PASSHOLDERS.lotte.dateOfBirth,
      address: { street: 'Dorpsstraat 22', postalCode: '9960', city: 'Assenede' },
      registrationSocialTariffEndDate: '2027-04-30',
    });
    expect(put.status).toBe(204);
    const tariffs = await w.api.get<{ available: unknown[] }>(
      `/tariffs?eventId=${EVENTS.concertToday.id}&uitpasNumber=${PASSHOLDERS.lotte.uitpasNumber}&regularPrice=12`,
    );
    expect(tariffs.body.available).toHaveLength(1);
  });

  it('GET /cards and GET /grouppasses', async () => {
    expect((await w.api.get(`/cards?chipNumber=${STOCK_CARDS[0].chipNumber}`)).body.status).toBe(
      'LOCAL_STOCK',
    );
    expect(problemType(await w.api.get('/cards?uitpasNumber=1'))).toBe('uitpas/invalid-uitpas-number');
    const groups = await w.api.get<{ member: { name: string }[] }>(
      `/grouppasses?chipNumber=${GROUP_PASSES.deSleutel.chipNumber}`,
    );
    expect(groups.body.member[0]?.name).toBe(GROUP_PASSES.deSleutel.name);
  });
});

describe('registration (POST /passholders)', () => {
  const person = (extra: Record<string, unknown> = {}) => ({
    name: 'Van Hecke',
    firstName: 'Ines',
    dateOfBirth: '1990-04-12',
    address: { street: 'Boelare 10', postalCode: '9900', city: 'Eeklo' },
    registrationOrganizer: { id: ORGANIZERS.ccEeklo.id },
    registrationCardSystemId: CARD_SYSTEMS.meetjesland.id,
    registrationCardType: 'NFC_CARD',
    registrationUitpasNumber: STOCK_CARDS[0].uitpasNumber,
    ...extra,
  });

  it('sells a LOCAL_STOCK card: the card becomes ACTIVE and the passholder can check in', async () => {
    const res = await w.api.post<{ id: string; uitpasNumber: string }>(
      '/passholders',
      person({ inszNumber: '90041224651' }),
    );
    expect(res.status).toBe(200);
    expect(res.body.uitpasNumber).toBe(STOCK_CARDS[0].uitpasNumber);
    expect((await w.api.get(`/cards?uitpasNumber=${STOCK_CARDS[0].uitpasNumber}`)).body.status).toBe(
      'ACTIVE',
    );
    expect(
      (
        await w.api.post('/checkins', {
          eventId: EVENTS.concertToday.id,
          uitpasNumber: STOCK_CARDS[0].uitpasNumber,
        })
      ).status,
    ).toBe(201);
  });

  it('gives a social-tariff card an end date of 30 April next year by default', async () => {
    const res = await w.api.post<{
      cardSystemMemberships: { socialTariff: { endDate: string; status: string } }[];
    }>('/passholders', person({ registrationUitpasNumber: STOCK_CARDS[3].uitpasNumber }));
    const st = res.body.cardSystemMemberships[0]?.socialTariff;
    expect(st?.status).toBe('ACTIVE');
    expect(st?.endDate.slice(0, 10)).toBe('2027-04-30');
  });

  it('refuses a card that is not in LOCAL_STOCK (invalid-card-status)', async () => {
    expect(
      problemType(
        await w.api.post(
          '/passholders',
          person({ registrationUitpasNumber: PASSHOLDERS.amira.uitpasNumber }),
        ),
      ),
    ).toBe('uitpas/invalid-card-status');
    expect(
      problemType(
        await w.api.post('/passholders', person({ registrationUitpasNumber: PROVISIONED_CARD.uitpasNumber })),
      ),
    ).toBe('uitpas/invalid-card-status');
    expect(
      problemType(await w.api.post('/passholders', person({ registrationUitpasNumber: '0400000099905' }))),
    ).toBe('uitpas/invalid-card');
  });

  it('needs a unique, valid INSZ that matches the birth date', async () => {
    expect(
      problemType(
        await w.api.post(
          '/passholders',
          person({ inszNumber: PASSHOLDERS.amira.inszNumber, dateOfBirth: PASSHOLDERS.amira.dateOfBirth }),
        ),
      ),
    ).toBe('uitpas/insz-already-used');
    expect(problemType(await w.api.post('/passholders', person({ inszNumber: '90041212300' })))).toBe(
      'uitpas/invalid-insz-number',
    );
    // 90041224651 has an even serial: a woman's number, refused for a man.
    expect(
      problemType(await w.api.post('/passholders', person({ inszNumber: '90041224651', gender: 'MALE' }))),
    ).toBe('uitpas/invalid-insz-number');
    expect(
      (await w.api.post('/passholders', person({ inszNumber: '90041224651', gender: 'FEMALE' }))).status,
    ).toBe(200);
  });

  it('keeps a passholder with kansentarief inside the region', async () => {
    const move = (postalCode: string, city: string) =>
      w.api.put(`/passholders/${PASSHOLDERS.amira.id}`, {
        name: PASSHOLDERS.amira.name,
        firstName: PASSHOLDERS.amira.firstName,
        dateOfBirth: PASSHOLDERS.amira.dateOfBirth,
        address: { street: 'Veldstraat 2', postalCode, city },
      });
    expect(problemType(await move('9000', 'Gent'))).toBe('uitpas/invalid-postal-code');
    expect((await move('9990', 'Maldegem')).status).toBe(204);
  });

  it('answers organizer-not-found, cardsystem-not-found and invalid-city', async () => {
    expect(
      problemType(await w.api.post('/passholders', person({ registrationOrganizer: { id: 'nope' } }))),
    ).toBe('uitpas/organizer-not-found');
    expect(problemType(await w.api.post('/passholders', person({ registrationCardSystemId: 999 })))).toBe(
      'uitpas/cardsystem-not-found',
    );
    expect(
      problemType(
        await w.api.post('/passholders', person({ address: { postalCode: '9900', city: 'Gent' } })),
      ),
    ).toBe('uitpas/invalid-city');
  });

  it('needs the card-system-wide permission for kansentarief outside the organizer’s town', async () => {
    const staff = new Api(w.sandbox.baseUrl, await staffToken(w.sandbox.baseUrl, STAFF.eeklo));
    const maldegem = { street: 'Noordstraat 9', postalCode: '9990', city: 'Maldegem' };
    const social = person({ registrationUitpasNumber: STOCK_CARDS[3].uitpasNumber, address: maldegem });
    expect(problemType(await staff.post('/passholders', social))).toBe('auth/forbidden');
    expect((await staff.post('/passholders', person({ address: maldegem }))).status).toBe(200);
    expect((await w.api.post('/passholders', social)).status).toBe(200);
  });

  it('needs PASSHOLDERS_WRITE for the registration organizer', async () => {
    const readOnly = new Api(w.sandbox.baseUrl, await clientToken(w.sandbox.baseUrl, CLIENTS.readOnly));
    expect(problemType(await readOnly.post('/passholders', person()))).toBe('auth/forbidden');
  });

  it('registers a digital pass without a card', async () => {
    const res = await w.api.post<{ uitpasNumber: string }>(
      '/passholders',
      person({ registrationCardType: 'DIGITAL', registrationUitpasNumber: undefined }),
    );
    expect(res.status).toBe(200);
    expect(res.body.uitpasNumber).toMatch(/^\d{13}$/);
    const second = await w.api.post<{ uitpasNumber: string }>(
      '/passholders',
      person({ firstName: 'Tom', registrationCardType: 'DIGITAL', registrationUitpasNumber: undefined }),
    );
    expect(second.body.uitpasNumber).not.toBe(res.body.uitpasNumber);
    expect((await w.api.get(`/passes?identifier=${second.body.uitpasNumber}`)).body.firstName).toBe('Tom');
  });

  it('membership prices, preview and a replacement card', async () => {
    const price = (q: string) =>
      w.api.get<{ price: number }>(`/passholders/membership-prices/${CARD_SYSTEMS.meetjesland.id}?${q}`);
    expect((await price('postalCode=9900&dateOfBirth=1990-01-01&cardType=NFC_CARD')).body.price).toBe(5);
    expect((await price('postalCode=9900&dateOfBirth=2015-01-01&cardType=NFC_CARD')).body.price).toBe(2);
    expect(
      (await price('postalCode=9900&dateOfBirth=1990-01-01&cardType=NFC_CARD&socialTariff=true')).body.price,
    ).toBe(1);
    expect(problemType(await price('postalCode=99&dateOfBirth=1990-01-01&cardType=NFC_CARD'))).toBe(
      'uitpas/invalid-postal-code',
    );

    const preview = await w.api.get(
      `/passholders/${PASSHOLDERS.jonas.id}/memberships/${CARD_SYSTEMS.meetjesland.id}?socialTariff=false&organizerId=${ORGANIZERS.ccEeklo.id}`,
    );
    expect(preview.body.type).toBe('REPLACE_MEMBERSHIP');
    const replaced = await w.api.post(
      `/passholders/${PASSHOLDERS.jonas.id}/memberships/${CARD_SYSTEMS.meetjesland.id}`,
      {
        cardType: 'NFC_CARD',
        uitpasNumber: STOCK_CARDS[1].uitpasNumber,
        registrationOrganizer: { id: ORGANIZERS.ccEeklo.id },
      },
    );
    expect(replaced.status).toBe(201);
    expect((await w.api.get(`/cards?uitpasNumber=${PASSHOLDERS.jonas.uitpasNumber}`)).body.status).toBe(
      'BLOCKED',
    );
    expect((await w.api.get(`/passes?identifier=${STOCK_CARDS[1].uitpasNumber}`)).body.passholderId).toBe(
      PASSHOLDERS.jonas.id,
    );
  });
});

describe('kiosk devices', () => {
  const kiosk = (token: string) => ({
    call: (method: string, path: string, body?: unknown) =>
      w.api.call(method, path, {
        token: null,
        headers: { 'x-custom-token': token },
        ...(body !== undefined ? { body } : {}),
      }),
  });

  it('sets up with the configuration code, then works with the device id', async () => {
    const setup = await kiosk(KIOSKS.eeklo.configurationCode).call('PUT', '/kiosk-devices/setup', {
      name: 'Zuil 1',
      deviceId: 'device-a',
    });
    expect(setup.status).toBe(200);
    expect(setup.body.deviceId).toBe('device-a');
    // The same device may set up again; another device may not take this kiosk.
    expect(
      (
        await kiosk(KIOSKS.eeklo.configurationCode).call('PUT', '/kiosk-devices/setup', {
          name: 'Zuil 1',
          deviceId: 'device-a',
        })
      ).status,
    ).toBe(200);
    expect(
      problemType(
        await kiosk(KIOSKS.eeklo.configurationCode).call('PUT', '/kiosk-devices/setup', {
          name: 'x',
          deviceId: 'device-b',
        }),
      ),
    ).toBe('uitpas/kiosk-already-configured');
    expect(
      problemType(
        await kiosk(KIOSKS.maldegem.configurationCode).call('PUT', '/kiosk-devices/setup', {
          name: 'x',
          deviceId: 'device-a',
        }),
      ),
    ).toBe('uitpas/kiosk-device-already-in-use');
    expect(
      problemType(
        await kiosk('WRONG-CODE').call('PUT', '/kiosk-devices/setup', { name: 'x', deviceId: 'device-c' }),
      ),
    ).toBe('uitpas/kiosk-not-found');

    const device = kiosk('device-a');
    expect((await device.call('GET', '/kiosk-devices')).body.id).toBe(KIOSKS.eeklo.id);
    expect((await device.call('GET', '/kiosk-devices/events')).status).toBe(404);
    expect(
      problemType(await device.call('PUT', '/kiosk-devices/events', { id: EVENTS.voorleesuurToday.id })),
    ).toBe('uitpas/event-not-acceptable');
    expect((await device.call('PUT', '/kiosk-devices/events', { id: EVENTS.workshopToday.id })).status).toBe(
      204,
    );
    const current = await device.call('GET', '/kiosk-devices/checkins');
    expect((current.body.event as { id: string }).id).toBe(EVENTS.workshopToday.id);
    expect(current.body.checkinCode).toBeTruthy();

    const first = await device.call('POST', '/kiosk-devices/checkins', {
      chipNumber: PASSHOLDERS.amira.chipNumber,
    });
    expect(first.body).toEqual({ newPoints: 3, totalPoints: PASSHOLDERS.amira.points + 3 });
    await device.call('POST', '/kiosk-devices/checkins', { chipNumber: PASSHOLDERS.amira.chipNumber });
    expect(
      problemType(
        await device.call('POST', '/kiosk-devices/checkins', { chipNumber: PASSHOLDERS.amira.chipNumber }),
      ),
    ).toBe('uitpas/maximum-reached');
    expect(
      problemType(
        await device.call('POST', '/kiosk-devices/checkins', { chipNumber: PASSHOLDERS.kobe.chipNumber }),
      ),
    ).toBe('uitpas/card-blocked');
    expect(
      problemType(await device.call('POST', '/kiosk-devices/checkins', { chipNumber: '04FFFFFFFFFFFF' })),
    ).toBe('uitpas/passholder-not-found');
    expect(
      (await device.call('GET', `/kiosk-devices/chip-numbers/${PASSHOLDERS.amira.chipNumber}`)).body
        .totalPoints,
    ).toBe(PASSHOLDERS.amira.points + 6);
    expect(
      problemType(await device.call('GET', `/kiosk-devices/chip-numbers/${PASSHOLDERS.kobe.chipNumber}`)),
    ).toBe('uitpas/card-blocked');
    expect((await device.call('DELETE', '/kiosk-devices/events')).status).toBe(204);
    // Without a configured event the kiosk picks an open event of its organizers.
    expect((await device.call('GET', '/kiosk-devices/checkins')).status).toBe(200);
  });

  it('an unknown device id is unauthorized', async () => {
    expect(problemType(await kiosk('no-such-device').call('GET', '/kiosk-devices'))).toBe(
      'auth/unauthorized',
    );
  });
});

describe('UiTdatabank Search subset', () => {
  it('GET /events lists an organizer’s events in a date range', async () => {
    const res = await w.api.get<{ totalItems: number; member: { id: string; startDate: string }[] }>(
      `/events?uitpas=true&embed=true&organizerId=${ORGANIZERS.ccEeklo.id}&dateFrom=2026-11-25T00:00:00%2B01:00&dateTo=2026-12-25T00:00:00%2B01:00`,
    );
    const ids = res.body.member.map((e) => e.id);
    expect(ids).toContain(EVENTS.concertToday.id);
    expect(ids).toContain(EVENTS.filmFuture.id);
    expect(ids).not.toContain(EVENTS.theaterPast.id);
    expect(ids).not.toContain(EVENTS.voorleesuurToday.id);
    expect(problemType(await w.api.get('/events?dateFrom=gisteren'))).toBe('body/invalid-data');
    expect(problemType(await w.api.get('/events', null))).toBe('auth/unauthorized');
  });
});
