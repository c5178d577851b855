// Rules 2 and 5: a new pass needs a valid INSZ (when given) that is not used yet and, for an NFC card,
// a card in LOCAL_STOCK. Neither can be verified offline, so registration is online-only: offline the
// form stays a draft and is never lost (DOMAIN.md "Decisions").
import type { ApiCard } from './api-types.ts';
import { validateInsz, type InszExpectations } from '../identifiers.ts';
import { ALLOWED, checkAll, refuse, type RuleResult } from './result.ts';

export interface RegistrationCheck {
  online: boolean;
  cardType: 'DIGITAL' | 'NFC_CARD';
  /** For NFC_CARD: the card as returned by GET /cards (undefined when not found). */
  card?: Pick<ApiCard, 'status'>;
  inszNumber?: string;
  /** From GET /passholders/status/insz-numbers/{insz}. */
  inszState?: 'USED' | 'UNUSED';
  /** Cross-checked against the INSZ when given. */
  expected?: InszExpectations;
}

export function checkRegistration(input: RegistrationCheck): RuleResult {
  return checkAll(
    () =>
      input.online
        ? ALLOWED
        : refuse(
            'uitpas/invalid-card-status',
            'Een nieuwe UiTPAS registreren kan alleen met verbinding: de kaart en het rijksregisternummer moeten gecontroleerd worden. De ingevulde gegevens blijven bewaard.',
          ),
    () => {
      if (input.inszNumber === undefined || input.inszNumber === '') return ALLOWED;
      const r = validateInsz(input.inszNumber, input.expected ?? {});
      return r.ok ? ALLOWED : refuse('uitpas/invalid-insz-number', r.message);
    },
    () => (input.inszState === 'USED' ? refuse('uitpas/insz-already-used') : ALLOWED),
    () => {
      if (input.cardType !== 'NFC_CARD') return ALLOWED;
      if (input.card === undefined)
        return refuse('uitpas/invalid-card', 'Deze kaart is niet gekend bij UiTPAS.');
      if (input.card.status === 'LOCAL_STOCK') return ALLOWED;
      return refuse(
        'uitpas/invalid-card-status',
        input.card.status === 'ACTIVE'
          ? 'Deze kaart is al in gebruik door een andere pashouder. Neem een nieuwe kaart uit de voorraad.'
          : 'Deze kaart kan niet voor een nieuwe registratie gebruikt worden (niet in de voorraad van de balie).',
      );
    },
  );
}
