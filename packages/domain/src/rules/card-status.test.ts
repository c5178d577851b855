import { describe, expect, it } from 'vitest';
import type { ApiCardSystemMembership } from './api-types.ts';
import { activeCardSystemIds, checkCardStatus, checkGroupPass, checkMembershipCard } from './card-status.ts';

const PASS = '0900000095902';
const OTHER = '0900000093204';

function membership(overrides: Partial<ApiCardSystemMembership> = {}): ApiCardSystemMembership {
  return {
    cardSystem: { id: 1, name: 'UiTPAS Meetjesland' },
    uitpasNumber: PASS,
    currentCard: { uitpasNumber: PASS, cardType: 'NFC_CARD', status: 'ACTIVE' },
    status: 'ACTIVE',
    ...overrides,
  };
}

describe('rule 4: card and membership status', () => {
  it('allows an ACTIVE card and refuses every other status as invalid-card-status', () => {
    expect(checkCardStatus('ACTIVE')).toEqual({ allowed: true });
    for (const status of ['BLOCKED', 'DELETED', 'PROVISIONED', 'LOCAL_STOCK', 'LOST', undefined]) {
      const r = checkCardStatus(status);
      expect(r).toMatchObject({ allowed: false, refusal: 'uitpas/invalid-card-status' });
      if (!r.allowed) expect(r.message).toMatch(/UiTPAS/);
    }
    expect(checkCardStatus('BLOCKED')).toMatchObject({ message: expect.stringMatching(/geblokkeerd/) });
  });

  it('allows the active current card of an active membership', () => {
    expect(checkMembershipCard([membership()], PASS)).toEqual({ allowed: true });
    expect(checkMembershipCard([membership()])).toEqual({ allowed: true });
  });

  it('refuses a blocked or deleted current card', () => {
    const blocked = membership({ currentCard: { uitpasNumber: PASS, status: 'BLOCKED' } });
    expect(checkMembershipCard([blocked], PASS)).toMatchObject({ refusal: 'uitpas/invalid-card-status' });
    expect(checkMembershipCard([blocked])).toMatchObject({ refusal: 'uitpas/invalid-card-status' });
    const deleted = membership({ currentCard: { uitpasNumber: PASS, status: 'DELETED' } });
    expect(checkMembershipCard([deleted], PASS)).toMatchObject({ refusal: 'uitpas/invalid-card-status' });
  });

  it('refuses an old card that was replaced', () => {
    const replaced = membership({ currentCard: { uitpasNumber: OTHER, status: 'ACTIVE' } });
    const r = checkMembershipCard([replaced], PASS);
    expect(r).toMatchObject({
      refusal: 'uitpas/invalid-card-status',
      message: expect.stringMatching(/oude kaart/),
    });
    expect(checkMembershipCard([replaced], OTHER)).toEqual({ allowed: true });
  });

  it('refuses a passholder without an active membership', () => {
    const r = checkMembershipCard([membership({ status: 'BLOCKED' })], PASS);
    expect(r).toMatchObject({ refusal: 'uitpas/passholder-no-active-cardsystems' });
    expect(checkMembershipCard([])).toMatchObject({ refusal: 'uitpas/passholder-no-active-cardsystems' });
    expect(checkMembershipCard(undefined)).toMatchObject({
      refusal: 'uitpas/passholder-no-active-cardsystems',
    });
  });

  it('refuses a card of a blocked membership while another membership is active', () => {
    const blockedRegion = membership({ status: 'BLOCKED' });
    const other = membership({
      cardSystem: { id: 2 },
      uitpasNumber: OTHER,
      currentCard: { uitpasNumber: OTHER, status: 'ACTIVE' },
    });
    expect(checkMembershipCard([blockedRegion, other], PASS)).toMatchObject({
      refusal: 'uitpas/invalid-card-status',
    });
    expect(checkMembershipCard([blockedRegion, other], OTHER)).toEqual({ allowed: true });
    expect(activeCardSystemIds([blockedRegion, other])).toEqual([2]);
  });
});

describe('rule 13: group passes', () => {
  it('may buy tickets but not check in or redeem rewards', () => {
    expect(checkGroupPass('GROUP', 'ticket-sale')).toEqual({ allowed: true });
    expect(checkGroupPass('GROUP', 'checkin')).toMatchObject({ refusal: 'uitpas/invalid-card' });
    expect(checkGroupPass('GROUP', 'reward-redemption')).toMatchObject({
      refusal: 'uitpas/invalid-card',
      message: expect.stringMatching(/groepspas/),
    });
    expect(checkGroupPass('INDIVIDUAL', 'checkin')).toEqual({ allowed: true });
    expect(checkGroupPass(undefined, 'reward-redemption')).toEqual({ allowed: true });
  });
});
