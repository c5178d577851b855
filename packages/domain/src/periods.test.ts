import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  PERIOD_TYPES,
  brusselsDate,
  countInPeriod,
  periodLabel,
  periodWindow,
  samePeriod,
  toInstant,
  type PeriodType,
} from './periods.ts';

const HOUR = 3_600_000;
const BOUNDED: PeriodType[] = ['DAY', 'WEEK', 'MONTH', 'QUARTER', 'YEAR'];
// Daylight-saving changes in Brussels: last Sunday of March 01:00 UTC, last Sunday of October 01:00 UTC.
const DST_CHANGES = [
  '2024-03-31T01:00:00Z',
  '2024-10-27T01:00:00Z',
  '2025-03-30T01:00:00Z',
  '2025-10-26T01:00:00Z',
  '2026-03-29T01:00:00Z',
  '2026-10-25T01:00:00Z',
].map((s) => new Date(s).getTime());

const anyInstant = fc.date({
  min: new Date('1990-01-01T00:00:00Z'),
  max: new Date('2100-01-01T00:00:00Z'),
  noInvalidDate: true,
});
const nearDst = fc
  .tuple(fc.constantFrom(...DST_CHANGES), fc.integer({ min: -50 * HOUR, max: 50 * HOUR }))
  .map(([t, offset]) => new Date(t + offset));
const instant = fc.oneof(anyInstant, nearDst);

function utc(s: string): Date {
  return new Date(s);
}

describe('periodWindow', () => {
  it('DAY runs from Brussels midnight to midnight, 23 hours in March and 25 in October', () => {
    const march = periodWindow('DAY', utc('2026-03-29T12:00:00Z'));
    expect(march.start?.toISOString()).toBe('2026-03-28T23:00:00.000Z');
    expect(march.end?.toISOString()).toBe('2026-03-29T22:00:00.000Z');
    expect((march.end!.getTime() - march.start!.getTime()) / HOUR).toBe(23);
    const october = periodWindow('DAY', utc('2026-10-25T12:00:00Z'));
    expect(october.start?.toISOString()).toBe('2026-10-24T22:00:00.000Z');
    expect(october.end?.toISOString()).toBe('2026-10-25T23:00:00.000Z');
    expect((october.end!.getTime() - october.start!.getTime()) / HOUR).toBe(25);
  });

  it('puts the instants just around local midnight in different days', () => {
    // 23:59:59 and 00:00 Brussels summer time are 21:59:59 and 22:00 UTC.
    expect(samePeriod('DAY', utc('2026-06-30T21:59:59Z'), utc('2026-06-30T22:00:00Z'))).toBe(false);
    expect(samePeriod('DAY', utc('2026-06-30T22:00:00Z'), utc('2026-07-01T21:59:59Z'))).toBe(true);
    // In UTC they are the same day, in Brussels not.
    expect(samePeriod('DAY', utc('2026-01-05T22:30:00Z'), utc('2026-01-05T23:30:00Z'))).toBe(false);
  });

  it('WEEK runs Monday to Sunday', () => {
    // Sunday 2026-03-29 (DST day) belongs to the week of Monday 2026-03-23.
    const w = periodWindow('WEEK', utc('2026-03-29T20:00:00Z'));
    expect(w.start?.toISOString()).toBe('2026-03-22T23:00:00.000Z');
    expect(w.end?.toISOString()).toBe('2026-03-29T22:00:00.000Z');
    expect((w.end!.getTime() - w.start!.getTime()) / HOUR).toBe(7 * 24 - 1);
  });

  it('MONTH, QUARTER and YEAR follow the calendar', () => {
    expect(periodWindow('MONTH', utc('2026-02-15T10:00:00Z'))).toEqual({
      start: utc('2026-01-31T23:00:00Z'),
      end: utc('2026-02-28T23:00:00Z'),
    });
    expect(periodWindow('QUARTER', utc('2026-05-15T10:00:00Z'))).toEqual({
      start: utc('2026-03-31T22:00:00Z'),
      end: utc('2026-06-30T22:00:00Z'),
    });
    expect(periodWindow('QUARTER', utc('2026-12-31T22:59:59Z')).start).toEqual(utc('2026-09-30T22:00:00Z'));
    expect(periodWindow('YEAR', utc('2026-12-31T23:00:00Z'))).toEqual({
      start: utc('2026-12-31T23:00:00Z'),
      end: utc('2027-12-31T23:00:00Z'),
    });
  });

  it('ABSOLUTE is unbounded; invalid input errs on the strict side', () => {
    expect(periodWindow('ABSOLUTE', new Date())).toEqual({ start: null, end: null });
    expect(periodWindow('DAY', new Date(Number.NaN))).toEqual({ start: null, end: null });
    expect(periodWindow('FORTNIGHT' as PeriodType, new Date())).toEqual({ start: null, end: null });
  });

  it('every instant lies in its window', () => {
    fc.assert(
      fc.property(fc.constantFrom(...BOUNDED), instant, (p, at) => {
        const w = periodWindow(p, at);
        return w.start !== null && w.end !== null && w.start <= at && at < w.end;
      }),
    );
  });

  it('windows tile without gaps or overlaps', () => {
    fc.assert(
      fc.property(fc.constantFrom(...BOUNDED), instant, (p, at) => {
        const w = periodWindow(p, at);
        const next = periodWindow(p, w.end!);
        const previous = periodWindow(p, new Date(w.start!.getTime() - 1));
        return (
          next.start!.getTime() === w.end!.getTime() &&
          previous.end!.getTime() === w.start!.getTime() &&
          periodWindow(p, new Date(w.end!.getTime() - 1)).start!.getTime() === w.start!.getTime()
        );
      }),
    );
  });

  it('every window starts at Brussels midnight and a DAY lasts 23, 24 or 25 hours', () => {
    fc.assert(
      fc.property(fc.constantFrom(...BOUNDED), instant, (p, at) => {
        const w = periodWindow(p, at);
        const local = new Intl.DateTimeFormat('en-GB', {
          timeZone: 'Europe/Brussels',
          hour: '2-digit',
          minute: '2-digit',
          hourCycle: 'h23',
          weekday: 'short',
          day: '2-digit',
        }).formatToParts(w.start!);
        const part = (t: string) => local.find((x) => x.type === t)?.value;
        if (part('hour') !== '00' || part('minute') !== '00') return false;
        if (p === 'WEEK' && part('weekday') !== 'Mon') return false;
        if ((p === 'MONTH' || p === 'QUARTER' || p === 'YEAR') && part('day') !== '01') return false;
        if (p === 'DAY') return [23, 24, 25].includes((w.end!.getTime() - w.start!.getTime()) / HOUR);
        return true;
      }),
    );
  });

  it('the DST days are the only days of their year that are not 24 hours', () => {
    for (const t of DST_CHANGES) {
      const w = periodWindow('DAY', new Date(t));
      expect([23, 25]).toContain((w.end!.getTime() - w.start!.getTime()) / HOUR);
    }
  });
});

describe('samePeriod and countInPeriod', () => {
  it('samePeriod is symmetric and agrees with the windows', () => {
    fc.assert(
      fc.property(fc.constantFrom(...PERIOD_TYPES), instant, instant, (p, a, b) => {
        const same = samePeriod(p, a, b);
        if (same !== samePeriod(p, b, a)) return false;
        if (p === 'ABSOLUTE') return same;
        const w = periodWindow(p, a);
        return same === (w.start!.getTime() === periodWindow(p, b).start!.getTime());
      }),
    );
  });

  it('counts the dates in the current period, reading ISO strings', () => {
    const at = utc('2026-03-29T12:00:00Z');
    const dates = [
      utc('2026-03-28T22:59:59Z'), // Saturday 23:59:59 Brussels: previous day
      utc('2026-03-28T23:00:00Z'), // Sunday 00:00 Brussels
      '2026-03-29T23:30:00+02:00', // Sunday 23:30 Brussels
      '2026-03-29T23:30:00', // read as Brussels local time
      '2026-03-30T00:00:00+02:00', // Monday
    ];
    expect(countInPeriod('DAY', at, dates)).toBe(3);
    expect(countInPeriod('WEEK', at, dates)).toBe(4);
    expect(countInPeriod('ABSOLUTE', at, dates)).toBe(5);
    expect(countInPeriod('DAY', at, ['not a date', ''])).toBe(2);
  });

  it('counts consistently with samePeriod', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...PERIOD_TYPES),
        instant,
        fc.array(instant, { maxLength: 20 }),
        (p, at, ds) => {
          return countInPeriod(p, at, ds) === ds.filter((d) => samePeriod(p, at, d)).length;
        },
      ),
    );
  });
});

describe('helpers', () => {
  it('reads instants and Brussels dates', () => {
    expect(toInstant('2025-04-30T21:59:00')?.toISOString()).toBe('2025-04-30T19:59:00.000Z');
    expect(toInstant('2025-04-30T21:59:00Z')?.toISOString()).toBe('2025-04-30T21:59:00.000Z');
    expect(brusselsDate(utc('2026-06-30T22:30:00Z'))).toBe('2026-07-01');
    expect(brusselsDate(new Date(Number.NaN))).toBeUndefined();
    expect(periodLabel('MONTH')).toBe('per maand');
    expect(periodLabel('MONTH', 'fr')).toBe('par mois');
  });

  it('never throws on untrusted strings', () => {
    const weird = fc.oneof(
      fc.string({ maxLength: 80 }),
      fc.string({ unit: 'grapheme', maxLength: 40 }),
      fc.constantFrom(
        '',
        ' ',
        '٢٠٢٦-٠٣-٢٩',
        '２０２６-03-29',
        'x'.repeat(10_000),
        '2026-13-45',
        '2026-03-29T25:00',
      ),
    );
    fc.assert(
      fc.property(weird, (s) => {
        const d = toInstant(s);
        return (d === undefined || !Number.isNaN(d.getTime())) && countInPeriod('DAY', new Date(), [s]) >= 0;
      }),
    );
  });
});
