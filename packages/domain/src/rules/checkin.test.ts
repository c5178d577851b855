import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  checkCheckin,
  checkCheckinLimit,
  checkCheckinWindow,
  checkinPointsOf,
  checkinWindow,
  dedupeCheckins,
  type CheckinRecord,
} from './checkin.ts';
import type { ApiEventSettings } from './api-types.ts';
import { samePeriod, toInstant } from '../periods.ts';

const EVENT = 'd83b5b8a-108a-45d6-9ac9-8bdc44a0a24a';
// 20:00-22:30 Brussels on the DST day.
const event = { startDate: '2026-03-29T20:00:00+02:00', endDate: '2026-03-29T22:30:00+02:00' };
const at = (s: string) => new Date(s);

describe('rule 12: check-in window', () => {
  it('opens one hour before the start and closes at the end', () => {
    expect(checkCheckinWindow(event, at('2026-03-29T18:59:59+02:00'))).toMatchObject({
      allowed: false,
      refusal: 'uitpas/checkin-not-allowed',
      message: 'Deze activiteit is nog niet begonnen. Inchecken kan vanaf 19:00.',
    });
    expect(checkCheckinWindow(event, at('2026-03-29T19:00:00+02:00'))).toEqual({ allowed: true });
    expect(checkCheckinWindow(event, at('2026-03-29T22:29:59+02:00'))).toEqual({ allowed: true });
    expect(checkCheckinWindow(event, at('2026-03-29T22:30:00+02:00'))).toMatchObject({
      refusal: 'uitpas/checkin-not-allowed',
      message: 'Deze activiteit is afgelopen, je kan op deze activiteit geen punt meer sparen.',
    });
  });

  it('names the date when the event starts on another day', () => {
    const r = checkCheckinWindow(event, at('2026-03-27T10:00:00+01:00'));
    expect(r).toMatchObject({ message: expect.stringContaining('vanaf 29/03/2026 om 19:00') });
  });

  it('without an end closes at Brussels midnight; without dates it is always open', () => {
    const w = checkinWindow({ startDate: '2026-10-25T14:00:00+01:00' });
    expect(w.closes?.toISOString()).toBe('2026-10-25T23:00:00.000Z');
    expect(checkinWindow({})).toEqual({ opens: null, closes: null });
    expect(checkCheckinWindow({}, new Date())).toEqual({ allowed: true });
    expect(checkCheckinWindow(event, new Date(Number.NaN))).toMatchObject({ allowed: false });
  });
});

describe('rule 12: check-in limit', () => {
  const now = at('2026-03-29T20:30:00+02:00');

  it('defaults to once per passholder per event per day, counting queued check-ins', () => {
    expect(checkCheckinLimit({ now, previousCheckins: [] })).toEqual({ allowed: true });
    expect(checkCheckinLimit({ now, previousCheckins: ['2026-03-28T20:30:00+01:00'] })).toEqual({
      allowed: true,
    });
    expect(checkCheckinLimit({ now, previousCheckins: [at('2026-03-29T00:10:00+01:00')] })).toMatchObject({
      refusal: 'uitpas/checkin-not-allowed',
      message: 'Deze pashouder is vandaag al ingecheckt voor deze activiteit.',
    });
  });

  it("follows the event's checkinLimit", () => {
    const settings: ApiEventSettings = {
      id: EVENT,
      checkinPoints: 2,
      checkinLimit: { volume: 2, periodType: 'WEEK' },
    };
    const monday = '2026-03-23T10:00:00+01:00';
    expect(checkCheckinLimit({ settings, now, previousCheckins: [monday] })).toEqual({ allowed: true });
    expect(checkCheckinLimit({ settings, now, previousCheckins: [monday, monday] })).toMatchObject({
      message: 'Deze pashouder heeft het maximum van 2 check-ins per week voor deze activiteit bereikt.',
    });
    // The Sunday before belongs to the previous week.
    expect(
      checkCheckinLimit({ settings, now, previousCheckins: ['2026-03-22T23:59:00+01:00', monday] }),
    ).toEqual({ allowed: true });
    const once = {
      id: EVENT,
      checkinPoints: 1,
      checkinLimit: { volume: 1, periodType: 'ABSOLUTE' as const },
    };
    expect(
      checkCheckinLimit({ settings: once, now, previousCheckins: ['2020-01-01T00:00:00Z'] }),
    ).toMatchObject({
      message: 'Deze pashouder is al ingecheckt voor deze activiteit.',
    });
    expect(checkinPointsOf(settings)).toBe(2);
    expect(checkinPointsOf(undefined)).toBe(0);
  });

  it('combines group pass, card status, window and limit', () => {
    const base = { event, now, previousCheckins: [] };
    expect(checkCheckin(base)).toEqual({ allowed: true });
    expect(checkCheckin({ ...base, passType: 'GROUP' })).toMatchObject({ refusal: 'uitpas/invalid-card' });
    expect(
      checkCheckin({
        ...base,
        uitpasNumber: '0900000095902',
        memberships: [
          {
            cardSystem: { id: 1 },
            status: 'ACTIVE',
            currentCard: { uitpasNumber: '0900000095902', status: 'BLOCKED' },
            // SUSPENDED social tariff does not stop a check-in; the blocked card does.
            socialTariff: { status: 'SUSPENDED', endDate: '2026-04-30' },
          },
        ],
      }),
    ).toMatchObject({ refusal: 'uitpas/invalid-card-status' });
    expect(
      checkCheckin({
        ...base,
        memberships: [
          { cardSystem: { id: 1 }, status: 'ACTIVE', socialTariff: { status: 'SUSPENDED', endDate: '' } },
        ],
      }),
    ).toEqual({ allowed: true });
    expect(checkCheckin({ ...base, now: at('2026-03-30T10:00:00+02:00') })).toMatchObject({
      refusal: 'uitpas/checkin-not-allowed',
    });
  });
});

describe('rule 12: dedupe of queued check-ins', () => {
  const q = (id: string, key: string, time: string, eventId = EVENT) => ({
    id,
    passholderKey: key,
    eventId,
    at: time,
  });

  it('keeps the first per (passholder, event, day) and reports the rest', () => {
    const queued = [
      q('b', 'p1', '2026-03-29T20:05:00+02:00'),
      q('a', 'p1', '2026-03-29T20:00:00+02:00'),
      q('c', 'p2', '2026-03-29T20:01:00+02:00'),
      q('d', 'p1', '2026-03-29T20:02:00+02:00', 'other-event'),
      q('e', 'p1', '2026-03-30T20:00:00+02:00'),
    ];
    const { keep, duplicates } = dedupeCheckins(queued, () => undefined);
    expect(keep.map((r) => r.id)).toEqual(['a', 'c', 'd', 'e']);
    expect(duplicates.map((r) => r.id)).toEqual(['b']);
  });

  it('counts confirmed check-ins and respects per-event limits', () => {
    const confirmed: CheckinRecord[] = [
      { passholderKey: 'p1', eventId: EVENT, at: '2026-03-29T19:30:00+02:00' },
    ];
    const queued = [q('a', 'p1', '2026-03-29T20:00:00+02:00'), q('b', 'p1', '2026-03-29T21:00:00+02:00')];
    expect(dedupeCheckins(queued, () => undefined, confirmed).duplicates.map((r) => r.id)).toEqual([
      'a',
      'b',
    ]);
    const twice = dedupeCheckins(queued, () => ({ volume: 2, periodType: 'DAY' }), confirmed);
    expect(twice.keep.map((r) => r.id)).toEqual(['a']);
  });

  it('never keeps more than the limit in any period', () => {
    const arb = fc.array(
      fc.record({
        id: fc.uuid(),
        passholderKey: fc.constantFrom('p1', 'p2'),
        eventId: fc.constantFrom('e1', 'e2'),
        at: fc.date({
          min: new Date('2026-03-20T00:00:00Z'),
          max: new Date('2026-04-05T00:00:00Z'),
          noInvalidDate: true,
        }),
      }),
      { maxLength: 30 },
    );
    fc.assert(
      fc.property(arb, fc.integer({ min: 1, max: 3 }), (queued, volume) => {
        const { keep, duplicates } = dedupeCheckins(queued, () => ({ volume, periodType: 'DAY' }));
        if (keep.length + duplicates.length !== queued.length) return false;
        return keep.every(
          (r) =>
            checkCheckinLimit({
              now: r.at,
              settings: { checkinLimit: { volume: volume + 1, periodType: 'DAY' } },
              previousCheckins: keep
                .filter((k) => k.passholderKey === r.passholderKey && k.eventId === r.eventId)
                .map((k) => k.at),
            }).allowed,
        );
      }),
    );
  });

  it('agrees with a naive pairwise reference, unreadable times included', () => {
    const naive = (
      queued: (CheckinRecord & { id: string })[],
      volume: number,
      periodType: 'DAY' | 'WEEK',
    ) => {
      const time = (r: CheckinRecord) => toInstant(r.at)?.getTime() ?? Number.NEGATIVE_INFINITY;
      const ordered = queued.map((r, i) => ({ r, i })).sort((a, b) => time(a.r) - time(b.r) || a.i - b.i);
      const kept: CheckinRecord[] = [];
      const keep: string[] = [];
      for (const { r } of ordered) {
        const a = toInstant(r.at);
        const same = kept.filter((c) => {
          if (c.passholderKey !== r.passholderKey || c.eventId !== r.eventId) return false;
          const b = toInstant(c.at);
          return a === undefined || b === undefined || samePeriod(periodType, a, b);
        }).length;
        if (same < volume) {
          kept.push(r);
          keep.push(r.id);
        }
      }
      return keep;
    };
    const record = fc.record({
      id: fc.uuid(),
      passholderKey: fc.constantFrom('p1', 'p2'),
      eventId: fc.constantFrom('e1', 'e2'),
      at: fc.oneof(
        fc.date({
          min: new Date('2026-03-25T00:00:00Z'),
          max: new Date('2026-04-02T00:00:00Z'),
          noInvalidDate: true,
        }),
        fc.constantFrom('not a date', ''),
      ),
    });
    fc.assert(
      fc.property(
        fc.array(record, { maxLength: 25 }),
        fc.integer({ min: 1, max: 3 }),
        fc.constantFrom('DAY' as const, 'WEEK' as const),
        (queued, volume, periodType) => {
          const fast = dedupeCheckins(queued, () => ({ volume, periodType })).keep.map((r) => r.id);
          return JSON.stringify(fast) === JSON.stringify(naive(queued, volume, periodType));
        },
      ),
    );
  });
});
