// Reconciliation without idempotency keys (DOMAIN.md rule 17): find an action's effect in the API's
// history. Pure functions, so the matching rules can be tested on their own.
import type { CheckinAction, RewardRedemptionAction, TicketSaleAction } from '@uitpas/domain';
import type { Checkin, RedeemedReward, TicketSaleResponse } from '../api/schemas.ts';

export interface MatchResult {
  /** Server ids that are this action's effect (empty: not found). */
  effect: string[];
  /** Server ids of further complete copies of the effect: duplicates to cancel. */
  duplicates: string[][];
}

export interface MatchContext {
  /** Server ids other actions already own: never matched again. */
  claimed: Set<string>;
  /** Effects dated before this (ms since epoch, server clock) cannot be this action's. */
  notBefore: number;
  /** Effects dated after this cannot be this action's either (its last request was long gone by then). */
  notAfter?: number;
}

const inWindow = (iso: string, ctx: MatchContext) => {
  const t = time(iso);
  return t >= ctx.notBefore && (ctx.notAfter === undefined || t <= ctx.notAfter);
};

const time = (iso: string) => {
  const t = Date.parse(iso);
  return Number.isNaN(t) ? 0 : t;
};

function oldestFirst<T>(items: T[], at: (t: T) => string): T[] {
  return [...items].sort((a, b) => time(at(a)) - time(at(b)));
}

function single<T extends { id: string }>(candidates: T[]): MatchResult {
  const [first, ...rest] = candidates;
  return first === undefined
    ? { effect: [], duplicates: [] }
    : { effect: [first.id], duplicates: rest.map((r) => [r.id]) };
}

export function matchCheckin(action: CheckinAction, history: Checkin[], ctx: MatchContext): MatchResult {
  const candidates = history.filter(
    (c) =>
      c.eventId === action.eventId &&
      c.uitpasNumber === action.uitpasNumber &&
      !ctx.claimed.has(c.id) &&
      inWindow(c.creationDate, ctx),
  );
  return single(oldestFirst(candidates, (c) => c.creationDate));
}

export function matchRedemption(
  action: RewardRedemptionAction,
  history: RedeemedReward[],
  ctx: MatchContext,
): MatchResult {
  const candidates = history.filter(
    (r) => r.reward.id === action.rewardId && !ctx.claimed.has(r.id) && inWindow(r.redeemDate, ctx),
  );
  return single(oldestFirst(candidates, (r) => r.redeemDate));
}

/** Euros with cents as the API sends them, compared without floating-point surprises. */
const sameCents = (euros: number, cents: number) => Math.round(euros * 100) === cents;

/**
 * A batch is atomic at the server, so its effect is a complete set of sales (one per sale of the batch,
 * matched on event, tariff, regular price and UiTPAS number). The oldest complete set is the effect; each
 * further complete set is a duplicate batch. Leftovers that do not complete a set are somebody else's.
 */
export function matchTicketSales(
  action: TicketSaleAction,
  history: TicketSaleResponse[],
  ctx: MatchContext,
): MatchResult {
  let pool = oldestFirst(
    history.filter((s) => !ctx.claimed.has(s.id) && inWindow(s.creationDate, ctx)),
    (s) => s.creationDate,
  );
  const sets: string[][] = [];
  for (;;) {
    const taken: string[] = [];
    const rest = [...pool];
    for (const want of action.sales) {
      const i = rest.findIndex(
        (s) =>
          s.eventId === want.eventId &&
          s.uitpasNumber === want.uitpasNumber &&
          s.tariff.id === want.tariffId &&
          sameCents(s.regularPrice, want.regularPriceCents),
      );
      if (i < 0) break;
      const [hit] = rest.splice(i, 1);
      if (hit) taken.push(hit.id);
    }
    if (taken.length !== action.sales.length) break;
    sets.push(taken);
    pool = rest;
  }
  const [effect, ...duplicates] = sets;
  return { effect: effect ?? [], duplicates };
}
