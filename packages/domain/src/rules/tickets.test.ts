import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  checkRegularPrice,
  checkTicketLimits,
  checkTicketSale,
  reuseTariff,
  saleTariffFromApi,
  ticketSalesAt,
  type TariffQuote,
} from './tickets.ts';

const EVENT = 'd83b5b8a-108a-45d6-9ac9-8bdc44a0a24a';
const PASS = '0900000095902';
const NOW = new Date('2026-03-29T12:00:00+02:00');

describe('rule 10: non-zero regular price only', () => {
  it('refuses free events and invalid prices', () => {
    expect(checkRegularPrice(310)).toEqual({ allowed: true });
    expect(checkRegularPrice(0)).toMatchObject({
      refusal: 'body/invalid-data',
      message: expect.stringMatching(/gratis/),
    });
    expect(checkRegularPrice(-1)).toMatchObject({ refusal: 'body/invalid-data' });
    expect(checkRegularPrice(3.1)).toMatchObject({ refusal: 'body/invalid-data' });
  });
});

describe('rule 9: ticket limits', () => {
  const tariff = { id: 'SOCIALTARIFF', type: 'SOCIALTARIFF' as const, remaining: 1 };

  it("never exceeds the tariff's remaining, counting queued sales", () => {
    expect(checkTicketLimits({ requested: 1, now: NOW, tariff })).toEqual({ allowed: true });
    expect(checkTicketLimits({ requested: 2, now: NOW, tariff })).toMatchObject({
      refusal: 'uitpas/invalid-number-of-tickets',
    });
    expect(checkTicketLimits({ requested: 1, now: NOW, tariff, queuedSinceTariffFetch: 1 })).toMatchObject({
      refusal: 'uitpas/invalid-number-of-tickets',
      message: 'Er zijn geen tickets meer beschikbaar aan dit tarief voor deze pashouder.',
    });
    expect(checkTicketLimits({ requested: 1, now: new Date(Number.NaN), tariff })).toMatchObject({
      allowed: false,
    });
    expect(checkTicketLimits({ requested: 0, now: NOW, tariff })).toMatchObject({
      refusal: 'body/invalid-data',
    });
  });

  it('never exceeds passholderTicketLimit per calendar period', () => {
    // Test event d83b5b8a…: 1 ticket sale per week.
    const settings = { passholderTicketLimit: { volume: 1, periodType: 'WEEK' as const } };
    expect(checkTicketLimits({ requested: 1, now: NOW, settings, previousSales: [] })).toEqual({
      allowed: true,
    });
    expect(
      checkTicketLimits({ requested: 1, now: NOW, settings, previousSales: ['2026-03-23T10:00:00+01:00'] }),
    ).toMatchObject({
      refusal: 'uitpas/maximum-reached',
      message: 'Je kan maximaal 1 ticket per week kopen met UiTPAS voor deze activiteit (al 1 gekocht).',
    });
    expect(
      checkTicketLimits({ requested: 1, now: NOW, settings, previousSales: ['2026-03-22T10:00:00+01:00'] }),
    ).toEqual({ allowed: true });
    const unreadable = { passholderTicketLimit: { volume: 1, periodType: 'FORTNIGHT' as 'WEEK' } };
    expect(
      checkTicketLimits({
        requested: 1,
        now: NOW,
        settings: unreadable,
        previousSales: ['2020-01-01T00:00:00Z'],
      }),
    ).toMatchObject({ refusal: 'uitpas/maximum-reached' });
    const monthly = { passholderTicketLimit: { volume: 1, periodType: 'MONTH' as const } };
    expect(checkTicketLimits({ requested: 2, now: NOW, settings: monthly })).toMatchObject({
      message: 'Je kan maximaal 1 ticket per maand kopen met UiTPAS voor deze activiteit.',
    });
  });

  it("never exceeds a group pass's availableTickets, counting queued group sales", () => {
    const grouppass = {
      socialTariff: { status: 'ACTIVE' as const, totalTicketsPerYear: 50, availableTickets: 3 },
    };
    const groupTariff = { ...tariff, remaining: 50 };
    expect(checkTicketLimits({ requested: 3, now: NOW, tariff: groupTariff, grouppass })).toEqual({
      allowed: true,
    });
    expect(
      checkTicketLimits({ requested: 2, now: NOW, tariff: groupTariff, grouppass, queuedGroupTickets: 2 }),
    ).toMatchObject({ refusal: 'uitpas/maximum-reached', message: expect.stringMatching(/nog 1 ticket/) });
    const expired = { socialTariff: { status: 'EXPIRED' as const, availableTickets: 10 } };
    expect(
      checkTicketLimits({ requested: 1, now: NOW, tariff: groupTariff, grouppass: expired }),
    ).toMatchObject({
      refusal: 'uitpas/social-tariff-expired',
    });
  });

  it("respects a coupon's status, validity and remaining volume per period", () => {
    const couponTariff = { id: 'COUPON1234', type: 'COUPON' as const, remaining: 5 };
    const coupon = {
      status: 'ACTIVE' as const,
      validityPeriod: { begin: '2026-01-01T00:00:00+01:00', end: '2026-12-31T00:00:00+01:00' },
      remaining: { volume: 1, period: 'DAY' as const },
    };
    expect(checkTicketLimits({ requested: 1, now: NOW, tariff: couponTariff, coupon })).toEqual({
      allowed: true,
    });
    expect(
      checkTicketLimits({ requested: 1, now: NOW, tariff: couponTariff, coupon, queuedCouponSales: [NOW] }),
    ).toMatchObject({ refusal: 'uitpas/maximum-reached', message: 'Deze bon is opgebruikt.' });
    expect(
      checkTicketLimits({
        requested: 1,
        now: NOW,
        tariff: couponTariff,
        coupon,
        queuedCouponSales: ['2026-03-28T12:00:00+01:00'],
      }),
    ).toEqual({ allowed: true });
    expect(
      checkTicketLimits({
        requested: 1,
        now: NOW,
        tariff: couponTariff,
        coupon: { ...coupon, status: 'EXPIRED' },
      }),
    ).toMatchObject({ refusal: 'uitpas/invalid-coupon' });
    expect(
      checkTicketLimits({
        requested: 1,
        now: new Date('2027-01-02T00:00:00Z'),
        tariff: couponTariff,
        coupon,
      }),
    ).toMatchObject({ refusal: 'uitpas/invalid-coupon' });
  });

  it('combines price, card, social tariff and limits for one sale line', () => {
    const base = { requested: 1, now: NOW, tariff, regularPriceCents: 310 };
    expect(checkTicketSale({ ...base, socialTariff: { status: 'ACTIVE' } })).toEqual({ allowed: true });
    expect(checkTicketSale({ ...base, socialTariff: { status: 'SUSPENDED' } })).toMatchObject({
      refusal: 'uitpas/social-tariff-suspended',
    });
    expect(
      checkTicketSale({ ...base, regularPriceCents: 0, socialTariff: { status: 'ACTIVE' } }),
    ).toMatchObject({
      refusal: 'body/invalid-data',
    });
    expect(
      checkTicketSale({
        ...base,
        tariff: { id: 'COUPON1', type: 'COUPON', remaining: 1 },
        socialTariff: { status: 'EXPIRED' },
      }),
    ).toEqual({ allowed: true });
    expect(
      checkTicketSale({
        ...base,
        socialTariff: { status: 'ACTIVE' },
        memberships: [{ cardSystem: { id: 1 }, status: 'BLOCKED' }],
      }),
    ).toMatchObject({ refusal: 'uitpas/passholder-no-active-cardsystems' });
  });
});

describe('rule 7: never compute a tariff', () => {
  const quote = (over: Partial<TariffQuote> = {}): TariffQuote => ({
    eventId: EVENT,
    regularPriceCents: 310,
    uitpasNumber: PASS,
    tariff: { id: 'SOCIALTARIFF', name: 'Kansentarief', price: 0.62, type: 'SOCIALTARIFF', remaining: 1 },
    fetchedAt: '2026-03-29T10:00:00+02:00',
    ...over,
  });

  it('reuses the tariff received for the same event, regular price and passholder, marked provisional', () => {
    const r = reuseTariff([quote()], { eventId: EVENT, regularPriceCents: 310, uitpasNumber: PASS });
    expect(r).toMatchObject({
      allowed: true,
      tariff: {
        tariffId: 'SOCIALTARIFF',
        tariffName: 'Kansentarief',
        tariffPriceCents: 62,
        provisional: true,
      },
    });
  });

  it('refuses when anything differs: no price is ever derived', () => {
    const quotes = [quote()];
    for (const req of [
      { eventId: 'other', regularPriceCents: 310, uitpasNumber: PASS },
      { eventId: EVENT, regularPriceCents: 500, uitpasNumber: PASS },
      { eventId: EVENT, regularPriceCents: 310, uitpasNumber: '0900000093204' },
      { eventId: EVENT, regularPriceCents: 310, uitpasNumber: PASS, tariffId: 'COUPON1' },
    ]) {
      expect(reuseTariff(quotes, req)).toMatchObject({
        allowed: false,
        refusal: 'uitpas/social-tariff-not-available',
        message: expect.stringMatching(/Zonder verbinding/),
      });
    }
    expect(reuseTariff([], { eventId: EVENT, regularPriceCents: 310, uitpasNumber: PASS }).allowed).toBe(
      false,
    );
  });

  it('takes the most recent quote and honours a maximum age', () => {
    const older = quote({
      fetchedAt: '2026-03-28T10:00:00+01:00',
      tariff: { ...quote().tariff, price: 0.5 },
    });
    const r = reuseTariff([quote(), older], { eventId: EVENT, regularPriceCents: 310, uitpasNumber: PASS });
    expect(r.allowed && r.tariff.tariffPriceCents).toBe(62);
    const stale = reuseTariff([quote()], {
      eventId: EVENT,
      regularPriceCents: 310,
      uitpasNumber: PASS,
      now: NOW,
      maxAgeMs: 60_000,
    });
    expect(stale.allowed).toBe(false);
  });

  it('returns exactly the quoted price for any quote', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 100_000 }),
        fc.integer({ min: 0, max: 100_000 }),
        (regular, tariffCents) => {
          const q = quote({
            regularPriceCents: regular,
            tariff: { id: 'T', price: tariffCents / 100, remaining: 1 },
          });
          const r = reuseTariff([q], { eventId: EVENT, regularPriceCents: regular, uitpasNumber: PASS });
          return r.allowed && r.tariff.tariffPriceCents === tariffCents && r.tariff.provisional;
        },
      ),
    );
  });

  it('builds a batch of identical sales', () => {
    const t = saleTariffFromApi({ id: 'SOCIALTARIFF', name: 'Kansentarief', price: 0.62, remaining: 2 });
    expect(t).toBeDefined();
    const sales = ticketSalesAt(t!, { eventId: EVENT, uitpasNumber: PASS, regularPriceCents: 310 }, 2);
    expect(sales).toHaveLength(2);
    expect(sales[0]).toEqual({
      eventId: EVENT,
      uitpasNumber: PASS,
      regularPriceCents: 310,
      tariffId: 'SOCIALTARIFF',
      tariffName: 'Kansentarief',
      tariffPriceCents: 62,
      provisional: false,
    });
    expect(ticketSalesAt(t!, { eventId: EVENT, uitpasNumber: PASS, regularPriceCents: 310 }, -1)).toEqual([]);
    expect(saleTariffFromApi({ id: 'X', price: Number.NaN, remaining: 1 })).toBeUndefined();
  });
});
