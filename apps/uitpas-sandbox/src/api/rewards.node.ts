// Rewards: lists, redeem status, redemptions and their undo.
import { randomUUID } from 'node:crypto';
import { checkRewardRedemption, type RewardRuleInput, validateUitpasNumber } from '@uitpas/domain';
import { organizerKeyById, rewardJson, rewardSeed } from '../model.node.ts';
import { json, messageOf, noContent, problem, type EndUserMessage, type ProblemName, type Reply } from '../problems.ts';
import { ORGANIZERS, REWARDS, type OrganizerKey, type SeedReward } from '../seed-data.ts';
import type { PassholderRow, RedemptionRow } from '../store.node.ts';
import { type Ctx, m, str, strs, page, can, canAnywhere, forbidden, identify, isReply } from './context.node.ts';


type RedeemReason =
  | 'INVALID_CARD'
  | 'PASSHOLDER_VOLUME'
  | 'PASSHOLDER_POINTS'
  | 'REWARD_PERIOD'
  | 'REWARD_VOLUME'
  | 'PASSHOLDER_APPLICABLE_CARDSYSTEMS'
  | 'PASSHOLDER_NO_ACTIVE_CARDSYSTEM';

const REASON_PROBLEM: Record<RedeemReason, ProblemName> = {
  INVALID_CARD: 'uitpas/invalid-card',
  PASSHOLDER_VOLUME: 'uitpas/reward-passholder-volume-constraint',
  PASSHOLDER_POINTS: 'uitpas/reward-passholder-points-constraint',
  REWARD_PERIOD: 'uitpas/reward-period-constraint',
  REWARD_VOLUME: 'uitpas/reward-volume-constraint',
  PASSHOLDER_APPLICABLE_CARDSYSTEMS: 'uitpas/reward-passholder-no-applicable-cardsystems',
  PASSHOLDER_NO_ACTIVE_CARDSYSTEM: 'uitpas/passholder-no-active-cardsystems',
};

function redemptionTimes(ctx: Ctx, passholderId: string, rewardId: string): Date[] {
  return ctx.app.db
    .prepare<[string, string], { created_at: string }>(
      'SELECT created_at FROM redemptions WHERE passholder_id = ? AND reward_id = ? AND deleted_at IS NULL',
    )
    .all(passholderId, rewardId)
    .map((r) => new Date(r.created_at));
}

/** The reward rules in the order publiq reports them (DOMAIN.md rule 14). */
const REFUSAL_REASON: Partial<Record<ProblemName, RedeemReason>> = {
  'uitpas/reward-period-constraint': 'REWARD_PERIOD',
  'uitpas/reward-passholder-no-applicable-cardsystems': 'PASSHOLDER_APPLICABLE_CARDSYSTEMS',
  'uitpas/reward-passholder-volume-constraint': 'PASSHOLDER_VOLUME',
  'uitpas/reward-passholder-points-constraint': 'PASSHOLDER_POINTS',
  'uitpas/reward-volume-constraint': 'REWARD_VOLUME',
};

interface RedeemRefusal {
  reason: RedeemReason;
  message?: string;
}

/**
 * The reward rules (DOMAIN.md rule 14) from @uitpas/domain, fed with the sandbox's authoritative state:
 * the real balance, units taken and this passholder's redemptions, so nothing is "queued".
 */
function redeemRefusal(ctx: Ctx, reward: SeedReward, passholder: PassholderRow): RedeemRefusal | null {
  const cardSystemIds = ctx.app.model
    .memberships(passholder.id)
    .filter((x) => x.status === 'ACTIVE' && ctx.app.model.card(x.uitpas_number)?.status === 'ACTIVE')
    .map((x) => x.card_system_id);
  if (cardSystemIds.length === 0) return { reason: 'PASSHOLDER_NO_ACTIVE_CARDSYSTEM' };
  const api = rewardJson(reward, ctx.app.model.unitsTaken(reward.id), ctx.now, ctx.day) as RewardRuleInput;
  const result = checkRewardRedemption({
    reward: api,
    // The request names no organizer; the caller's permission for one of the reward's organizers is checked apart.
    organizerId: ORGANIZERS[reward.organizers[0] as OrganizerKey].id,
    now: ctx.now,
    points: passholder.points,
    queuedPoints: 0,
    passholderRedemptions: redemptionTimes(ctx, passholder.id, reward.id).map((at) => ({
      rewardId: reward.id,
      at,
    })),
    cardSystemIds,
    // A welcome reward is open to every passholder; its once-ever constraint does the rest.
    redeemableWelcomeRewardIds: reward.type === 'WELCOME' ? [reward.id] : [],
  });
  if (result.allowed) return null;
  return { reason: REFUSAL_REASON[result.refusal] ?? 'INVALID_CARD', message: result.message };
}

function reasonMessage(refusal: RedeemRefusal): EndUserMessage {
  return messageOf(REASON_PROBLEM[refusal.reason], refusal.message);
}

function rewardOr404(ctx: Ctx, id: string): SeedReward | Reply {
  return rewardSeed(id) ?? problem('uitpas/reward-not-found');
}

export function getRewards(ctx: Ctx): Reply {
  const organizers = strs(ctx.params.organizerId);
  const type = str(ctx.params.type) ?? 'POINTS';
  const text = str(ctx.params.text)?.toLowerCase();
  const redeemableBy = str(ctx.params.isRedeemableByPassholderId);
  let passholder: PassholderRow | undefined;
  if (redeemableBy) {
    if (!canAnywhere(ctx, 'REWARDS_PASSHOLDERS_READ')) return forbidden('REWARDS_PASSHOLDERS_READ');
    passholder = ctx.app.model.passholder(redeemableBy);
    if (!passholder) return problem('uitpas/passholder-not-found');
  }
  for (const o of organizers) if (!organizerKeyById(o)) return problem('uitpas/organizer-not-found');
  const rewards = (Object.values(REWARDS) as SeedReward[])
    .filter((r) => type === 'ANY' || r.type === type)
    .filter((r) => organizers.length === 0 || r.organizers.some((k) => organizers.includes(ORGANIZERS[k].id)))
    .filter((r) => !text || r.title.toLowerCase().includes(text))
    .filter((r) => !passholder || redeemRefusal(ctx, r, passholder) === null);
  return json(
    200,
    page(
      rewards.map((r) => rewardJson(r, ctx.app.model.unitsTaken(r.id), ctx.now, ctx.day)),
      ctx,
    ),
  );
}

export function getReward(ctx: Ctx): Reply {
  const reward = rewardOr404(ctx, String(ctx.params.rewardId));
  if (isReply(reward)) return reward;
  return json(200, rewardJson(reward, ctx.app.model.unitsTaken(reward.id), ctx.now, ctx.day));
}

function mayRedeem(ctx: Ctx, reward: SeedReward): boolean {
  return reward.organizers.some((k) => can(ctx, 'REWARDS_REDEEM', ORGANIZERS[k].id));
}

export function getRedeemStatus(ctx: Ctx): Reply {
  const reward = rewardOr404(ctx, String(ctx.params.rewardId));
  if (isReply(reward)) return reward;
  if (!mayRedeem(ctx, reward)) return forbidden('REWARDS_REDEEM');
  const number = String(ctx.params.uitpasNumber);
  if (!validateUitpasNumber(number).ok) return problem('uitpas/invalid-uitpas-number');
  const card = ctx.app.model.card(number);
  if (!card || (!card.passholder_id && !card.group_pass_id)) return problem('uitpas/passholder-not-found');
  const invalid = (): Reply =>
    json(200, {
      redeemable: false,
      reason: 'INVALID_CARD',
      message: reasonMessage({ reason: 'INVALID_CARD' }).nl,
    });
  if (card.status !== 'ACTIVE' || card.group_pass_id) return invalid();
  const passholder = ctx.app.model.passholder(card.passholder_id as string);
  if (!passholder) return problem('uitpas/passholder-not-found');
  const refusal = redeemRefusal(ctx, reward, passholder);
  return json(
    200,
    refusal
      ? { redeemable: false, reason: refusal.reason, message: reasonMessage(refusal).nl }
      : { redeemable: true },
  );
}

export function postRedeemed(ctx: Ctx): Reply {
  const body = ctx.body as { rewardId: string; uitpasNumber: string };
  const reward = rewardOr404(ctx, body.rewardId);
  if (isReply(reward)) return reward;
  if (!mayRedeem(ctx, reward)) return forbidden('REWARDS_REDEEM');
  const holder = identify(ctx, body.uitpasNumber, {
    invalidNumber: 'uitpas/invalid-uitpas-number',
    inactiveCard: 'uitpas/invalid-card',
  });
  if (isReply(holder)) return holder;
  if (holder.kind === 'group') {
    return problem('uitpas/invalid-card', {
      message: m(
        'Met een groepspas kan je geen voordelen omruilen.',
        "Un pass de groupe ne permet pas d'échanger des avantages.",
        'A group pass cannot redeem rewards.',
      ),
    });
  }
  const refusal = redeemRefusal(ctx, reward, holder.passholder);
  if (refusal) {
    return problem(REASON_PROBLEM[refusal.reason], {
      message: reasonMessage(refusal),
      extra: { passholderId: holder.passholder.id },
    });
  }
  const row: RedemptionRow = {
    id: randomUUID(),
    reward_id: reward.id,
    passholder_id: holder.passholder.id,
    uitpas_number: body.uitpasNumber,
    points: reward.points,
    redeem_code: reward.withCode ? randomUUID().slice(0, 8).toUpperCase() : null,
    created_at: ctx.now.toISOString(),
    deleted_at: null,
  };
  ctx.app.db.transaction(() => {
    ctx.app.db
      .prepare(
        `INSERT INTO redemptions (id, reward_id, passholder_id, uitpas_number, points, redeem_code, created_at)
         VALUES (@id, @reward_id, @passholder_id, @uitpas_number, @points, @redeem_code, @created_at)`,
      )
      .run(row);
    ctx.app.db
      .prepare('UPDATE passholders SET points = points - ? WHERE id = ?')
      .run(reward.points, holder.passholder.id);
    ctx.app.db.prepare('UPDATE rewards SET units_taken = units_taken + 1 WHERE id = ?').run(reward.id);
  })();
  return json(201, ctx.app.model.redeemedJson(row, ctx.now));
}

export function getRedeemed(ctx: Ctx): Reply {
  const number = str(ctx.params.uitpasNumber);
  const passholderId = str(ctx.params.passholderId);
  const organizers = strs(ctx.params.organizerId);
  if (!canAnywhere(ctx, 'REWARDS_READ')) return forbidden('REWARDS_READ');
  for (const o of organizers) if (!can(ctx, 'REWARDS_READ', o)) return forbidden('REWARDS_READ', o);
  let ownerId = passholderId;
  if (number) {
    if (!validateUitpasNumber(number).ok) return problem('uitpas/invalid-uitpas-number');
    ownerId = ctx.app.model.card(number)?.passholder_id ?? '';
  }
  if (!ownerId && !number) {
    return problem('body/invalid-data', {
      extra: {
        schemaErrors: [
          { jsonPointer: '/uitpasNumber', error: 'give uitpasNumber, or passholderId with organizerId' },
        ],
      },
    });
  }
  const type = str(ctx.params.rewardType);
  const title = str(ctx.params.rewardTitle)?.toLowerCase();
  const rows = ctx.app.db
    .prepare<[string], RedemptionRow>(
      'SELECT * FROM redemptions WHERE passholder_id = ? AND deleted_at IS NULL ORDER BY created_at DESC, rowid DESC',
    )
    .all(ownerId ?? '')
    .filter((r) => {
      const seed = rewardSeed(r.reward_id);
      if (!seed) return false;
      if (organizers.length > 0 && !seed.organizers.some((k) => organizers.includes(ORGANIZERS[k].id)))
        return false;
      if (type && type !== 'ANY' && seed.type !== type) return false;
      return !title || seed.title.toLowerCase().includes(title);
    });
  return json(
    200,
    page(
      rows.map((r) => ctx.app.model.redeemedJson(r, ctx.now)),
      ctx,
    ),
  );
}

export function deleteRedeemed(ctx: Ctx): Reply {
  const row = ctx.app.db
    .prepare<[string], RedemptionRow>('SELECT * FROM redemptions WHERE id = ? AND deleted_at IS NULL')
    .get(String(ctx.params.redeemedRewardId));
  const reward = row ? rewardSeed(row.reward_id) : undefined;
  if (!row || !reward) return problem('url/not-found', { detail: 'Unknown redeemed reward' });
  if (!mayRedeem(ctx, reward)) return forbidden('REWARDS_REDEEM');
  // Undo gives the points back and frees the unit and the passholder's count (DOMAIN.md "Decisions").
  ctx.app.db.transaction(() => {
    ctx.app.db
      .prepare('UPDATE redemptions SET deleted_at = ? WHERE id = ?')
      .run(ctx.now.toISOString(), row.id);
    ctx.app.db
      .prepare('UPDATE passholders SET points = points + ? WHERE id = ?')
      .run(row.points, row.passholder_id);
    ctx.app.db
      .prepare('UPDATE rewards SET units_taken = MAX(0, units_taken - 1) WHERE id = ?')
      .run(row.reward_id);
  })();
  return noContent();
}
