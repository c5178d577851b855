// Rule 6: kansentarief only while the membership's social tariff is ACTIVE (the grace period keeps it
// ACTIVE; never judge by endDate). SUSPENDED blocks the tariff but not points or rewards.
// Rule 8: kansentarief only at events whose enabled card systems include the passholder's region.
import { DateTime } from 'luxon';
import type { ApiCardSystemMembership, ApiEventCardSystem } from './api-types.ts';
import { BRUSSELS, toInstant } from '../periods.ts';
import { ALLOWED, refuse, type RuleResult } from './result.ts';
import { activeMemberships } from './card-status.ts';

export type SocialTariffStatus = 'ACTIVE' | 'EXPIRED' | 'SUSPENDED' | 'NONE';

/** What the API tells about a social tariff, from a membership, a Pass or a group pass. */
export interface SocialTariffInfo {
  status: SocialTariffStatus | string;
  endDate?: string;
  inGracePeriod?: boolean;
  suspendedUntilDate?: string;
}

function showDate(value: string | undefined): string | undefined {
  const at = toInstant(value);
  return at === undefined ? undefined : DateTime.fromJSDate(at, { zone: BRUSSELS }).toFormat('dd/MM/yyyy');
}

export function isSocialTariffActive(info: SocialTariffInfo | undefined): boolean {
  return info?.status === 'ACTIVE';
}

/** Rule 6 for a sale at SOCIALTARIFF. */
export function checkSocialTariff(info: SocialTariffInfo | undefined): RuleResult {
  switch (info?.status) {
    case 'ACTIVE':
      return ALLOWED;
    case 'EXPIRED':
      return refuse('uitpas/social-tariff-expired');
    case 'SUSPENDED': {
      const until = showDate(info.suspendedUntilDate);
      return refuse(
        'uitpas/social-tariff-suspended',
        until === undefined
          ? undefined
          : `Het kansentarief van deze pashouder is geschorst tot ${until}. Punten sparen en voordelen omruilen kan wel.`,
      );
    }
    default:
      return refuse('uitpas/social-tariff-not-available', 'Deze pashouder heeft geen kansentarief.');
  }
}

export type SocialTariffAction = 'checkin' | 'reward-redemption' | 'social-tariff-sale' | 'coupon-sale';

/** Rule 6 per action: only a sale at kansentarief depends on the social tariff status. */
export function checkSocialTariffFor(
  action: SocialTariffAction,
  info: SocialTariffInfo | undefined,
): RuleResult {
  return action === 'social-tariff-sale' ? checkSocialTariff(info) : ALLOWED;
}

const RANK: Record<string, number> = { ACTIVE: 3, SUSPENDED: 2, EXPIRED: 1 };
const rank = (status: string): number => (Object.hasOwn(RANK, status) ? (RANK[status] ?? 0) : 0);

/**
 * The social tariff that applies: of the membership in `cardSystemId` when given, else the most
 * favourable one among the active memberships. Undefined when the passholder has none.
 */
export function socialTariffOf(
  memberships: readonly ApiCardSystemMembership[] | undefined,
  cardSystemId?: number,
): SocialTariffInfo | undefined {
  const candidates = activeMemberships(memberships).filter(
    (m) => cardSystemId === undefined || m.cardSystem.id === cardSystemId,
  );
  let best: SocialTariffInfo | undefined;
  for (const m of candidates) {
    const st = m.socialTariff;
    if (st !== undefined && (best === undefined || rank(st.status) > rank(best.status))) best = st;
  }
  return best;
}

/** A line for staff about a social tariff that is allowed but worth mentioning (grace period, suspension). */
export function socialTariffNotice(info: SocialTariffInfo | undefined): string | undefined {
  if (info === undefined) return undefined;
  if (info.status === 'ACTIVE' && info.inGracePeriod === true) {
    return 'Het kansentarief is verlopen maar loopt nog tijdens de respijtperiode. Vraag de pashouder het te laten verlengen.';
  }
  if (info.status === 'SUSPENDED') {
    const r = checkSocialTariff(info);
    return r.allowed ? undefined : r.message;
  }
  return undefined;
}

/** Rule 8: the event's enabled card systems must include one of the passholder's (active) card systems. */
export function checkSocialTariffRegion(
  eventCardSystems: readonly ApiEventCardSystem[],
  passholderCardSystemIds: readonly number[],
): RuleResult {
  const enabled = new Set(eventCardSystems.filter((c) => c.enabled).map((c) => c.id));
  if (passholderCardSystemIds.some((id) => enabled.has(id))) return ALLOWED;
  return refuse(
    'uitpas/invalid-card-system',
    'Kansentarief geldt voor deze activiteit niet in de UiTPAS-regio van deze pashouder.',
  );
}
