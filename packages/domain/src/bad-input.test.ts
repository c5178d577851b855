// Every exported function of the domain that takes strings gets hostile input: empty, whitespace,
// unicode digits, 10,000 characters, separators, prototype keys. None may throw; each returns its
// typed result.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  checkCardStatus,
  classifyIdentifier,
  formatInsz,
  formatUitpasNumber,
  isValidInsz,
  isValidUitpasNumber,
  maskInsz,
  uitpasCheckDigit,
  validateChipNumber,
  validateInsz,
  validateUitpasNumber,
  checkCheckin,
  checkCheckinWindow,
  checkGroupPass,
  checkMembershipCard,
  checkPermission,
  checkRegistration,
  checkRewardRedemption,
  checkSocialTariff,
  checkTicketLimits,
  centsFromApiNumber,
  countInPeriod,
  createAction,
  dedupeCheckins,
  fallbackMessage,
  isPeriodType,
  isProblemTypeName,
  makeProblem,
  parseEuros,
  parseLocalAction,
  parseProblem,
  periodLabel,
  periodWindow,
  problemNameFromUri,
  problemStatus,
  requiredPermissions,
  reuseTariff,
  socialTariffOf,
  toInstant,
  userMessage,
  type GatedAction,
  type PeriodType,
  type ProblemTypeName,
} from './index.ts';

const NASTY = [
  '',
  ' ',
  '\t\n\r',
  '\u00a0\u202f',
  '٠١٢٣٤٥٦٧٨٩',
  '०१२३',
  '０９００００００９５９０２',
  '𝟎𝟗𝟎𝟎',
  'x'.repeat(10_000),
  '9'.repeat(10_000),
  ' .-/:'.repeat(2_000),
  '0900 000 095 902',
  '0900.000.095.902',
  '85.07.30-033.28',
  '__proto__',
  'constructor',
  'toString',
  'hasOwnProperty',
  '\u0000',
  '😀👍🏽',
  'https://api.publiq.be/probs/',
  'https://api.publiq.be/probs/uitpas/',
  '2026-03-29T25:61:00',
  'NaN',
  'Infinity',
  '-0',
  '1e309',
];

const hostile = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...NASTY) },
  { weight: 2, arbitrary: fc.string({ maxLength: 60 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 30 }) },
  { weight: 1, arbitrary: fc.stringMatching(/^[\d .,\-/:€]{0,40}$/) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
);

const NOW = new Date('2026-03-29T12:00:00+02:00');

function isRuleResult(r: unknown): boolean {
  if (typeof r !== 'object' || r === null) return false;
  const x = r as { allowed?: unknown; refusal?: unknown; message?: unknown };
  if (x.allowed === true) return true;
  return (
    x.allowed === false &&
    isProblemTypeName(x.refusal) &&
    typeof x.message === 'string' &&
    x.message.length > 0
  );
}

function property(name: string, check: (s: string) => boolean) {
  it(name, () => {
    fc.assert(fc.property(hostile, check), { numRuns: 300 });
    for (const s of NASTY) expect(check(s), JSON.stringify(s.slice(0, 40))).toBe(true);
  });
}

describe('bad input never throws', () => {
  property('identifiers', (s) => {
    const results = [
      classifyIdentifier(s),
      classifyIdentifier(s, { birthDate: s, gender: s as 'X' }),
      validateUitpasNumber(s),
      validateInsz(s, { birthDate: s }),
      validateChipNumber(s),
    ];
    return (
      results.every((r) => (r.ok ? typeof r.value === 'string' : r.message.length > 0)) &&
      typeof isValidUitpasNumber(s) === 'boolean' &&
      typeof isValidInsz(s) === 'boolean' &&
      typeof maskInsz(s) === 'string' &&
      typeof formatInsz(s) === 'string' &&
      typeof formatUitpasNumber(s) === 'string' &&
      Number.isInteger(uitpasCheckDigit(s))
    );
  });

  property('money parsers', (s) => {
    const a = parseEuros(s);
    const b = parseEuros(s, { allowNegative: true });
    const c = centsFromApiNumber(s);
    return [a, b, c].every((r) => (r.ok ? Number.isSafeInteger(r.cents) : r.message.length > 0));
  });

  property('problem helpers', (s) => {
    const name = problemNameFromUri(s);
    const m1 = userMessage({ type: s });
    const m2 = userMessage({ type: s, endUserMessage: { nl: s } }, s as 'nl');
    const m3 = fallbackMessage(s as ProblemTypeName, s as 'nl');
    const status = problemStatus(s as ProblemTypeName);
    const made = makeProblem(s as ProblemTypeName);
    parseProblem(s);
    parseProblem({ type: s, title: s, status: 400 });
    return (
      (name === undefined || isProblemTypeName(name)) &&
      [m1, m3].every((m) => typeof m === 'string' && m.length > 0 && !m.includes('://')) &&
      typeof m2 === 'string' &&
      Number.isInteger(status) &&
      typeof made.title === 'string'
    );
  });

  property('periods', (s) => {
    const d = toInstant(s);
    const w = periodWindow(s as PeriodType, NOW);
    const n = countInPeriod(s as PeriodType, NOW, [s, NOW]);
    return (
      (d === undefined || !Number.isNaN(d.getTime())) &&
      (w.start === null || w.start instanceof Date) &&
      Number.isInteger(n) &&
      typeof periodLabel(s as PeriodType, s as 'nl') === 'string' &&
      typeof isPeriodType(s) === 'boolean'
    );
  });

  property('local actions', (s) => {
    const r = createAction(
      { stationId: s, staffId: s, organizerId: s, now: new Date(s) },
      { type: 'checkin', eventId: s, uitpasNumber: s },
    );
    const p = parseLocalAction({ type: s, id: s });
    return (r.ok || r.error.kind === 'invalid-input') && !p.ok && p.error.message.length > 0;
  });

  property('card, group pass and social tariff rules', (s) => {
    return (
      [
        checkCardStatus(s),
        checkMembershipCard(
          [
            {
              cardSystem: { id: 1 },
              uitpasNumber: s,
              currentCard: { uitpasNumber: s, status: s as 'ACTIVE' },
            },
          ],
          s,
        ),
        checkMembershipCard(undefined, s),
        checkGroupPass(s as 'GROUP', s as 'checkin'),
        checkSocialTariff({ status: s, suspendedUntilDate: s, endDate: s }),
      ].every(isRuleResult) &&
      socialTariffOf([{ cardSystem: { id: 1 }, socialTariff: { status: s as 'ACTIVE', endDate: s } }]) !==
        null
    );
  });

  property('check-in rules', (s) => {
    const event = { startDate: s, endDate: s };
    const dedupe = dedupeCheckins([{ passholderKey: s, eventId: s, at: s }], () => ({
      volume: 1,
      periodType: s as 'DAY',
    }));
    return (
      [
        checkCheckinWindow(event, NOW),
        checkCheckin({
          event,
          now: NOW,
          previousCheckins: [s],
          uitpasNumber: s,
          settings: { checkinLimit: { volume: 1, periodType: s as 'DAY' } },
        }),
      ].every(isRuleResult) && dedupe.keep.length + dedupe.duplicates.length === 1
    );
  });

  property('reward, ticket, permission and registration rules', (s) => {
    const reward = {
      id: s,
      type: s as 'POINTS',
      points: 1,
      status: s as 'ACTIVE',
      redeemPeriod: { begin: s, end: s },
      allCardSystems: false,
      organizers: [{ id: s }],
      redeemConstraint: { volume: 1, period: s as 'DAY' },
    };
    const reuse = reuseTariff(
      [
        {
          eventId: s,
          regularPriceCents: 1,
          uitpasNumber: s,
          tariff: { id: s, price: 1, remaining: 1 },
          fetchedAt: s,
        },
      ],
      { eventId: s, regularPriceCents: 1, uitpasNumber: s, tariffId: s },
    );
    const required = requiredPermissions(s as GatedAction, { undoTarget: s as 'checkin' });
    return (
      [
        checkRewardRedemption({
          reward,
          organizerId: s,
          now: NOW,
          points: 10,
          queuedPoints: 0,
          passholderRedemptions: [{ rewardId: s, at: s }],
          cardSystemIds: [1],
          redeemableWelcomeRewardIds: [s],
        }),
        checkTicketLimits({
          requested: 1,
          now: NOW,
          previousSales: [s],
          settings: { passholderTicketLimit: { volume: 1, periodType: s as 'DAY' } },
          coupon: {
            status: s as 'ACTIVE',
            validityPeriod: { begin: s, end: s },
            remaining: { volume: 1, period: s as 'DAY' },
          },
          queuedCouponSales: [s],
        }),
        checkPermission(
          [{ organizer: { id: s }, permissions: [s as 'CHECKINS_WRITE'] }],
          s,
          s as GatedAction,
          {
            undoTarget: s as 'checkin',
          },
        ),
        checkRegistration({
          online: true,
          cardType: s as 'NFC_CARD',
          inszNumber: s,
          card: { status: s as 'LOCAL_STOCK' },
        }),
      ].every(isRuleResult) &&
      (reuse.allowed || isRuleResult(reuse)) &&
      (required === undefined || Array.isArray(required))
    );
  });
});
