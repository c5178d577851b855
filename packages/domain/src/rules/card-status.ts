// Rule 4: only an ACTIVE card in an ACTIVE card-system membership may check in, buy at a UiTPAS tariff or
// redeem. Rule 13: a group pass may buy tickets, but never check in or redeem rewards.
import type { ApiCardStatus, ApiCardSystemMembership } from './api-types.ts';
import { ALLOWED, refuse, type RuleResult } from './result.ts';

const STATUS_MESSAGES: Record<Exclude<ApiCardStatus, 'ACTIVE'>, string> = {
  BLOCKED: 'Deze UiTPAS is geblokkeerd en kan niet gebruikt worden.',
  DELETED: 'Deze UiTPAS is verwijderd en kan niet gebruikt worden.',
  PROVISIONED: 'Deze UiTPAS is nog niet geactiveerd: ze is nog aan geen pashouder gekoppeld.',
  LOCAL_STOCK: 'Deze UiTPAS is nog niet geactiveerd: ze zit nog in de voorraad van de balie.',
};

/** Rule 4 for a card status as in `Card.status`, `Grouppass.cardStatus` or a membership's current card. */
export function checkCardStatus(status: ApiCardStatus | string | undefined): RuleResult {
  if (status === 'ACTIVE') return ALLOWED;
  const message =
    typeof status === 'string' && Object.hasOwn(STATUS_MESSAGES, status)
      ? STATUS_MESSAGES[status as keyof typeof STATUS_MESSAGES]
      : 'De status van deze UiTPAS is onbekend; ze kan nu niet gebruikt worden.';
  return refuse('uitpas/invalid-card-status', message);
}

export function isActiveMembership(m: ApiCardSystemMembership): boolean {
  // `status` is read-only and always sent by the API; a membership without one is not known to be blocked.
  return (m.status ?? 'ACTIVE') === 'ACTIVE';
}

export function activeMemberships(
  memberships: readonly ApiCardSystemMembership[] | undefined,
): ApiCardSystemMembership[] {
  return (memberships ?? []).filter(isActiveMembership);
}

/** Card-system ids of the passholder's active memberships (for rewards, tariffs, permissions). */
export function activeCardSystemIds(memberships: readonly ApiCardSystemMembership[] | undefined): number[] {
  return activeMemberships(memberships).map((m) => m.cardSystem.id);
}

/** The membership a UiTPAS number belongs to (as its current card or its membership number). */
export function membershipOfCard(
  memberships: readonly ApiCardSystemMembership[] | undefined,
  uitpasNumber: string,
): ApiCardSystemMembership | undefined {
  const list = memberships ?? [];
  return (
    list.find((m) => m.currentCard?.uitpasNumber === uitpasNumber) ??
    list.find((m) => m.uitpasNumber === uitpasNumber)
  );
}

/**
 * Rule 4 for a passholder: the card used (when known) must be the ACTIVE current card of an ACTIVE
 * membership; without a card number, some active membership must have an active card.
 */
export function checkMembershipCard(
  memberships: readonly ApiCardSystemMembership[] | undefined,
  uitpasNumber?: string,
): RuleResult {
  const active = activeMemberships(memberships);
  if (uitpasNumber !== undefined) {
    const m = membershipOfCard(memberships, uitpasNumber);
    if (m !== undefined) {
      if (m.currentCard !== undefined && m.currentCard.uitpasNumber !== uitpasNumber) {
        return refuse(
          'uitpas/invalid-card-status',
          'Dit is een oude kaart die vervangen is. Gebruik de nieuwe UiTPAS van deze pashouder.',
        );
      }
      if (m.currentCard !== undefined) {
        const card = checkCardStatus(m.currentCard.status);
        if (!card.allowed) return card;
      }
      if (!isActiveMembership(m)) {
        return active.length === 0
          ? refuse('uitpas/passholder-no-active-cardsystems')
          : refuse('uitpas/invalid-card-status', 'Het UiTPAS-lidmaatschap van deze kaart is geblokkeerd.');
      }
      return ALLOWED;
    }
  }
  if (active.length === 0) return refuse('uitpas/passholder-no-active-cardsystems');
  if (active.every((m) => m.currentCard !== undefined && m.currentCard.status !== 'ACTIVE')) {
    return checkCardStatus(active[0]?.currentCard?.status);
  }
  return ALLOWED;
}

export type PassType = 'INDIVIDUAL' | 'GROUP';
export type PassAction = 'checkin' | 'reward-redemption' | 'ticket-sale';

/** Rule 13: group passes buy tickets (social tariff or coupons) only. */
export function checkGroupPass(passType: PassType | undefined, action: PassAction): RuleResult {
  if (passType !== 'GROUP') return ALLOWED;
  if (action === 'checkin') {
    return refuse('uitpas/invalid-card', 'Met een groepspas kan je niet inchecken of punten sparen.');
  }
  if (action === 'reward-redemption') {
    return refuse('uitpas/invalid-card', 'Met een groepspas kan je geen voordelen omruilen.');
  }
  return ALLOWED;
}
