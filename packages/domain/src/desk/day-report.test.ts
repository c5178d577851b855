import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { LocalAction } from '../actions.ts';
import { buildDayReport, dayReportCsv, type ReportEntry, type ReportTotals } from './day-report.ts';

const PASS = '0400000010118';
const base = (i: number, stationId: string, staffId: string) => ({
  id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
  stationId,
  staffId,
  organizerId: 'org',
  createdAt: '2026-11-24T10:00:00.000Z',
});

type Spec =
  | { kind: 'registration'; priceCents: number; paymentMethod: 'cash' | 'card' | 'free' }
  | { kind: 'checkin' }
  | { kind: 'ticket-sale'; tariffs: { social: boolean; cents: number }[] }
  | { kind: 'reward'; points: number }
  | { kind: 'undo'; target: number };

const specArb: fc.Arbitrary<Spec> = fc.oneof(
  fc.record({
    kind: fc.constant('registration' as const),
    priceCents: fc.constantFrom(0, 100, 200, 500),
    paymentMethod: fc.constantFrom('cash' as const, 'card' as const, 'free' as const),
  }),
  fc.record({ kind: fc.constant('checkin' as const) }),
  fc.record({
    kind: fc.constant('ticket-sale' as const),
    tariffs: fc.array(fc.record({ social: fc.boolean(), cents: fc.integer({ min: 0, max: 5000 }) }), {
      minLength: 1,
      maxLength: 4,
    }),
  }),
  fc.record({ kind: fc.constant('reward' as const), points: fc.integer({ min: 0, max: 50 }) }),
  fc.record({ kind: fc.constant('undo' as const), target: fc.nat() }),
);

const dayArb = fc.array(
  fc.record({
    spec: specArb,
    station: fc.constantFrom('balie-1', 'balie-2'),
    staff: fc.constantFrom('an', 'bert', 'chris'),
    rejected: fc.boolean(),
  }),
  { maxLength: 60 },
);

type Day = typeof dayArb extends fc.Arbitrary<infer T> ? T : never;

function toEntries(day: Day): ReportEntry[] {
  const entries: ReportEntry[] = [];
  day.forEach((d, i) => {
    const b = base(i, d.station, d.staff);
    let action: LocalAction;
    const s = d.spec;
    if (s.kind === 'registration') {
      action = {
        ...b,
        type: 'registration',
        priceCents: s.priceCents,
        paymentMethod: s.paymentMethod,
        passholder: {
          name: 'X',
          firstName: 'Y',
          dateOfBirth: '2000-01-01',
          address: { postalCode: '9900', city: 'Eeklo' },
          registrationCardSystemId: 12,
          registrationCardType: 'DIGITAL',
        },
      };
    } else if (s.kind === 'checkin') action = { ...b, type: 'checkin', eventId: 'e', uitpasNumber: PASS };
    else if (s.kind === 'ticket-sale')
      action = {
        ...b,
        type: 'ticket-sale',
        sales: s.tariffs.map((t) => ({
          eventId: 'e',
          uitpasNumber: PASS,
          regularPriceCents: 1000,
          tariffId: t.social ? 'SOCIALTARIFF' : 'COUPON1',
          tariffPriceCents: t.cents,
          provisional: false,
        })),
      };
    else if (s.kind === 'reward')
      action = {
        ...b,
        type: 'reward-redemption',
        rewardId: 'r',
        uitpasNumber: PASS,
        rewardType: 'POINTS',
        points: s.points,
      };
    else {
      const target = entries.filter((e) => e.action.type !== 'undo')[s.target % Math.max(entries.length, 1)];
      if (target === undefined) return;
      action = {
        ...b,
        type: 'undo',
        targetActionId: target.action.id,
        targetType: target.action.type as 'checkin',
      };
    }
    entries.push({ action, state: d.rejected ? 'rejected' : 'confirmed', recordedAt: 1000 + i });
  });
  return entries;
}

/** The expected totals by a second, naive reading of the recorded actions. */
function naive(entries: ReportEntry[]) {
  const live = entries.filter((e) => e.state !== 'rejected');
  const undone = new Set(live.flatMap((e) => (e.action.type === 'undo' ? [e.action.targetActionId] : [])));
  const counted = live.filter((e) => !undone.has(e.action.id)).map((e) => e.action);
  const regs = counted.flatMap((a) => (a.type === 'registration' ? [a] : []));
  const sales = counted.flatMap((a) => (a.type === 'ticket-sale' ? a.sales : []));
  return {
    passes: regs.length,
    cashCents: regs.filter((r) => r.paymentMethod === 'cash').reduce((n, r) => n + r.priceCents, 0),
    checkins: counted.filter((a) => a.type === 'checkin').length,
    kansentariefTickets: sales.filter((s) => s.tariffId === 'SOCIALTARIFF').length,
    kansentariefCents: sales
      .filter((s) => s.tariffId === 'SOCIALTARIFF')
      .reduce((n, s) => n + s.tariffPriceCents, 0),
    rewards: counted.filter((a) => a.type === 'reward-redemption').length,
    undos: counted.filter((a) => a.type === 'undo').length,
    rejected: entries.length - live.length,
  };
}

const NUMERIC: (keyof ReportTotals)[] = [
  'cashCents',
  'checkins',
  'kansentariefTickets',
  'kansentariefCents',
  'otherTickets',
  'rewards',
  'pointsRedeemed',
  'undos',
  'rejected',
];

describe('day report', () => {
  it('totals equal the sum of the recorded actions, and the rows add up to the totals (random days)', () => {
    fc.assert(
      fc.property(dayArb, (day) => {
        const entries = toEntries(day);
        const report = buildDayReport('2026-11-24', entries);
        const expected = naive(entries);
        const t = report.totals;
        expect(t.passesSold.reduce((n, l) => n + l.count, 0)).toBe(expected.passes);
        expect(t.cashCents).toBe(expected.cashCents);
        expect(t.checkins).toBe(expected.checkins);
        expect(t.kansentariefTickets).toBe(expected.kansentariefTickets);
        expect(t.kansentariefCents).toBe(expected.kansentariefCents);
        expect(t.rewards).toBe(expected.rewards);
        expect(t.undos).toBe(expected.undos);
        expect(t.rejected).toBe(expected.rejected);
        for (const key of NUMERIC)
          expect(report.rows.reduce((n, r) => n + (r[key] as number), 0)).toBe(t[key] as number);
        for (const line of t.passesSold) expect(line.totalCents).toBe(line.count * line.priceCents);
      }),
      { numRuns: 300 },
    );
  });

  it('a closed day keeps its totals; what came later shows only as corrections', () => {
    fc.assert(
      fc.property(dayArb, fc.nat(), (day, cut) => {
        const entries = toEntries(day);
        const closedAt = 1000 + (entries.length === 0 ? 0 : cut % entries.length);
        const closed = buildDayReport('2026-11-24', entries, closedAt);
        const before = buildDayReport(
          '2026-11-24',
          entries.filter((e) => e.recordedAt <= closedAt),
        );
        expect(closed.totals).toEqual(before.totals);
        expect(closed.corrections.map((c) => c.actionId)).toEqual(
          entries.filter((e) => e.recordedAt > closedAt).map((e) => e.action.id),
        );
      }),
      { numRuns: 200 },
    );
  });

  it('exports CSV with quoted fields and no spreadsheet formulas', () => {
    const entries = toEntries([
      {
        spec: { kind: 'registration', priceCents: 500, paymentMethod: 'cash' },
        station: 'balie-1',
        staff: 'an',
        rejected: false,
      },
    ]);
    const first = entries[0];
    if (first === undefined) throw new Error('no entry');
    first.action = { ...first.action, staffId: '=HYPERLINK("x")' };
    const csv = dayReportCsv(buildDayReport('2026-11-24', entries));
    expect(csv.split('\r\n')[0]).toBe('dag,station,medewerker,soort,prijs_eur,betaalwijze,aantal,bedrag_eur');
    expect(csv).toContain(`2026-11-24,balie-1,"'=HYPERLINK(""x"")",pas verkocht,5.00,cash,1,5.00`);
    expect(csv).toContain('totaal,totaal,cash in lade,,cash,,5.00');
  });
});
