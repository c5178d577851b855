import { describe, expect, it } from 'vitest';
import { checkRegistration } from './registration.ts';
import { MAX_PAGE_LIMIT, nextPageStart, pageLimit } from './pagination.ts';

describe('rules 2 and 5: registration', () => {
  const online = { online: true, cardType: 'NFC_CARD' as const, card: { status: 'LOCAL_STOCK' as const } };

  it('allows an NFC card from local stock with an unused, valid INSZ', () => {
    expect(checkRegistration({ ...online, inszNumber: '08091860684', inszState: 'UNUSED' })).toEqual({
      allowed: true,
    });
    expect(checkRegistration({ online: true, cardType: 'DIGITAL' })).toEqual({ allowed: true });
  });

  it('is online-only', () => {
    expect(checkRegistration({ ...online, online: false })).toMatchObject({
      allowed: false,
      message: expect.stringMatching(/alleen met verbinding.*bewaard/),
    });
    expect(checkRegistration({ online: false, cardType: 'DIGITAL' }).allowed).toBe(false);
  });

  it('refuses an invalid or used INSZ', () => {
    expect(checkRegistration({ ...online, inszNumber: '08091860685' })).toMatchObject({
      refusal: 'uitpas/invalid-insz-number',
    });
    expect(
      checkRegistration({ ...online, inszNumber: '08091860684', expected: { birthDate: '2008-09-19' } }),
    ).toMatchObject({
      refusal: 'uitpas/invalid-insz-number',
      message: expect.stringMatching(/geboortedatum/),
    });
    expect(checkRegistration({ ...online, inszNumber: '08091860684', inszState: 'USED' })).toMatchObject({
      refusal: 'uitpas/insz-already-used',
    });
  });

  it('needs an NFC card in LOCAL_STOCK', () => {
    expect(checkRegistration({ ...online, card: undefined })).toMatchObject({
      refusal: 'uitpas/invalid-card',
    });
    expect(checkRegistration({ ...online, card: { status: 'ACTIVE' } })).toMatchObject({
      refusal: 'uitpas/invalid-card-status',
      message: expect.stringMatching(/al in gebruik/),
    });
    expect(checkRegistration({ ...online, card: { status: 'BLOCKED' } })).toMatchObject({
      refusal: 'uitpas/invalid-card-status',
    });
  });
});

describe('rule 20: pagination', () => {
  it('keeps limit within 1..500', () => {
    expect(pageLimit(1000)).toBe(MAX_PAGE_LIMIT);
    expect(pageLimit(0)).toBe(1);
    expect(pageLimit(Number.NaN)).toBe(20);
    expect(pageLimit()).toBe(20);
    expect(pageLimit(50.7)).toBe(50);
    expect(nextPageStart(0, 500, 1200)).toBe(500);
    expect(nextPageStart(1000, 500, 1200)).toBeUndefined();
  });
});
