import { describe, expect, it } from 'vitest';
import type { ApiReward } from './api-types.ts';
import {
  checkRedeemReward,
  checkRewardRedemption,
  rewardUnitsLeft,
  type RewardRedemptionInput,
} from './rewards.ts';

const ORGANIZER = '0ce87cbc-9299-4528-8d35-92225dc9489f';
const NOW = new Date('2026-03-29T12:00:00+02:00');

// Shaped like the test dataset's reward 5823 (POINTS, once per week).
const reward: ApiReward = {
  id: '5823',
  title: 'Gratis koffie',
  type: 'POINTS',
  promotionalDescription: 'Eén gratis koffie',
  publicationPeriod: { begin: '2026-01-01T00:00:00+01:00' },
  redeemPeriod: { begin: '2026-01-01T00:00:00+01:00', end: '2026-12-31T23:59:59+01:00' },
  points: 10,
  allCardSystems: false,
  applicableCardSystems: [{ id: 1, name: 'UiTPAS Meetjesland' }],
  organizers: [{ id: ORGANIZER, name: 'Cultuurcentrum' }],
  status: 'ACTIVE',
  maxAvailableUnits: 100,
  unitsTaken: 40,
  redeemConstraint: { volume: 1, period: 'WEEK' },
};

function input(overrides: Partial<RewardRedemptionInput> = {}): RewardRedemptionInput {
  return {
    reward,
    organizerId: ORGANIZER,
    now: NOW,
    points: 25,
    queuedPoints: 0,
    passholderRedemptions: [],
    cardSystemIds: [1],
    ...overrides,
  };
}

describe('rule 14: offline reward redemption', () => {
  it('allows a redeemable reward', () => {
    expect(checkRewardRedemption(input())).toEqual({ allowed: true });
  });

  it('subtracts queued redemptions from the points', () => {
    expect(checkRewardRedemption(input({ points: 10 }))).toEqual({ allowed: true });
    expect(checkRewardRedemption(input({ points: 25, queuedPoints: 16 }))).toMatchObject({
      refusal: 'uitpas/reward-passholder-points-constraint',
      message: 'Niet genoeg punten: dit voordeel kost 10 punten, de pashouder heeft er 9.',
    });
    expect(checkRewardRedemption(input({ points: 9 }))).toMatchObject({
      refusal: 'uitpas/reward-passholder-points-constraint',
    });
  });

  it('refuses outside the redeem period', () => {
    const early = { ...reward, redeemPeriod: { begin: '2026-04-01T00:00:00+02:00' } };
    expect(checkRewardRedemption(input({ reward: early }))).toMatchObject({
      refusal: 'uitpas/reward-period-constraint',
      message: expect.stringMatching(/nog niet/),
    });
    // Like test rewards 5825/5826: expired.
    const expired = {
      ...reward,
      redeemPeriod: { begin: '2025-01-01T00:00:00Z', end: '2026-03-29T12:00:00+02:00' },
    };
    expect(checkRewardRedemption(input({ reward: expired }))).toMatchObject({
      refusal: 'uitpas/reward-period-constraint',
      message: 'Dit voordeel is niet meer geldig.',
    });
    expect(checkRewardRedemption(input({ now: new Date(Number.NaN) }))).toMatchObject({
      refusal: 'uitpas/reward-period-constraint',
    });
    const garbled = { ...reward, redeemPeriod: { begin: 'soon' } };
    expect(checkRewardRedemption(input({ reward: garbled }))).toMatchObject({
      refusal: 'uitpas/reward-period-constraint',
    });
  });

  it('refuses a reward that is not ACTIVE', () => {
    expect(checkRewardRedemption(input({ reward: { ...reward, status: 'INACTIVE' } }))).toMatchObject({
      refusal: 'uitpas/reward-period-constraint',
    });
    expect(checkRewardRedemption(input({ reward: { ...reward, status: 'DELETED' } }))).toMatchObject({
      refusal: 'uitpas/reward-not-found',
    });
  });

  it('refuses at an organizer that is not among the reward organizers', () => {
    expect(checkRewardRedemption(input({ organizerId: 'other' }))).toMatchObject({
      refusal: 'uitpas/reward-not-found',
      message: 'Dit voordeel kan niet bij deze organisatie omgeruild worden.',
    });
  });

  it('checks applicable card systems, owning card system and allCardSystems', () => {
    expect(checkRewardRedemption(input({ cardSystemIds: [2] }))).toMatchObject({
      refusal: 'uitpas/reward-passholder-no-applicable-cardsystems',
    });
    expect(checkRewardRedemption(input({ cardSystemIds: [] }))).toMatchObject({
      refusal: 'uitpas/reward-passholder-no-applicable-cardsystems',
    });
    const everywhere = { ...reward, allCardSystems: true, applicableCardSystems: [] };
    expect(checkRewardRedemption(input({ reward: everywhere, cardSystemIds: [7] }))).toEqual({
      allowed: true,
    });
    const owned = { ...reward, applicableCardSystems: [], owningCardSystem: { id: 2 } };
    expect(checkRewardRedemption(input({ reward: owned, cardSystemIds: [2] }))).toEqual({ allowed: true });
  });

  it('enforces the per-passholder redeem constraint in the current period, queued ones included', () => {
    const thisWeek = [{ rewardId: '5823', at: '2026-03-23T09:00:00+01:00' }];
    expect(checkRewardRedemption(input({ passholderRedemptions: thisWeek }))).toMatchObject({
      refusal: 'uitpas/reward-passholder-volume-constraint',
      message: 'Deze pashouder heeft dit voordeel deze week al eens omgeruild.',
    });
    const lastWeek = [{ rewardId: '5823', at: '2026-03-22T23:59:00+01:00' }];
    expect(checkRewardRedemption(input({ passholderRedemptions: lastWeek }))).toEqual({ allowed: true });
    const otherReward = [{ rewardId: '5687', at: NOW }];
    expect(checkRewardRedemption(input({ passholderRedemptions: otherReward }))).toEqual({ allowed: true });
    const ever = { ...reward, redeemConstraint: { volume: 2, period: 'ABSOLUTE' as const } };
    const twice = [
      { rewardId: '5823', at: '2020-01-01T00:00:00Z' },
      { rewardId: '5823', at: '2021-01-01T00:00:00Z' },
    ];
    expect(checkRewardRedemption(input({ reward: ever, passholderRedemptions: twice }))).toMatchObject({
      message: 'Deze pashouder heeft dit voordeel al 2 keer omgeruild.',
    });
  });

  it('keeps stock: maxAvailableUnits − unitsTaken − queued units', () => {
    const last = { ...reward, maxAvailableUnits: 41 };
    expect(checkRewardRedemption(input({ reward: last }))).toEqual({ allowed: true });
    expect(checkRewardRedemption(input({ reward: last, queuedUnits: 1 }))).toMatchObject({
      refusal: 'uitpas/reward-volume-constraint',
      message: 'Dit voordeel is uitgeput.',
    });
    expect(rewardUnitsLeft({ ...reward, maxAvailableUnits: undefined })).toBeUndefined();
    expect(rewardUnitsLeft(reward, 5)).toBe(55);
  });

  it('allows a WELCOME reward only when the server listed it as redeemable for the passholder', () => {
    const welcome = {
      ...reward,
      id: '5688',
      type: 'WELCOME' as const,
      points: 0,
      redeemConstraint: undefined,
    };
    expect(checkRewardRedemption(input({ reward: welcome, points: 0 }))).toMatchObject({
      refusal: 'uitpas/reward-passholder-volume-constraint',
      message: expect.stringMatching(/welkomstvoordeel/),
    });
    expect(
      checkRewardRedemption(input({ reward: welcome, points: 0, redeemableWelcomeRewardIds: ['5688'] })),
    ).toEqual({
      allowed: true,
    });
  });

  it('refuses group passes and inactive cards before anything else', () => {
    const base = { ...input(), cardSystemIds: undefined };
    expect(checkRedeemReward({ ...base, passType: 'GROUP', cardSystemIds: [1] })).toMatchObject({
      refusal: 'uitpas/invalid-card',
    });
    expect(
      checkRedeemReward({
        ...base,
        memberships: [{ cardSystem: { id: 1 }, status: 'BLOCKED' }],
      }),
    ).toMatchObject({ refusal: 'uitpas/passholder-no-active-cardsystems' });
    // SUSPENDED social tariff: points and rewards stay allowed (rule 6).
    expect(
      checkRedeemReward({
        ...base,
        memberships: [
          { cardSystem: { id: 1 }, status: 'ACTIVE', socialTariff: { status: 'SUSPENDED', endDate: '' } },
        ],
      }),
    ).toEqual({ allowed: true });
  });
});
