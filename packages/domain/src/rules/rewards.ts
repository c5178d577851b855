// Rule 14: redeem offline only if the passholder has enough points once queued redemptions are taken
// off (unsynced check-in points do not count), now is within `redeemPeriod`, the reward is ACTIVE, it
// applies to one of the passholder's card systems, this organizer is among its organizers, the
// per-passholder `redeemConstraint` is not exhausted in the current period, stock is left
// (`maxAvailableUnits − unitsTaken`, stale offline, so queued units count too), and a WELCOME reward
// only when the server listed it as redeemable for this passholder. Rule 13 and 4 come first.
import type { ApiCardSystemMembership, ApiReward } from './api-types.ts';
import { countInPeriod, isPeriodType, toInstant } from '../periods.ts';
import { ALLOWED, checkAll, refuse, type RuleResult } from './result.ts';
import { activeCardSystemIds, checkGroupPass, checkMembershipCard, type PassType } from './card-status.ts';

export type RewardRuleInput = Pick<
  ApiReward,
  | 'id'
  | 'type'
  | 'points'
  | 'status'
  | 'redeemPeriod'
  | 'allCardSystems'
  | 'applicableCardSystems'
  | 'owningCardSystem'
  | 'organizers'
  | 'redeemConstraint'
  | 'maxAvailableUnits'
  | 'unitsTaken'
>;

export interface RedemptionRecord {
  rewardId: string;
  at: Date | string;
}

export interface RewardRedemptionInput {
  reward: RewardRuleInput;
  organizerId: string;
  now: Date;
  /** Points balance of the passholder as last received from the API. */
  points: number;
  /** Points of this passholder's redemptions recorded locally and not yet confirmed by the API. */
  queuedPoints: number;
  /** This passholder's redemptions (any reward): known to the API plus queued locally. */
  passholderRedemptions: readonly RedemptionRecord[];
  /** Units of this reward redeemed locally (any passholder) and not yet reflected in `unitsTaken`. */
  queuedUnits?: number;
  /** Card-system ids of the passholder's active memberships (see `activeCardSystemIds`). */
  cardSystemIds: readonly number[];
  /** Ids of the WELCOME rewards the API listed as redeemable for this passholder. */
  redeemableWelcomeRewardIds?: readonly string[];
}

export function rewardApplies(reward: RewardRuleInput, cardSystemIds: readonly number[]): boolean {
  if (reward.allCardSystems) return true;
  const applicable = new Set<number>((reward.applicableCardSystems ?? []).map((c) => c.id));
  if (reward.owningCardSystem !== undefined) applicable.add(reward.owningCardSystem.id);
  return cardSystemIds.some((id) => applicable.has(id));
}

/** Units left according to the last fetch minus what was redeemed locally since; undefined = unlimited. */
export function rewardUnitsLeft(reward: RewardRuleInput, queuedUnits = 0): number | undefined {
  if (reward.maxAvailableUnits === undefined || reward.maxAvailableUnits === null) return undefined;
  return reward.maxAvailableUnits - (reward.unitsTaken ?? 0) - queuedUnits;
}

export function pointsAvailable(points: number, queuedPoints: number): number {
  const p = Number.isFinite(points) ? points : 0;
  const q = Number.isFinite(queuedPoints) ? queuedPoints : 0;
  return p - q;
}

function checkPeriod(reward: RewardRuleInput, now: Date): RuleResult {
  if (Number.isNaN(now.getTime())) {
    return refuse(
      'uitpas/reward-period-constraint',
      'De huidige tijd is onbekend; controleer de klok van dit toestel.',
    );
  }
  const period = reward.redeemPeriod;
  if (period === undefined) return ALLOWED;
  const begin = toInstant(period.begin);
  const end = period.end === undefined ? undefined : toInstant(period.end);
  if (begin === undefined || (period.end !== undefined && end === undefined)) {
    return refuse('uitpas/reward-period-constraint', 'De geldigheidsperiode van dit voordeel is onbekend.');
  }
  if (now.getTime() < begin.getTime()) {
    return refuse('uitpas/reward-period-constraint', 'Dit voordeel kan nog niet omgeruild worden.');
  }
  if (end !== undefined && now.getTime() >= end.getTime()) {
    return refuse('uitpas/reward-period-constraint', 'Dit voordeel is niet meer geldig.');
  }
  return ALLOWED;
}

const PERIOD_WORD: Record<string, string> = {
  ABSOLUTE: '',
  DAY: ' vandaag',
  WEEK: ' deze week',
  MONTH: ' deze maand',
  QUARTER: ' dit kwartaal',
  YEAR: ' dit jaar',
};

/** Rule 14 for one redemption of one reward. */
export function checkRewardRedemption(input: RewardRedemptionInput): RuleResult {
  const { reward, now } = input;
  if (reward.status === 'DELETED')
    return refuse('uitpas/reward-not-found', 'Dit voordeel bestaat niet meer.');
  if (reward.status !== undefined && reward.status !== 'ACTIVE') {
    return refuse('uitpas/reward-period-constraint', 'Dit voordeel is niet actief.');
  }
  const period = checkPeriod(reward, now);
  if (!period.allowed) return period;
  if (!(reward.organizers ?? []).some((o) => o.id === input.organizerId)) {
    return refuse('uitpas/reward-not-found', 'Dit voordeel kan niet bij deze organisatie omgeruild worden.');
  }
  if (!rewardApplies(reward, input.cardSystemIds))
    return refuse('uitpas/reward-passholder-no-applicable-cardsystems');
  if (reward.type === 'WELCOME' && !(input.redeemableWelcomeRewardIds ?? []).includes(reward.id ?? '')) {
    return refuse(
      'uitpas/reward-passholder-volume-constraint',
      'Dit welkomstvoordeel staat niet open voor deze pashouder (al omgeruild of niet toegekend).',
    );
  }
  const cost = reward.points ?? 0;
  const available = pointsAvailable(input.points, input.queuedPoints);
  if (available < cost) {
    return refuse(
      'uitpas/reward-passholder-points-constraint',
      `Niet genoeg punten: dit voordeel kost ${cost} punten, de pashouder heeft er ${Math.max(0, available)}.`,
    );
  }
  const constraint = reward.redeemConstraint;
  if (constraint !== undefined) {
    const periodType = isPeriodType(constraint.period) ? constraint.period : 'ABSOLUTE';
    const mine = input.passholderRedemptions.filter((r) => r.rewardId === reward.id).map((r) => r.at);
    if (countInPeriod(periodType, now, mine) >= constraint.volume) {
      return refuse(
        'uitpas/reward-passholder-volume-constraint',
        `Deze pashouder heeft dit voordeel${PERIOD_WORD[periodType] ?? ''} al ${constraint.volume === 1 ? 'eens' : `${constraint.volume} keer`} omgeruild.`,
      );
    }
  }
  const left = rewardUnitsLeft(reward, input.queuedUnits ?? 0);
  if (left !== undefined && left <= 0) return refuse('uitpas/reward-volume-constraint');
  return ALLOWED;
}

export interface RewardRedemptionCheck extends Omit<RewardRedemptionInput, 'cardSystemIds'> {
  passType?: PassType;
  memberships?: readonly ApiCardSystemMembership[];
  uitpasNumber?: string;
  /** Needed when `memberships` is not given (e.g. from a Pass: its `cardSystem.id`). */
  cardSystemIds?: readonly number[];
}

/** Rules 13, 4 and 14 together. */
export function checkRedeemReward(input: RewardRedemptionCheck): RuleResult {
  const cardSystemIds = input.cardSystemIds ?? activeCardSystemIds(input.memberships);
  return checkAll(
    () => checkGroupPass(input.passType, 'reward-redemption'),
    () =>
      input.memberships === undefined ? ALLOWED : checkMembershipCard(input.memberships, input.uitpasNumber),
    () => checkRewardRedemption({ ...input, cardSystemIds }),
  );
}
