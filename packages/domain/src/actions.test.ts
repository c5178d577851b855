import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  createAction,
  localActionSchema,
  parseLocalAction,
  type ActionContext,
  type ActionPayload,
} from './actions.ts';

const ctx: ActionContext = {
  stationId: 'balie-1',
  staffId: 'staff-7',
  organizerId: '0ce87cbc-9299-4528-8d35-92225dc9489f',
  now: new Date('2026-03-29T10:00:00Z'),
};
const EVENT = 'd83b5b8a-108a-45d6-9ac9-8bdc44a0a24a';
const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('local actions', () => {
  it('creates a check-in with a fresh UUID, station, staff, organizer and time', () => {
    const a = createAction(ctx, {
      type: 'checkin',
      eventId: EVENT,
      uitpasNumber: '0900000095902',
      expectedPoints: 1,
    });
    expect(a.ok).toBe(true);
    if (!a.ok) return;
    expect(a.value.id).toMatch(UUID_V4);
    expect(a.value).toMatchObject({
      type: 'checkin',
      stationId: 'balie-1',
      staffId: 'staff-7',
      organizerId: ctx.organizerId,
      createdAt: '2026-03-29T10:00:00.000Z',
    });
    const b = createAction(ctx, { type: 'checkin', eventId: EVENT, uitpasNumber: '0900000095902' });
    expect(b.ok && b.value.id !== a.value.id).toBe(true);
  });

  it('creates every kind of action and the schema accepts them back', () => {
    const payloads: ActionPayload[] = [
      { type: 'kiosk-checkin', chipNumber: '04784CDAEE3880' },
      {
        type: 'ticket-sale',
        sales: [
          {
            eventId: EVENT,
            uitpasNumber: '0900000095902',
            regularPriceCents: 310,
            regularPriceLabel: 'Basistarief',
            tariffId: 'SOCIALTARIFF',
            tariffName: 'Kansentarief',
            tariffPriceCents: 62,
            provisional: false,
          },
        ],
      },
      {
        type: 'reward-redemption',
        rewardId: '5687',
        uitpasNumber: '0900000095902',
        rewardType: 'POINTS',
        points: 10,
      },
      {
        type: 'registration',
        passholder: {
          name: 'Peeters',
          firstName: 'An',
          dateOfBirth: '2008-09-18',
          inszNumber: '08091860684',
          address: { postalCode: '9900', city: 'Eeklo' },
          registrationCardSystemId: 1,
          registrationCardType: 'NFC_CARD',
          registrationUitpasNumber: '0900000095902',
        },
        paymentMethod: 'cash',
        priceCents: 500,
      },
      {
        type: 'card-block',
        passholderId: 'p1',
        cardSystemId: 1,
        uitpasNumber: '0900000095902',
        reason: 'LOSS_THEFT',
      },
      {
        type: 'card-replace',
        passholderId: 'p1',
        cardSystemId: 1,
        oldUitpasNumber: '0900000095902',
        newUitpasNumber: '0900000093204',
        reason: 'DEFECT',
      },
      { type: 'undo', targetActionId: '3b241101-e2bb-4255-8caf-4136c566a962', targetType: 'checkin' },
    ];
    for (const p of payloads) {
      const r = createAction(ctx, p);
      expect(r, p.type).toMatchObject({ ok: true, value: { type: p.type } });
      if (r.ok) expect(localActionSchema.parse(JSON.parse(JSON.stringify(r.value)))).toEqual(r.value);
    }
  });

  it('refuses bad payloads with a Dutch message instead of throwing', () => {
    const bad = [
      { type: 'checkin', eventId: EVENT, uitpasNumber: '1234567890123' },
      { type: 'checkin', eventId: '', uitpasNumber: '0900000095902' },
      { type: 'ticket-sale', sales: [] },
      {
        type: 'ticket-sale',
        sales: [
          {
            eventId: EVENT,
            uitpasNumber: '0900000095902',
            regularPriceCents: 3.1,
            tariffId: 'X',
            tariffPriceCents: 1,
            provisional: false,
          },
        ],
      },
      {
        type: 'registration',
        passholder: {
          name: 'P',
          firstName: 'A',
          dateOfBirth: '2008-09-18',
          address: { postalCode: '9900', city: 'Eeklo' },
          registrationCardSystemId: 1,
          registrationCardType: 'NFC_CARD',
        },
        paymentMethod: 'cash',
        priceCents: 500,
      },
      {
        type: 'card-replace',
        passholderId: 'p1',
        cardSystemId: 1,
        oldUitpasNumber: '0900000095902',
        newUitpasNumber: '0900000095902',
        reason: 'DEFECT',
      },
      { type: 'undo', targetActionId: 'nope', targetType: 'checkin' },
    ];
    for (const p of bad) {
      // Deliberately ill-typed: this is what a buggy form could send.
      const r = createAction(ctx, p as never);
      expect(r.ok).toBe(false);
      if (!r.ok) {
        expect(r.error.kind).toBe('invalid-input');
        expect(r.error.message).toMatch(/ongeldig/);
      }
    }
  });

  it('parses anything without throwing', () => {
    fc.assert(
      fc.property(fc.anything(), (x) => {
        const r = parseLocalAction(x);
        return r.ok === false && typeof r.error.message === 'string';
      }),
    );
  });
});
