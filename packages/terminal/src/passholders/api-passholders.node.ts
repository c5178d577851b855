// Pass holder search (GET /passholders) and the pass view's memberships (GET /passholders/{id}) and
// history. GET /passholders/{id}/transactions needs a pass holder's own token (PASSHOLDERS_SELF_CHECKIN),
// so a counter's history is GET /checkins, /ticket-sales and /rewards/redeemed for its organizer
// (DOMAIN.md §10).
import {
  centsFromApiNumber,
  checkPassholderSearch,
  maskInsz,
  PASSHOLDER_SEARCH_LIMIT,
  userMessage,
  type MembershipView,
  type PassHistoryItem,
  type PassholderDetails,
  type PassholderSearchResult,
  type TerminalProblem,
  type UserText,
} from '@uitpas/domain';
import type { ApiError, CardSystemMembership, PassholderRecord, UitpasClient } from '@uitpas/sync';
import type { PassholderFactory } from './handlers.ts';

export interface ApiPassholderOptions {
  client: UitpasClient;
  /** How many history lines of each kind are fetched. */
  historyLimit?: number;
}

const OFFLINE_KINDS = new Set<ApiError['kind']>([
  'unreachable',
  'lost',
  'timeout',
  'server',
  'rate-limited',
  'bad-response',
]);

const TEXT = {
  searchOffline: {
    nl: 'UiTPAS is niet bereikbaar: zoeken op naam kan nu niet. Scan de kaart of typ het UiTPAS-nummer.',
    fr: 'UiTPAS est injoignable : la recherche par nom est impossible. Scannez la carte ou tapez le numéro UiTPAS.',
    en: 'UiTPAS cannot be reached: searching by name is not possible now. Scan the card or type the UiTPAS number.',
  },
  searchForbidden: {
    nl: 'Deze balie mag geen pashouders zoeken op naam (recht PASSHOLDERS_SEARCH ontbreekt).',
    fr: 'Ce comptoir ne peut pas rechercher de détenteurs par nom (droit PASSHOLDERS_SEARCH manquant).',
    en: 'This counter may not search pass holders by name (permission PASSHOLDERS_SEARCH missing).',
  },
  none: {
    nl: 'Geen pashouder gevonden. Controleer de spelling of zoek zonder voornaam.',
    fr: 'Aucun détenteur trouvé. Vérifiez l’orthographe ou cherchez sans prénom.',
    en: 'No pass holder found. Check the spelling or search without the first name.',
  },
  notInResults: {
    nl: 'Deze pashouder staat niet in de laatste zoekresultaten. Zoek opnieuw.',
    fr: 'Ce détenteur ne figure pas dans les derniers résultats. Cherchez à nouveau.',
    en: 'This pass holder is not in the last search results. Search again.',
  },
  noActiveCard: {
    nl: 'Deze pashouder heeft geen actieve kaart. Vervang de kaart of verkoop een nieuwe pas.',
    fr: "Ce détenteur n'a pas de carte active. Remplacez la carte ou vendez un nouveau pass.",
    en: 'This pass holder has no active card. Replace the card or sell a new pass.',
  },
  stale: {
    nl: 'Er is intussen een andere pas gescand. Controleer wie er aan de balie staat.',
    fr: 'Une autre carte a été scannée entre-temps. Vérifiez qui se trouve au comptoir.',
    en: 'Another pass was scanned in the meantime. Check who is at the counter.',
  },
  detailsOffline: {
    nl: 'UiTPAS is niet bereikbaar: lidmaatschappen en geschiedenis kunnen nu niet geladen worden.',
    fr: "UiTPAS est injoignable : les affiliations et l'historique ne peuvent pas être chargés.",
    en: 'UiTPAS cannot be reached: memberships and history cannot be loaded now.',
  },
  historyUnavailable: {
    nl: 'De geschiedenis kon niet (volledig) geladen worden.',
    fr: "L'historique n'a pas pu être chargé (entièrement).",
    en: 'The history could not be (fully) loaded.',
  },
} satisfies Record<string, UserText>;

function apiProblem(error: ApiError, fallback: UserText): TerminalProblem {
  const problem = 'problem' in error ? error.problem : undefined;
  if (problem === undefined) return { kind: error.kind, message: fallback };
  return {
    kind: error.kind,
    ...(problem.type === undefined ? {} : { type: problem.type }),
    message: {
      nl: userMessage(problem, 'nl'),
      fr: userMessage(problem, 'fr'),
      en: userMessage(problem, 'en'),
    },
  };
}

function membershipView(m: CardSystemMembership): MembershipView {
  const st = m.socialTariff;
  return {
    cardSystem: m.cardSystem.name,
    ...(m.uitpasNumber === undefined && m.currentCard === undefined
      ? {}
      : { uitpasNumber: m.uitpasNumber ?? m.currentCard?.uitpasNumber }),
    status: m.status ?? 'ACTIVE',
    ...(m.currentCard === undefined ? {} : { cardStatus: m.currentCard.status }),
    ...(m.currentCard?.cardType === undefined ? {} : { cardType: m.currentCard.cardType }),
    socialTariff:
      st === undefined
        ? { status: 'NONE' }
        : {
            status: st.status,
            ...(st.endDate === undefined ? {} : { endDate: st.endDate }),
            ...(st.inGracePeriod === undefined ? {} : { inGracePeriod: st.inGracePeriod }),
            ...(st.suspendedUntilDate === undefined ? {} : { suspendedUntilDate: st.suspendedUntilDate }),
          },
  };
}

function searchResult(p: PassholderRecord): PassholderSearchResult {
  const city = p.city ?? p.address?.city;
  return {
    passholderId: p.id,
    firstName: p.firstName ?? '',
    name: p.name ?? '',
    ...(p.dateOfBirth === undefined ? {} : { dateOfBirth: p.dateOfBirth }),
    ...(city === undefined ? {} : { city }),
    ...(p.inszNumber === undefined ? {} : { inszMasked: maskInsz(p.inszNumber) }),
    identifiable: p.uitpasNumber !== undefined,
  };
}

export function createApiPassholders(options: ApiPassholderOptions): PassholderFactory {
  const { client } = options;
  const historyLimit = options.historyLimit ?? 20;

  return (ctx) => {
    /** The last search's results: only these can be picked, by id, without the renderer sending a number. */
    let lastResults = new Map<string, string | undefined>();
    /** The last details received per pass holder, shown (with their age) when UiTPAS cannot be reached. */
    const lastDetails = new Map<string, Omit<PassholderDetails, 'identificationId' | 'stale'>>();

    const history = async (
      passholderId: string,
      organizerId: string,
    ): Promise<{ items: PassHistoryItem[]; complete: boolean }> => {
      const q = { passholderId, organizerId, limit: historyLimit };
      const [checkins, sales, redeemed] = await Promise.all([
        client.getCheckins(q),
        client.getTicketSales(q),
        client.getRedeemedRewards(q),
      ]);
      const items: PassHistoryItem[] = [];
      if (checkins.ok)
        for (const c of checkins.value.member) {
          const title = (c as { eventTitle?: unknown }).eventTitle;
          items.push({
            kind: 'checkin',
            at: c.creationDate,
            title: typeof title === 'string' && title !== '' ? title : c.eventId,
            ...(c.points === undefined ? {} : { points: c.points }),
          });
        }
      if (sales.ok)
        for (const s of sales.value.member) {
          const title = (s as { eventTitle?: unknown }).eventTitle;
          const price = s.tariff.price === undefined ? undefined : centsFromApiNumber(s.tariff.price);
          items.push({
            kind: 'ticket-sale',
            at: s.creationDate,
            title: `${typeof title === 'string' && title !== '' ? title : s.eventId}${s.tariff.name ? ` (${s.tariff.name})` : ''}`,
            ...(price?.ok ? { priceCents: price.cents } : {}),
          });
        }
      if (redeemed.ok)
        for (const r of redeemed.value.member) {
          items.push({
            kind: 'redemption',
            at: r.redeemDate,
            title: r.reward.title ?? r.reward.id,
            ...(r.reward.points === undefined ? {} : { points: -r.reward.points }),
          });
        }
      items.sort((a, b) => Date.parse(b.at) - Date.parse(a.at));
      return { items: items.slice(0, historyLimit), complete: checkins.ok && sales.ok && redeemed.ok };
    };

    return {
      'passholders.search': async (input) => {
        // A new search withdraws the previous results: only what is on screen now can be picked.
        lastResults = new Map();
        const checked = checkPassholderSearch(input);
        if (!checked.ok)
          return {
            ok: true,
            value: { outcome: 'invalid', field: checked.field, message: { nl: checked.message } },
          };
        const organizer = await ctx.organizer();
        if (!organizer.ok) return organizer;
        const { name, firstName, dateOfBirth } = checked.query;
        // totalItems says how many matched: more than one page means the search must be narrowed.
        const found = await client.searchPassholders({
          name: name as string,
          ...(firstName === undefined ? {} : { firstName }),
          ...(dateOfBirth === undefined ? {} : { dateOfBirthFrom: dateOfBirth, dateOfBirthTo: dateOfBirth }),
          organizerId: organizer.value.id,
          limit: PASSHOLDER_SEARCH_LIMIT,
        });
        if (!found.ok) {
          const error = found.error;
          const message = OFFLINE_KINDS.has(error.kind)
            ? TEXT.searchOffline
            : error.kind === 'forbidden'
              ? TEXT.searchForbidden
              : undefined;
          return {
            ok: false,
            problem: message ? { kind: error.kind, message } : apiProblem(error, TEXT.searchOffline),
          };
        }
        const { totalItems, member } = found.value;
        if (totalItems === 0 || member.length === 0)
          return { ok: true, value: { outcome: 'none', message: TEXT.none } };
        if (totalItems > PASSHOLDER_SEARCH_LIMIT) {
          return {
            ok: true,
            value: {
              outcome: 'too-many',
              total: totalItems,
              message: {
                nl: `${totalItems} pashouders gevonden: te veel om te tonen. Voeg de voornaam of de geboortedatum toe.`,
                fr: `${totalItems} détenteurs trouvés : trop pour les afficher. Ajoutez le prénom ou la date de naissance.`,
                en: `${totalItems} pass holders found: too many to show. Add the first name or the date of birth.`,
              },
            },
          };
        }
        lastResults = new Map(member.map((p) => [p.id, p.uitpasNumber]));
        return { ok: true, value: { outcome: 'found', results: member.map(searchResult) } };
      },

      'passholders.pick': async (input) => {
        if (!lastResults.has(input.passholderId))
          return { ok: false, problem: { kind: 'not-in-results', message: TEXT.notInResults } };
        const uitpasNumber = lastResults.get(input.passholderId);
        if (uitpasNumber === undefined)
          return { ok: false, problem: { kind: 'no-active-card', message: TEXT.noActiveCard } };
        const identification = await ctx.identify('search', uitpasNumber);
        return { ok: true, value: { identificationId: identification.identificationId } };
      },

      'passholder.details': async (input) => {
        const who = ctx.current();
        if (who === undefined || who.identificationId !== input.identificationId || who.kind !== 'passholder')
          return { ok: false, problem: { kind: 'stale-identification', message: TEXT.stale } };
        const passholderId = who.pass.passholderId;
        const organizer = await ctx.organizer();
        if (!organizer.ok) return organizer;
        const [record, past] = await Promise.all([
          client.getPassholder(passholderId),
          history(passholderId, organizer.value.id),
        ]);
        if (!record.ok) {
          const cached = lastDetails.get(passholderId);
          if (OFFLINE_KINDS.has(record.error.kind)) {
            if (cached)
              return {
                ok: true,
                value: { ...cached, identificationId: input.identificationId, stale: true },
              };
            return { ok: false, problem: { kind: 'offline', message: TEXT.detailsOffline } };
          }
          return { ok: false, problem: apiProblem(record.error, TEXT.detailsOffline) };
        }
        const details = {
          passholderId,
          ...(record.value.name === undefined ? {} : { name: record.value.name }),
          memberships: (record.value.cardSystemMemberships ?? []).map(membershipView),
          history: past.items,
          ...(past.complete ? {} : { historyProblem: TEXT.historyUnavailable }),
          fetchedAt: new Date().toISOString(),
        };
        lastDetails.set(passholderId, details);
        return { ok: true, value: { ...details, identificationId: input.identificationId, stale: false } };
      },
    };
  };
}
