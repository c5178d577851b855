import { describe, expect, it } from 'vitest';
import type { ApiCardSystemMembership } from './api-types.ts';
import {
  checkSocialTariff,
  checkSocialTariffFor,
  checkSocialTariffRegion,
  socialTariffNotice,
  socialTariffOf,
} from './social-tariff.ts';

function membership(
  id: number,
  socialTariff?: ApiCardSystemMembership['socialTariff'],
): ApiCardSystemMembership {
  return { cardSystem: { id }, status: 'ACTIVE', ...(socialTariff ? { socialTariff } : {}) };
}

describe('rule 6: social tariff status', () => {
  it('grants kansentarief only when ACTIVE, grace period included, whatever the end date', () => {
    expect(checkSocialTariff({ status: 'ACTIVE', endDate: '2026-04-30T21:59:00' })).toEqual({
      allowed: true,
    });
    // In the grace period the end date has passed but the status stays ACTIVE: never judge by endDate.
    expect(
      checkSocialTariff({ status: 'ACTIVE', endDate: '2020-04-30T21:59:00', inGracePeriod: true }),
    ).toEqual({
      allowed: true,
    });
  });

  it('refuses EXPIRED, SUSPENDED and NONE with their problem types', () => {
    expect(checkSocialTariff({ status: 'EXPIRED', endDate: '2030-01-01' })).toMatchObject({
      refusal: 'uitpas/social-tariff-expired',
      message: expect.stringMatching(/verlopen/),
    });
    expect(
      checkSocialTariff({ status: 'SUSPENDED', suspendedUntilDate: '2026-05-12T00:00:00+02:00' }),
    ).toMatchObject({
      refusal: 'uitpas/social-tariff-suspended',
      message: expect.stringMatching(/geschorst tot 12\/05\/2026/),
    });
    expect(checkSocialTariff({ status: 'SUSPENDED' })).toMatchObject({
      refusal: 'uitpas/social-tariff-suspended',
    });
    expect(checkSocialTariff({ status: 'NONE' })).toMatchObject({
      refusal: 'uitpas/social-tariff-not-available',
    });
    expect(checkSocialTariff(undefined)).toMatchObject({ refusal: 'uitpas/social-tariff-not-available' });
  });

  it('SUSPENDED (and EXPIRED) still allow points and rewards', () => {
    for (const status of ['SUSPENDED', 'EXPIRED', 'NONE']) {
      expect(checkSocialTariffFor('checkin', { status })).toEqual({ allowed: true });
      expect(checkSocialTariffFor('reward-redemption', { status })).toEqual({ allowed: true });
      expect(checkSocialTariffFor('coupon-sale', { status })).toEqual({ allowed: true });
      expect(checkSocialTariffFor('social-tariff-sale', { status }).allowed).toBe(false);
    }
  });

  it('picks the social tariff of the right membership', () => {
    const ms = [
      membership(1, { status: 'EXPIRED', endDate: '2025-04-30' }),
      membership(2, { status: 'ACTIVE', endDate: '2026-04-30' }),
      { ...membership(3, { status: 'ACTIVE', endDate: '2026-04-30' }), status: 'BLOCKED' as const },
    ];
    expect(socialTariffOf(ms)?.status).toBe('ACTIVE');
    expect(socialTariffOf(ms, 1)?.status).toBe('EXPIRED');
    expect(socialTariffOf(ms, 3)).toBeUndefined();
    expect(socialTariffOf([membership(4)])).toBeUndefined();
  });

  it('tells staff about a grace period or a suspension', () => {
    expect(socialTariffNotice({ status: 'ACTIVE', inGracePeriod: true })).toMatch(/respijtperiode/);
    expect(socialTariffNotice({ status: 'SUSPENDED' })).toMatch(/geschorst/);
    expect(socialTariffNotice({ status: 'ACTIVE' })).toBeUndefined();
    expect(socialTariffNotice(undefined)).toBeUndefined();
  });
});

describe("rule 8: the event's card systems", () => {
  const event = [
    { id: 1, enabled: true },
    { id: 2, enabled: false },
  ];
  it('allows kansentarief only in an enabled card system of the passholder', () => {
    expect(checkSocialTariffRegion(event, [1])).toEqual({ allowed: true });
    expect(checkSocialTariffRegion(event, [3, 1])).toEqual({ allowed: true });
    expect(checkSocialTariffRegion(event, [2])).toMatchObject({ refusal: 'uitpas/invalid-card-system' });
    expect(checkSocialTariffRegion([], [1])).toMatchObject({ refusal: 'uitpas/invalid-card-system' });
  });
});
