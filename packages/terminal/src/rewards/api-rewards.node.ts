// Rewards, the review list and every-tap mode on the real data path. Online the API decides (GET /rewards
// with redeem-status per reward); the answers are kept in the ledger's reference cache so that offline the
// counter can still redeem within DOMAIN.md rule 14, judged by the domain's `checkRedeemReward` on the
// cached reward, the last known balance and history, and what this device recorded since. Every
// redemption, undo and retry is recorded in the ledger first and sent by the sync engine.
import { randomUUID } from 'node:crypto';
import {
  checkRedeemReward,
  fallbackMessage,
  problemNameFromUri,
  userMessage,
  type CommandOutput,
  type ContractResult,
  type LocalAction,
  type PassholderView,
  type ProblemTypeName,
  type RedemptionRecord,
  type RewardRuleInput,
  type RewardView,
  type ReviewItem,
  type TerminalProblem,
  type UserText,
} from '@uitpas/domain';
import type { Ledger, RecordedAction, RedeemedReward, SyncEngine, UitpasClient } from '@uitpas/sync';
import { everyTap, type RewardContext, type RewardFactory } from './handlers.ts';

export interface ApiRewardsOptions {
  ledger: Ledger;
  client: UitpasClient;
  engine: SyncEngine;
  stationId: string;
  staffId: string;
  /** How long a redemption waits for the API's verdict before it is reported as queued. */
  confirmWithinMs?: number;
  now?: () => Date;
}

type CachedReward = RewardRuleInput & { id: string; title: string; type: string; points?: number };

/** What the counter last learned about one pass holder's rewards online. */
interface PassRewardFacts {
  /** Welcome rewards the API said this pass holder can redeem (rule 14: only those, offline). */
  welcomeRedeemable: string[];
  /** This pass holder's redemptions known to the API at that time. */
  redemptions: { rewardId: string; at: string }[];
}

const ok = <T>(value: T): ContractResult<T> => ({ ok: true, value });
const refuse = (kind: string, message: UserText): ContractResult<never> => ({
  ok: false,
  problem: { kind, message },
});

const REASON_TYPE: Record<string, ProblemTypeName> = {
  INVALID_CARD: 'uitpas/invalid-card',
  PASSHOLDER_VOLUME: 'uitpas/reward-passholder-volume-constraint',
  PASSHOLDER_POINTS: 'uitpas/reward-passholder-points-constraint',
  REWARD_PERIOD: 'uitpas/reward-period-constraint',
  REWARD_VOLUME: 'uitpas/reward-volume-constraint',
  PASSHOLDER_APPLICABLE_CARDSYSTEMS: 'uitpas/reward-passholder-no-applicable-cardsystems',
  PASSHOLDER_NO_ACTIVE_CARDSYSTEM: 'uitpas/passholder-no-active-cardsystems',
  PASSHOLDER_NO_ACTIVE_CARDSYSTEMS: 'uitpas/passholder-no-active-cardsystems',
};

/** A rule's type in all three languages, with the API's (Dutch) message first when there is one. */
function reasonText(type: ProblemTypeName | undefined, apiMessage: string | undefined): UserText {
  if (type === undefined) return { nl: apiMessage ?? 'Dit voordeel kan nu niet omgeruild worden.' };
  return {
    nl: apiMessage ?? fallbackMessage(type, 'nl'),
    fr: fallbackMessage(type, 'fr'),
    en: fallbackMessage(type, 'en'),
  };
}

const OFFLINE_UNKNOWN: UserText = {
  nl: 'UiTPAS is niet bereikbaar en de voordelen van deze organisatie zijn nog niet gekend op dit toestel.',
  fr: 'UiTPAS est injoignable et les avantages de cette organisation ne sont pas encore connus sur cet appareil.',
  en: "UiTPAS cannot be reached and this organizer's rewards are not known on this device yet.",
};

const NOT_LISTED: UserText = {
  nl: 'Open eerst de voordelen van deze pashouder.',
  fr: "Ouvrez d'abord les avantages de ce titulaire.",
  en: "Open this pass holder's rewards first.",
};

const NOT_UNDOABLE: UserText = {
  nl: 'Alleen een omruiling voor de pashouder aan de balie kan hier ongedaan gemaakt worden.',
  fr: 'Seul un échange du titulaire au comptoir peut être annulé ici.',
  en: 'Only a redemption for the pass holder at the desk can be undone here.',
};

function summarise(a: LocalAction): string {
  switch (a.type) {
    case 'checkin':
      return `Check-in ${a.uitpasNumber} — activiteit ${a.eventId}`;
    case 'kiosk-checkin':
      return `Zuil-check-in chip ${a.chipNumber}`;
    case 'ticket-sale':
      return `Kansentarief: ${a.sales.length} ticket(s) voor ${a.sales[0]?.uitpasNumber ?? ''}`;
    case 'reward-redemption':
      return `Voordeel ${a.rewardId} voor ${a.uitpasNumber} (${a.points} punten)`;
    case 'registration':
      return `Registratie ${a.passholder.firstName}`;
    case 'card-block':
      return `Kaart blokkeren ${a.uitpasNumber}`;
    case 'card-replace':
      return `Kaart vervangen ${a.oldUitpasNumber}`;
    case 'kansenstatuut-set':
      return `Kansenstatuut tot ${a.endDate} voor ${a.uitpasNumber}`;
    case 'membership-add':
      return `Lidmaatschap kaartsysteem ${a.cardSystemId} voor ${a.uitpasNumber}`;
    case 'undo':
      return `Ongedaan maken (${a.targetType})`;
  }
}

/** Actions a retry may record again: the API refused them, so nothing of them exists there. */
const RETRYABLE = new Set<LocalAction['type']>(['checkin', 'ticket-sale', 'reward-redemption', 'undo']);

export function createApiRewards(options: ApiRewardsOptions): RewardFactory {
  const { ledger, client, engine } = options;
  const now = options.now ?? (() => new Date());

  return (context: RewardContext) => {
    /** The last list shown, per identification: a redemption can only be for what was offered. */
    let listed: { identificationId: number; offline: boolean; verdicts: Map<string, RewardView> } | undefined;
    let undoable = new Set<string>();
    context.onEvent((event) => {
      if (event.type === 'identification-cleared') {
        listed = undefined;
        undoable = new Set();
      }
    });

    const envelope = (organizerId: string) => ({
      id: randomUUID(),
      stationId: options.stationId,
      staffId: options.staffId,
      organizerId,
      createdAt: now().toISOString(),
    });

    const settled = (actionId: string, withinMs: number): Promise<RecordedAction | undefined> =>
      new Promise((resolve) => {
        const since = Date.now();
        const done = () => {
          clearTimeout(timer);
          offAction();
          offStatus();
          resolve(ledger.getAction(actionId));
        };
        const offAction = engine.on('action', (action) => {
          if (action.id === actionId && action.state !== 'pending' && action.state !== 'sent') done();
        });
        const offStatus = engine.on('status', (status) => {
          if (status.lastError !== null && status.lastError.at >= since) done();
        });
        const timer = setTimeout(done, withinMs);
      });

    const sendAndWait = async (actionId: string) => {
      const waiting = settled(actionId, options.confirmWithinMs ?? 5_000);
      engine.wake();
      return waiting;
    };

    /** Redemptions this device recorded for a pass that still count (not refused, not undone). */
    const localRedemptions = (uitpasNumber: string, since = 0) => {
      const lane = ledger.history({ lane: `uitpas:${uitpasNumber}`, since, limit: 10_000 });
      const undone = new Set(
        ledger
          .history({ since, limit: 10_000 })
          .filter((a) => a.action.type === 'undo' && a.state !== 'rejected')
          .map((a) => (a.action as Extract<LocalAction, { type: 'undo' }>).targetActionId),
      );
      return lane.filter(
        (a): a is RecordedAction & { action: Extract<LocalAction, { type: 'reward-redemption' }> } =>
          a.action.type === 'reward-redemption' && a.state !== 'rejected' && !undone.has(a.id),
      );
    };

    /** Points the API reported, minus redemptions recorded here it had not counted yet. */
    const balanceOf = (pass: PassholderView) => {
      const snapshot = ledger.findPass({ uitpasNumber: pass.uitpasNumber });
      const server = snapshot?.serverPoints ?? pass.points;
      const since = snapshot?.fetchedAt ?? 0;
      const spent = localRedemptions(pass.uitpasNumber)
        .filter(
          (a) =>
            a.recordedAt >= since || a.state === 'pending' || a.state === 'sent' || a.state === 'uncertain',
        )
        .reduce((sum, a) => sum + a.action.points, 0);
      return { server, balance: server - spent, spent };
    };

    const refreshPass = async (pass: PassholderView): Promise<boolean> => {
      const r = await client.getPass(pass.uitpasNumber);
      if (!r.ok) return false;
      ledger.putPassSnapshot({
        uitpasNumber: r.value.uitpasNumber,
        passholderId: r.value.passholderId,
        points: r.value.points,
        data: r.value,
      });
      return true;
    };

    async function listOnline(
      organizerId: string,
      pass: PassholderView,
    ): Promise<ContractResult<RewardView[]> | 'offline'> {
      const rewards = await client.getRewards({ organizerId, start: 0, limit: 500 });
      if (!rewards.ok) {
        if (rewards.error.kind === 'problem' || rewards.error.kind === 'forbidden')
          return refuse('rewards-unavailable', { nl: rewards.error.message });
        return 'offline';
      }
      const at = Date.now();
      const all = rewards.value.member as unknown as CachedReward[];
      ledger.replaceReferences(
        'reward',
        organizerId,
        all.map((r) => [r.id, r]),
        at,
      );
      if (!(await refreshPass(pass))) return 'offline';
      const verdicts = await Promise.all(
        all.map(async (reward): Promise<RewardView | 'offline'> => {
          try {
            const { data, error } = await client.http.GET('/rewards/{rewardId}/redeem-status', {
              params: { path: { rewardId: reward.id }, query: { uitpasNumber: pass.uitpasNumber } },
            });
            if (data === undefined) {
              const type = problemNameFromUri((error as { type?: string } | undefined)?.type);
              if (error === undefined) return 'offline';
              return view(
                reward,
                false,
                type,
                (error as { endUserMessage?: { nl?: string } }).endUserMessage?.nl,
              );
            }
            const status = data as { redeemable: boolean; reason?: string; message?: string };
            if (status.redeemable) return view(reward, true);
            const type = status.reason === undefined ? undefined : REASON_TYPE[status.reason];
            return {
              ...view(reward, false, type, status.message),
              ...(status.reason ? { reason: status.reason } : {}),
            };
          } catch {
            return 'offline';
          }
        }),
      );
      if (verdicts.some((v) => v === 'offline')) return 'offline';
      const views = verdicts as RewardView[];
      const history = await client.getRedeemedRewards({
        passholderId: pass.passholderId,
        organizerId,
        start: 0,
        limit: 500,
      });
      const facts: PassRewardFacts = {
        welcomeRedeemable: views.filter((v) => v.type === 'WELCOME' && v.redeemable).map((v) => v.id),
        redemptions: history.ok
          ? history.value.member.map((r: RedeemedReward) => ({ rewardId: r.reward.id, at: r.redeemDate }))
          : [],
      };
      ledger.putReference('reward', `pass:${pass.uitpasNumber}`, organizerId, facts, at);
      return ok(views);
    }

    function view(
      reward: CachedReward,
      redeemable: boolean,
      type?: ProblemTypeName,
      apiMessage?: string,
    ): RewardView {
      return {
        id: reward.id,
        title: reward.title,
        type: reward.type === 'WELCOME' ? 'WELCOME' : 'POINTS',
        points: Math.max(0, Math.round(reward.points ?? 0)),
        redeemable,
        ...(redeemable
          ? {}
          : { ...(type === undefined ? {} : { reason: type }), message: reasonText(type, apiMessage) }),
      };
    }

    /** Rule 14 on this device's knowledge: the cached reward, balance and history plus what was recorded since. */
    function judgeOffline(
      organizerId: string,
      pass: PassholderView,
      reward: CachedReward,
      rewardFetchedAt: number,
    ): RewardView {
      const facts = ledger.getReference<PassRewardFacts>('reward', `pass:${pass.uitpasNumber}`, organizerId);
      const snapshot = ledger.findPass({ uitpasNumber: pass.uitpasNumber });
      const cardSystemId = (snapshot?.data as { cardSystem?: { id?: unknown } } | undefined)?.cardSystem?.id;
      const { server, spent } = balanceOf(pass);
      const local = localRedemptions(pass.uitpasNumber);
      const knownAt = facts?.fetchedAt ?? 0;
      const redemptions: RedemptionRecord[] = [
        ...(facts?.value.redemptions ?? []),
        ...local
          .filter((a) => a.recordedAt > knownAt)
          .map((a) => ({ rewardId: a.action.rewardId, at: a.createdAt })),
      ];
      const queuedUnits = ledger
        .history({ organizerId, since: rewardFetchedAt, limit: 10_000 })
        .filter(
          (a) =>
            a.action.type === 'reward-redemption' &&
            a.action.rewardId === reward.id &&
            a.state !== 'rejected',
        ).length;
      const result = checkRedeemReward({
        reward,
        organizerId,
        now: now(),
        points: server,
        queuedPoints: spent,
        passholderRedemptions: redemptions,
        queuedUnits,
        cardSystemIds: typeof cardSystemId === 'number' ? [cardSystemId] : [],
        redeemableWelcomeRewardIds: (facts?.value.welcomeRedeemable ?? []).filter(
          (id) => !redemptions.some((r) => r.rewardId === id),
        ),
        passType: 'INDIVIDUAL',
      });
      return result.allowed ? view(reward, true) : view(reward, false, result.refusal, result.message);
    }

    const handlers = {
      ...everyTap(context, {
        load: () => ledger.getState('every-tap:event') || undefined,
        save: (eventId) => ledger.setState('every-tap:event', eventId ?? ''),
      }),

      'rewards.list': async (input: { identificationId: number }) => {
        const pass = context.passholderFor(input.identificationId);
        if (!pass.ok) return pass;
        const organizer = await context.organizer();
        if (!organizer.ok) return organizer;
        const online = await listOnline(organizer.value.id, pass.value);
        if (online !== 'offline' && !online.ok) return online;
        let rewards: RewardView[];
        let cachedAt: string | undefined;
        if (online === 'offline') {
          const cached = ledger.listReferences<CachedReward>('reward', organizer.value.id);
          if (cached.length === 0) return refuse('offline', OFFLINE_UNKNOWN);
          cachedAt = new Date(Math.min(...cached.map((c) => c.fetchedAt))).toISOString();
          rewards = cached.map((c) => judgeOffline(organizer.value.id, pass.value, c.value, c.fetchedAt));
        } else rewards = online.value;
        if (!context.isCurrent(input.identificationId))
          return context.passholderFor(input.identificationId) as ContractResult<never>;
        listed = {
          identificationId: input.identificationId,
          offline: online === 'offline',
          verdicts: new Map(rewards.map((r) => [r.id, r])),
        };
        // Redeemable first, then by cost: what staff can do right now is at the top.
        rewards.sort((a, b) => Number(b.redeemable) - Number(a.redeemable) || a.points - b.points);
        return ok({
          balance: balanceOf(pass.value).balance,
          rewards,
          offline: online === 'offline',
          ...(cachedAt === undefined ? {} : { cachedAt }),
        });
      },

      'rewards.redeem': async (input: { identificationId: number; rewardId: string }) => {
        const pass = context.passholderFor(input.identificationId);
        if (!pass.ok) return pass;
        const organizer = await context.organizer();
        if (!organizer.ok) return organizer;
        const verdict =
          listed?.identificationId === input.identificationId
            ? listed.verdicts.get(input.rewardId)
            : undefined;
        const cached = ledger.getReference<CachedReward>('reward', organizer.value.id, input.rewardId);
        if (verdict === undefined || cached === undefined) return refuse('not-listed', NOT_LISTED);
        // Offline the rules are checked again right now: another redemption may have been recorded since.
        const judged = listed?.offline
          ? judgeOffline(organizer.value.id, pass.value, cached.value, cached.fetchedAt)
          : verdict;
        if (!judged.redeemable)
          return refuse(
            judged.reason ?? 'not-redeemable',
            judged.message ?? reasonText(undefined, undefined),
          );
        const reward = cached.value;
        const points = Math.max(0, Math.round(reward.points ?? 0));
        const { id, ...base } = envelope(organizer.value.id);
        const recorded = ledger.record({
          type: 'reward-redemption',
          id,
          ...base,
          rewardId: reward.id,
          uitpasNumber: pass.value.uitpasNumber,
          passholderId: pass.value.passholderId,
          rewardType: reward.type === 'WELCOME' ? 'WELCOME' : 'POINTS',
          points,
        });
        if (!recorded.ok) return refuse('not-recorded', { nl: recorded.error.message });
        if (context.isCurrent(input.identificationId)) undoable.add(id);
        const action = await sendAndWait(id);
        if (action?.state === 'rejected') {
          undoable.delete(id);
          return { ok: false, problem: rejection(action) } as const;
        }
        const confirmed = action?.state === 'confirmed' || action?.state === 'reconciled';
        if (confirmed) await refreshPass(pass.value);
        const body = (action?.result ?? null) as {
          redeemCode?: string;
          redeemInfo?: { text?: string; link?: string; label?: string };
        } | null;
        const value: CommandOutput<'rewards.redeem'> = {
          actionId: id,
          rewardId: reward.id,
          title: reward.title,
          state: confirmed ? 'confirmed' : 'queued',
          pointsSpent: points,
          balance: balanceOf(pass.value).balance,
          ...(body?.redeemCode ? { redeemCode: body.redeemCode } : {}),
          ...(body?.redeemInfo ? { redeemInfo: body.redeemInfo } : {}),
          message: confirmed
            ? { nl: 'Voordeel omgeruild.', fr: 'Avantage échangé.', en: 'Reward redeemed.' }
            : {
                nl: 'Omgeruild op dit toestel (zonder verbinding); wordt verstuurd zodra UiTPAS bereikbaar is.',
                fr: 'Échangé sur cet appareil (hors ligne) ; envoyé dès que UiTPAS est joignable.',
                en: 'Redeemed on this device (offline); sent as soon as UiTPAS can be reached.',
              },
        };
        return ok(value);
      },

      'rewards.undo': async (input: { identificationId: number; actionId: string }) => {
        const pass = context.passholderFor(input.identificationId);
        if (!pass.ok) return pass;
        if (!undoable.has(input.actionId)) return refuse('not-undoable', NOT_UNDOABLE);
        const target = ledger.getAction(input.actionId);
        if (target === undefined) return refuse('not-undoable', NOT_UNDOABLE);
        const { id, ...base } = envelope(target.organizerId);
        const recorded = ledger.record({
          type: 'undo',
          id,
          ...base,
          targetActionId: input.actionId,
          targetType: 'reward-redemption',
        });
        if (!recorded.ok) return refuse('not-recorded', { nl: recorded.error.message });
        undoable.delete(input.actionId);
        const action = await sendAndWait(id);
        if (action?.state === 'rejected') return { ok: false, problem: rejection(action) } as const;
        const confirmed = action?.state === 'confirmed' || action?.state === 'reconciled';
        if (confirmed) await refreshPass(pass.value);
        return ok({
          actionId: id,
          state: confirmed ? ('confirmed' as const) : ('queued' as const),
          message: confirmed
            ? {
                nl: 'Omruiling ongedaan gemaakt; de punten staan terug.',
                fr: 'Échange annulé ; les points sont rendus.',
                en: 'Redemption undone; the points are back.',
              }
            : {
                nl: 'Ongedaan gemaakt op dit toestel; wordt verstuurd zodra UiTPAS bereikbaar is.',
                fr: 'Annulé sur cet appareil ; envoyé dès que UiTPAS est joignable.',
                en: 'Undone on this device; sent as soon as UiTPAS can be reached.',
              },
        });
      },

      'review.list': async () => ok({ items: ledger.reviewList().map(reviewItem) }),

      'review.retry': async (input: { actionId: string }) => {
        const a = ledger.getAction(input.actionId);
        if (a === undefined || (a.state !== 'rejected' && a.state !== 'uncertain') || a.reviewedAt !== null)
          return refuse('not-in-review', {
            nl: 'Deze handeling staat niet (meer) op de nakijklijst.',
            fr: "Cette opération n'est plus dans la liste à vérifier.",
            en: 'This action is not on the review list (any more).',
          });
        if (a.state === 'uncertain') {
          // Never sent blindly: the engine first looks for it at UiTPAS and only resends what is not there.
          ledger.retryNow(a.id);
          engine.wake();
          return ok({
            actionId: a.id,
            outcome: 'reconciling' as const,
            message: {
              nl: 'UiTPAS wordt nu nagekeken; pas als de handeling daar niet staat, wordt ze opnieuw verstuurd.',
              fr: "UiTPAS est vérifié maintenant ; l'opération n'est renvoyée que si elle n'y figure pas.",
              en: 'UiTPAS is being checked now; the action is only sent again if it is not there.',
            },
          });
        }
        if (!RETRYABLE.has(a.type))
          return refuse('not-retryable', {
            nl: 'Deze handeling kan niet opnieuw verstuurd worden; regel ze via UiTPAS-beheer en zet ze weg met een notitie.',
            fr: 'Cette opération ne peut pas être renvoyée ; réglez-la dans la gestion UiTPAS et classez-la avec une note.',
            en: 'This action cannot be sent again; settle it in UiTPAS management and dismiss it with a note.',
          });
        // A refused action left nothing at UiTPAS: the retry is a new action, the old one is marked reviewed.
        const { id, ...base } = envelope(a.organizerId);
        const copy = {
          ...a.action,
          id,
          createdAt: base.createdAt,
          stationId: base.stationId,
          staffId: base.staffId,
        };
        const recorded = ledger.record(copy);
        if (!recorded.ok) return refuse('not-recorded', { nl: recorded.error.message });
        ledger.markReviewed(a.id, options.staffId, options.stationId, `opnieuw verstuurd als ${id}`);
        const action = await sendAndWait(id);
        return ok({
          actionId: id,
          outcome: 'resent' as const,
          message:
            action?.state === 'rejected'
              ? {
                  nl: `UiTPAS weigerde opnieuw: ${action.endUserMessage ?? action.lastProblem?.message ?? ''}`,
                }
              : action?.state === 'confirmed' || action?.state === 'reconciled'
                ? {
                    nl: 'Opnieuw verstuurd en aanvaard.',
                    fr: 'Renvoyé et accepté.',
                    en: 'Sent again and accepted.',
                  }
                : {
                    nl: 'Opnieuw in de wachtrij; wordt verstuurd zodra UiTPAS bereikbaar is.',
                    fr: 'De nouveau dans la file ; envoyé dès que UiTPAS est joignable.',
                    en: 'Queued again; sent as soon as UiTPAS can be reached.',
                  },
        });
      },

      'review.dismiss': async (input: { actionId: string; note: string }) => {
        const note = input.note.trim();
        if (note === '')
          return refuse('note-required', {
            nl: 'Schrijf kort waarom deze handeling weggezet wordt.',
            fr: 'Indiquez brièvement pourquoi cette opération est classée.',
            en: 'Write briefly why this action is dismissed.',
          });
        const a = ledger.getAction(input.actionId);
        if (a?.state === 'uncertain')
          return refuse('uncertain', {
            nl: 'Een handeling met onbekende uitkomst kan niet weggezet worden: ze staat misschien al bij UiTPAS. Laat ze eerst nakijken.',
            fr: "Une opération au résultat inconnu ne peut pas être classée : elle figure peut-être déjà chez UiTPAS. Faites-la vérifier d'abord.",
            en: 'An action with an unknown outcome cannot be dismissed: it may already be at UiTPAS. Have it checked first.',
          });
        if (!ledger.markReviewed(input.actionId, options.staffId, options.stationId, note))
          return refuse('not-in-review', {
            nl: 'Deze handeling staat niet (meer) op de nakijklijst.',
            fr: "Cette opération n'est plus dans la liste à vérifier.",
            en: 'This action is not on the review list (any more).',
          });
        // The engine's status carries the review count to every status bar.
        engine.wake();
        const reviewed = ledger.getAction(input.actionId);
        return ok({
          actionId: input.actionId,
          reviewedAt: new Date(reviewed?.reviewedAt ?? Date.now()).toISOString(),
          reviewedBy: reviewed?.reviewedBy ?? options.staffId,
        });
      },
    };
    return handlers;
  };
}

function rejection(action: RecordedAction): TerminalProblem {
  const p = action.lastProblem;
  const name = problemNameFromUri(p?.type);
  return {
    kind: name ?? p?.kind ?? 'rejected',
    ...(p?.type === undefined ? {} : { type: p.type }),
    message:
      p?.problem === undefined
        ? { nl: action.endUserMessage ?? p?.message ?? 'UiTPAS weigerde deze omruiling.' }
        : {
            nl: userMessage(p.problem, 'nl'),
            fr: userMessage(p.problem, 'fr'),
            en: userMessage(p.problem, 'en'),
          },
  };
}

function reviewItem(a: RecordedAction): ReviewItem {
  const type = a.lastProblem?.type;
  return {
    actionId: a.id,
    type: a.type,
    state: a.state === 'uncertain' ? 'uncertain' : 'rejected',
    summary: summarise(a.action),
    message: a.endUserMessage ?? a.lastProblem?.message ?? '',
    ...(type === undefined ? {} : { problemType: type }),
    createdAt: a.createdAt,
    attempts: a.attempts,
  };
}
