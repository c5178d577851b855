import { describe, expect, it } from 'vitest';
import { activityRangeWindow } from './activity-range.ts';

const iso = (w: { from: Date; to: Date }) => [w.from.toISOString(), w.to.toISOString()];

describe('activity ranges in Brussels calendar days', () => {
  it('starts today at Brussels midnight, not the machine’s', () => {
    // 23:30 UTC on 9 June is already 10 June in Brussels (CEST, UTC+2).
    expect(iso(activityRangeWindow('today', new Date('2026-06-09T23:30:00Z')))).toEqual([
      '2026-06-09T22:00:00.000Z',
      '2026-06-10T22:00:00.000Z',
    ]);
    // 22:30 UTC on 9 January is still 9 January (CET, UTC+1) until 23:00 UTC.
    expect(iso(activityRangeWindow('today', new Date('2026-01-09T22:30:00Z')))).toEqual([
      '2026-01-08T23:00:00.000Z',
      '2026-01-09T23:00:00.000Z',
    ]);
  });

  it('has a 23-hour day when summer time starts and a 25-hour day when it ends', () => {
    // Sunday 29 March 2026: clocks go from 02:00 to 03:00.
    const spring = activityRangeWindow('today', new Date('2026-03-29T10:00:00Z'));
    expect(iso(spring)).toEqual(['2026-03-28T23:00:00.000Z', '2026-03-29T22:00:00.000Z']);
    expect(spring.to.getTime() - spring.from.getTime()).toBe(23 * 3_600_000);
    // Sunday 25 October 2026: clocks go from 03:00 back to 02:00.
    const autumn = activityRangeWindow('today', new Date('2026-10-25T10:00:00Z'));
    expect(iso(autumn)).toEqual(['2026-10-24T22:00:00.000Z', '2026-10-25T23:00:00.000Z']);
    expect(autumn.to.getTime() - autumn.from.getTime()).toBe(25 * 3_600_000);
  });

  it('runs 7 and 30 days across a daylight-saving change, midnight to midnight', () => {
    // From Wednesday 25 March (CET) through 1 April (CEST): the end is Brussels midnight, 22:00 UTC.
    expect(iso(activityRangeWindow('7d', new Date('2026-03-25T12:00:00Z')))).toEqual([
      '2026-03-24T23:00:00.000Z',
      '2026-04-01T22:00:00.000Z',
    ]);
    expect(iso(activityRangeWindow('30d', new Date('2026-10-10T08:00:00Z')))).toEqual([
      '2026-10-09T22:00:00.000Z',
      '2026-11-09T23:00:00.000Z',
    ]);
  });
});
