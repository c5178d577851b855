import { describe, expect, it } from 'vitest';
import type { CheckinAction, RewardRedemptionAction, TicketSaleAction } from '@uitpas/domain';
import { matchCheckin, matchRedemption, matchTicketSales } from '../src/engine/match.ts';
import { backoffDelay, parseRetryAfter } from '../src/api/backoff.ts';
import { checkin, redemption, ticketSale, uitpasNumber } from './helpers.ts';

const u = uitpasNumber(42);
const at = (s: number) => new Date(Date.UTC(2026, 10, 24, 10, 0, s)).toISOString();
const ctx = (claimed: string[] = [], notBefore = Date.UTC(2026, 10, 24, 9, 59, 0)) => ({
  claimed: new Set(claimed),
  notBefore,
});

describe('matching history', () => {
  it('check-in: same event and number, not claimed, not older than the window; extras are duplicates', () => {
    const a = checkin(u, 'e1') as CheckinAction;
    const history = [
      { id: 'old', creationDate: '2026-11-23T10:00:00Z', eventId: 'e1', uitpasNumber: u },
      { id: 'other-event', creationDate: at(1), eventId: 'e2', uitpasNumber: u },
      { id: 'mine', creationDate: at(2), eventId: 'e1', uitpasNumber: u },
      { id: 'dup', creationDate: at(3), eventId: 'e1', uitpasNumber: u },
      { id: 'claimed', creationDate: at(0), eventId: 'e1', uitpasNumber: u },
    ];
    expect(matchCheckin(a, history, ctx(['claimed']))).toEqual({ effect: ['mine'], duplicates: [['dup']] });
    expect(matchCheckin(a, history.slice(0, 2), ctx())).toEqual({ effect: [], duplicates: [] });
  });

  it('redemption: same reward in the window', () => {
    const a = redemption(u, 'r1') as RewardRedemptionAction;
    const h = [
      { id: 'x', reward: { id: 'r2' }, redeemDate: at(1) },
      { id: 'y', reward: { id: 'r1' }, redeemDate: at(2) },
    ];
    expect(matchRedemption(a, h, ctx())).toEqual({ effect: ['y'], duplicates: [] });
  });

  it('ticket sales: a complete batch is the effect; a second complete batch is a duplicate; a partial one is not ours', () => {
    const a = ticketSale(u, 2, 'e1', 'SOCIALTARIFF') as TicketSaleAction;
    const sale = (id: string, s: number, price = 10) => ({
      id,
      creationDate: at(s),
      regularPrice: price,
      eventId: 'e1',
      uitpasNumber: u,
      tariff: { id: 'SOCIALTARIFF' },
    });
    const h = [
      sale('a1', 1),
      sale('a2', 1),
      sale('b1', 5),
      sale('b2', 5),
      sale('c1', 9),
      sale('wrong-price', 2, 12),
    ];
    expect(matchTicketSales(a, h, ctx())).toEqual({ effect: ['a1', 'a2'], duplicates: [['b1', 'b2']] });
    expect(matchTicketSales(a, [sale('a1', 1)], ctx())).toEqual({ effect: [], duplicates: [] });
  });
});

describe('backoff', () => {
  it('is jittered below an exponential cap and respects Retry-After', () => {
    const policy = { baseMs: 100, maxMs: 1000 };
    for (let attempt = 0; attempt < 10; attempt++) {
      const d = backoffDelay(attempt, policy);
      expect(d).toBeGreaterThanOrEqual(0);
      expect(d).toBeLessThanOrEqual(Math.min(1000, 100 * 2 ** attempt));
    }
    expect(backoffDelay(3, policy, 5000, () => 0)).toBe(5000);
    expect(parseRetryAfter('7')).toBe(7000);
    expect(parseRetryAfter(new Date(Date.now() + 3000).toUTCString())).toBeGreaterThan(1000);
    expect(parseRetryAfter('soon')).toBeUndefined();
  });
});
