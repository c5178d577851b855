// The real data path: pass lookups through @uitpas/sync (API first, pass cache when offline), every write
// recorded in the ledger first and sent by the sync engine, activities from the UiTdatabank search.
import { randomUUID } from 'node:crypto';
import {
  activityRangeWindow,
  centsFromApiNumber,
  formatCents,
  problemNameFromUri,
  toInstant,
  userMessage,
  type Activity,
  type AppError,
  type CheckinReceipt,
  type ContractResult,
  type PassholderView,
  type PriceClass,
  type TariffOffer,
  type TicketSaleReceipt,
  type SyncStatus,
  type TerminalProblem,
  type UserText,
} from '@uitpas/domain';
import {
  lookupPass,
  lookupTariffs,
  type Ledger,
  type RecordedAction,
  type SyncEngine,
  type UitpasClient,
} from '@uitpas/sync';
import type { CardReads, Organizer, PassLookup, TerminalAdapters } from './adapters.ts';

export interface ApiAdapterOptions {
  ledger: Ledger;
  client: UitpasClient;
  engine: SyncEngine;
  readers: CardReads;
  /** Base URL of the UiTdatabank search (the sandbox serves it on the API's base URL). */
  searchBaseUrl: string;
  /** Public client id for the search API (client identification, not a secret). */
  clientId: string;
  stationId: string;
  staffId: string;
  /** How long a check-in waits for the API's verdict before it is reported as queued. */
  confirmWithinMs?: number;
  /** How often an unreachable API is asked whether it is back. */
  probeIntervalMs?: number;
  fetch?: typeof fetch;
  /** The clock; activity ranges are Brussels calendar days from its today. */
  now?: () => Date;
}

const OFFLINE_TEXT: UserText = {
  nl: 'UiTPAS is niet bereikbaar. De activiteiten kunnen nu niet geladen worden.',
  fr: 'UiTPAS est injoignable. Les activités ne peuvent pas être chargées.',
  en: 'UiTPAS cannot be reached. The activities cannot be loaded now.',
};

function textFor(message: string, problem?: AppError['problem']): UserText {
  if (problem === undefined) return { nl: message };
  return { nl: userMessage(problem, 'nl'), fr: userMessage(problem, 'fr'), en: userMessage(problem, 'en') };
}

function toProblem(kind: string, message: string, problem?: AppError['problem']): TerminalProblem {
  return {
    kind,
    ...(problem?.type === undefined ? {} : { type: problem.type }),
    message: textFor(message, problem),
  };
}

const OFFLINE_TARIFFS: UserText = {
  nl: 'UiTPAS is niet bereikbaar: de tarieven kunnen nu niet opgehaald worden.',
  fr: 'UiTPAS est injoignable : les tarifs ne peuvent pas être obtenus.',
  en: 'UiTPAS cannot be reached: the tariffs cannot be fetched now.',
};

function rejection(action: RecordedAction, fallback: string): TerminalProblem {
  const p = action.lastProblem;
  return toProblem(
    problemNameFromUri(p?.type) ?? p?.kind ?? 'rejected',
    action.endUserMessage ?? p?.message ?? fallback,
    p?.problem,
  );
}

function passholderView(data: unknown, points: number | null, cachedAt: number | undefined): PassholderView {
  const pass = data as {
    passholderId: string;
    uitpasNumber: string;
    firstName: string;
    points: number;
    postalCode?: string;
    cardSystem?: { name?: string };
    socialTariff: {
      status: 'ACTIVE' | 'EXPIRED' | 'SUSPENDED' | 'NONE';
      endDate?: string;
      inGracePeriod?: boolean;
      suspendedUntilDate?: string;
    };
    messages?: { level: 'INFO' | 'WARN' | 'ERROR'; text: string }[];
  };
  // A Pass has no inGracePeriod: ACTIVE with an end date in the past is the grace period (uitpas.json Pass).
  const end = toInstant(pass.socialTariff.endDate);
  const inGracePeriod =
    pass.socialTariff.inGracePeriod ??
    (pass.socialTariff.status === 'ACTIVE' && end !== undefined && end.getTime() < Date.now()
      ? true
      : undefined);
  return {
    passholderId: pass.passholderId,
    uitpasNumber: pass.uitpasNumber,
    firstName: pass.firstName,
    points: points ?? pass.points,
    ...(pass.postalCode === undefined ? {} : { postalCode: pass.postalCode }),
    ...(pass.cardSystem?.name === undefined ? {} : { cardSystem: pass.cardSystem.name }),
    socialTariff: {
      status: pass.socialTariff.status,
      ...(pass.socialTariff.endDate === undefined ? {} : { endDate: pass.socialTariff.endDate }),
      ...(inGracePeriod === undefined ? {} : { inGracePeriod }),
      ...(pass.socialTariff.suspendedUntilDate === undefined
        ? {}
        : { suspendedUntilDate: pass.socialTariff.suspendedUntilDate }),
    },
    messages: (pass.messages ?? []).map((m) => ({ level: m.level, text: m.text })),
    ...(cachedAt === undefined ? {} : { cachedAt: new Date(cachedAt).toISOString() }),
  };
}

const NO_ORGANIZER = {
  ok: false,
  problem: toProblem('no-organizer', 'Kies eerst de organisatie van deze balie.'),
} as const;

export function createApiAdapters(options: ApiAdapterOptions): TerminalAdapters {
  const { ledger, client, engine } = options;
  const doFetch = options.fetch ?? fetch;
  const statusListeners = new Set<(status: SyncStatus) => void>();
  let reachable = true;
  let lastReachableChange = 0;

  const syncStatus = (): SyncStatus => {
    const s = engine.status();
    // A refused action is not an outage: "online" follows whether the API answered our last calls.
    return {
      online: reachable && s.pausedForAuth === null,
      queueDepth: s.queueDepth,
      draining: s.draining,
      needsReview: ledger.reviewList().length,
    };
  };
  const publish = () => {
    const status = syncStatus();
    for (const listener of statusListeners) listener(status);
  };
  const setReachable = (value: boolean) => {
    if (value === reachable) return;
    reachable = value;
    lastReachableChange = Date.now();
    if (!value) scheduleProbe();
    publish();
  };
  engine.on('status', (status) => {
    // The engine reaching the API is proof enough that we are back online.
    if (status.lastSuccessAt !== null && status.lastSuccessAt > lastReachableChange) reachable = true;
    publish();
  });

  /**
   * Waits for the engine's verdict on one action; gives up (the action stays queued) when the engine
   * reports a failure to reach the API, or after `withinMs`.
   */
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

  /** Wakes the engine for a just-recorded action and waits (briefly) for its verdict. */
  /** What every recorded action carries: a fresh id, this station, this staff member, the time. */
  const actionEnvelope = (organizerId: string) => ({
    id: randomUUID(),
    stationId: options.stationId,
    staffId: options.staffId,
    organizerId,
    createdAt: new Date().toISOString(),
  });

  const sendAndWait = async (actionId: string): Promise<RecordedAction | undefined> => {
    publish();
    const waiting = settled(actionId, options.confirmWithinMs ?? 5_000);
    engine.wake();
    const action = await waiting;
    publish();
    return action;
  };

  /** While the API is unreachable, ask it now and then whether it is back, so the status bar can say so. */
  let probe: ReturnType<typeof setTimeout> | undefined;
  const scheduleProbe = () => {
    if (probe !== undefined || reachable) return;
    probe = setTimeout(async () => {
      probe = undefined;
      const answer = await client.getPermissions();
      if (answer.ok) setReachable(true);
      else scheduleProbe();
    }, options.probeIntervalMs ?? 3_000);
    probe.unref?.();
  };

  const cardStatus = async (query: {
    kind: 'uitpas' | 'chip';
    value: string;
  }): Promise<string | undefined> => {
    try {
      const { data } = await client.http.GET('/cards', {
        params: {
          query: query.kind === 'chip' ? { chipNumber: query.value } : { uitpasNumber: query.value },
        },
      });
      return (data as { status?: unknown } | undefined)?.status as string | undefined;
    } catch {
      return undefined;
    }
  };

  return {
    readers: options.readers,
    sync: {
      current: syncStatus,
      subscribe(listener) {
        statusListeners.add(listener);
        return () => statusListeners.delete(listener);
      },
    },

    passes: {
      async lookup(query): Promise<ContractResult<PassLookup>> {
        const found = await lookupPass(ledger, client, query.value);
        if (found.ok) {
          setReachable(found.source === 'api');
          const data = found.pass.data as { passType?: string; passholderId?: string; firstName?: string };
          if (data.passType === 'GROUP') {
            return {
              ok: true,
              value: {
                kind: 'group-pass',
                pass: {
                  groupPassId: data.passholderId ?? '',
                  uitpasNumber: found.pass.uitpasNumber,
                  name: data.firstName ?? '',
                  messages: [],
                },
              },
            };
          }
          const cachedAt = found.source === 'cache' ? found.pass.fetchedAt : undefined;
          return {
            ok: true,
            value: { kind: 'passholder', pass: passholderView(found.pass.data, found.pass.points, cachedAt) },
          };
        }
        const error = found.error;
        if (error.kind === 'offline') setReachable(false);
        if (error.kind === 'not-found') {
          // No pass: it may still be a blank card from this counter's stock, ready for a registration.
          if (
            query.kind !== 'insz' &&
            (await cardStatus({ kind: query.kind, value: query.value })) === 'LOCAL_STOCK'
          ) {
            return {
              ok: true,
              value: {
                kind: 'blank-card',
                ...(query.kind === 'chip' ? { chipNumber: query.value } : { uitpasNumber: query.value }),
              },
            };
          }
          return { ok: true, value: { kind: 'not-found', message: textFor(error.message, error.problem) } };
        }
        const name = problemNameFromUri(error.problem?.type);
        if (
          name === 'uitpas/invalid-card-status' ||
          name === 'uitpas/passholder-blocked' ||
          name === 'uitpas/card-blocked'
        ) {
          const cardStatus = (error.problem as { cardStatus?: unknown } | undefined)?.cardStatus;
          if (cardStatus === 'LOCAL_STOCK') {
            return {
              ok: true,
              value: {
                kind: 'blank-card',
                ...(query.kind === 'chip' ? { chipNumber: query.value } : { uitpasNumber: query.value }),
              },
            };
          }
          return {
            ok: true,
            value: {
              kind: 'blocked',
              ...(typeof cardStatus === 'string' ? { cardStatus } : {}),
              message: textFor(error.message, error.problem),
            },
          };
        }
        return { ok: false, problem: toProblem(error.kind, error.message, error.problem) };
      },
    },

    activities: {
      async list(query) {
        if (query.organizerId === undefined) {
          return NO_ORGANIZER;
        }
        const { from, to } = activityRangeWindow(query.range, (options.now ?? (() => new Date()))());
        const url = new URL(`${options.searchBaseUrl.replace(/\/$/, '')}/events`);
        url.searchParams.set('uitpas', 'true');
        url.searchParams.set('organizerId', query.organizerId);
        url.searchParams.set('dateFrom', from.toISOString());
        url.searchParams.set('dateTo', to.toISOString());
        url.searchParams.set('embed', 'true');
        url.searchParams.set('limit', '200');
        if (query.text) url.searchParams.set('text', query.text);
        try {
          const response = await doFetch(url, {
            headers: { accept: 'application/json', 'x-client-id': options.clientId },
            signal: AbortSignal.timeout(10_000),
          });
          if (!response.ok)
            return { ok: false, problem: { kind: 'events-unavailable', message: OFFLINE_TEXT } };
          const body = (await response.json()) as { member?: unknown[] };
          setReachable(true);
          const activities: Activity[] = (body.member ?? []).flatMap((raw) => {
            const e = raw as {
              id?: string;
              name?: { nl?: string };
              startDate?: string;
              endDate?: string;
              location?: { name?: { nl?: string } };
              priceInfo?: { name?: { nl?: string }; price?: unknown }[];
            };
            if (typeof e.id !== 'string') return [];
            const prices: PriceClass[] = (e.priceInfo ?? []).flatMap((p) => {
              const cents = centsFromApiNumber(p.price);
              return cents.ok ? [{ name: p.name?.nl ?? '', regularPriceCents: cents.cents }] : [];
            });
            return [
              {
                id: e.id,
                name: e.name?.nl ?? e.id,
                ...(e.startDate === undefined ? {} : { startDate: e.startDate }),
                ...(e.endDate === undefined ? {} : { endDate: e.endDate }),
                ...(e.location?.name?.nl === undefined ? {} : { location: e.location.name.nl }),
                ...(prices.length === 0 ? {} : { prices }),
              },
            ];
          });
          const text = query.text?.toLowerCase();
          return {
            ok: true,
            value: {
              activities: text ? activities.filter((a) => a.name.toLowerCase().includes(text)) : activities,
              fetchedAt: new Date().toISOString(),
            },
          };
        } catch {
          setReachable(false);
          return { ok: false, problem: { kind: 'offline', message: OFFLINE_TEXT } };
        }
      },
    },

    checkins: {
      async checkin(request): Promise<ContractResult<CheckinReceipt>> {
        if (request.organizerId === undefined) {
          return NO_ORGANIZER;
        }
        const { id, ...envelope } = actionEnvelope(request.organizerId);
        const recorded = ledger.record({
          type: 'checkin',
          id,
          ...envelope,
          eventId: request.eventId,
          uitpasNumber: request.uitpasNumber,
          passholderId: request.passholderId,
        });
        if (!recorded.ok) {
          return { ok: false, problem: toProblem('not-recorded', recorded.error.message) };
        }
        const action = await sendAndWait(id);
        if (action?.state === 'rejected')
          return { ok: false, problem: rejection(action, 'UiTPAS weigerde deze check-in.') };
        const confirmed = action?.state === 'confirmed' || action?.state === 'reconciled';
        const points = (action?.result as { points?: unknown } | null)?.points;
        return {
          ok: true,
          value: {
            actionId: id,
            eventId: request.eventId,
            state: confirmed ? 'confirmed' : 'queued',
            ...(typeof points === 'number' ? { points } : {}),
            message: confirmed
              ? typeof points === 'number'
                ? {
                    nl: `${points} punt${points === 1 ? '' : 'en'} gespaard.`,
                    fr: `${points} point${points === 1 ? '' : 's'} épargné${points === 1 ? '' : 's'}.`,
                    en: `${points} point${points === 1 ? '' : 's'} saved.`,
                  }
                : {
                    nl: 'Check-in geregistreerd.',
                    fr: 'Enregistrement effectué.',
                    en: 'Check-in registered.',
                  }
              : {
                  nl: 'Bewaard op dit toestel; wordt verstuurd zodra UiTPAS bereikbaar is.',
                  fr: 'Conservé sur cet appareil ; envoyé dès que UiTPAS est joignable.',
                  en: 'Kept on this device; sent as soon as UiTPAS can be reached.',
                },
          },
        };
      },
    },

    ticketSales: {
      async tariffs(request): Promise<ContractResult<TariffOffer[]>> {
        const offers: TariffOffer[] = [];
        for (const price of request.prices) {
          // Online from GET /tariffs (kept in the cache); offline the last answer for exactly this event,
          // price and pass, marked provisional (rule 7). Never computed here.
          const found = await lookupTariffs(ledger, client, {
            eventId: request.eventId,
            regularPriceCents: price.regularPriceCents,
            uitpasNumber: request.uitpasNumber,
          });
          if (!found.ok) {
            if (found.error.kind === 'offline') {
              setReachable(false);
              return { ok: false, problem: { kind: 'offline', message: OFFLINE_TARIFFS } };
            }
            return {
              ok: false,
              problem: toProblem(
                found.error.problem?.type ?? 'tariffs-unavailable',
                'De tarieven konden niet opgehaald worden.',
                found.error.problem,
              ),
            };
          }
          setReachable(found.source === 'api');
          const body = found.tariffs as {
            available?: { id: string; name: string; price: number; type: string; remaining: number }[];
            endUserMessage?: { nl?: string; fr?: string; en?: string };
          };
          // Offline, tickets recorded since the answer count against its `remaining` (rule 9).
          const queued = (tariffId: string) =>
            found.provisional
              ? ledger
                  .history({ lane: `uitpas:${request.uitpasNumber}`, since: found.fetchedAt, limit: 10_000 })
                  .flatMap((a) =>
                    a.action.type === 'ticket-sale' && a.state !== 'rejected' ? a.action.sales : [],
                  )
                  .filter(
                    (sale) =>
                      sale.eventId === request.eventId &&
                      sale.regularPriceCents === price.regularPriceCents &&
                      sale.tariffId === tariffId,
                  ).length
              : 0;
          offers.push({
            regularPriceCents: price.regularPriceCents,
            regularPriceLabel: price.name,
            tariffs: (body.available ?? []).flatMap((t) => {
              const cents = centsFromApiNumber(t.price);
              return cents.ok && (t.type === 'SOCIALTARIFF' || t.type === 'COUPON')
                ? [
                    {
                      id: t.id,
                      name: t.name,
                      priceCents: cents.cents,
                      type: t.type,
                      remaining: Math.max(0, t.remaining - queued(t.id)),
                    },
                  ]
                : [];
            }),
            ...(body.endUserMessage?.nl
              ? {
                  message: {
                    nl: body.endUserMessage.nl,
                    ...(body.endUserMessage.fr ? { fr: body.endUserMessage.fr } : {}),
                    ...(body.endUserMessage.en ? { en: body.endUserMessage.en } : {}),
                  },
                }
              : {}),
            ...(found.provisional
              ? { provisional: { fetchedAt: new Date(found.fetchedAt).toISOString() } }
              : {}),
          });
        }
        return { ok: true, value: offers };
      },

      async register(request): Promise<ContractResult<TicketSaleReceipt>> {
        if (request.organizerId === undefined) {
          return NO_ORGANIZER;
        }
        const { id, ...envelope } = actionEnvelope(request.organizerId);
        const recorded = ledger.record({
          type: 'ticket-sale',
          id,
          ...envelope,
          sales: request.sales.map((sale) => ({
            eventId: request.eventId,
            uitpasNumber: request.uitpasNumber,
            regularPriceCents: sale.regularPriceCents,
            regularPriceLabel: sale.regularPriceLabel,
            tariffId: sale.tariffId,
            tariffName: sale.tariffName,
            tariffPriceCents: sale.tariffPriceCents,
            provisional: sale.provisional ?? false,
          })),
        });
        if (!recorded.ok) return { ok: false, problem: toProblem('not-recorded', recorded.error.message) };
        const action = await sendAndWait(id);
        if (action?.state === 'rejected')
          return { ok: false, problem: rejection(action, 'UiTPAS weigerde deze verkoop.') };
        const totalCents = request.sales.reduce((sum, sale) => sum + sale.tariffPriceCents, 0);
        const confirmed = action?.state === 'confirmed' || action?.state === 'reconciled';
        const amount = {
          nl: formatCents(totalCents, 'nl-BE'),
          fr: formatCents(totalCents, 'fr-BE'),
          en: formatCents(totalCents, 'en'),
        };
        return {
          ok: true,
          value: {
            actionId: id,
            eventId: request.eventId,
            state: confirmed ? 'confirmed' : 'queued',
            tickets: request.sales.length,
            totalCents,
            message: request.sales.some((sale) => sale.provisional)
              ? {
                  nl: `Te betalen: ${amount.nl} (voorlopig tarief, offline).`,
                  fr: `À payer : ${amount.fr} (tarif provisoire, hors ligne).`,
                  en: `To pay: ${amount.en} (provisional tariff, offline).`,
                }
              : {
                  nl: `Te betalen: ${amount.nl}.`,
                  fr: `À payer : ${amount.fr}.`,
                  en: `To pay: ${amount.en}.`,
                },
          },
        };
      },
    },

    undo: {
      async undo(request) {
        if (request.organizerId === undefined) {
          return NO_ORGANIZER;
        }
        const { id, ...envelope } = actionEnvelope(request.organizerId);
        const recorded = ledger.record({
          type: 'undo',
          id,
          ...envelope,
          targetActionId: request.targetActionId,
          targetType: request.targetType,
        });
        if (!recorded.ok) return { ok: false, problem: toProblem('not-recorded', recorded.error.message) };
        const action = await sendAndWait(id);
        if (action?.state === 'rejected')
          return { ok: false, problem: rejection(action, 'UiTPAS weigerde het ongedaan maken.') };
        const confirmed = action?.state === 'confirmed' || action?.state === 'reconciled';
        return {
          ok: true,
          value: {
            actionId: id,
            state: confirmed ? 'confirmed' : 'queued',
            message: confirmed
              ? { nl: 'Ongedaan gemaakt.', fr: 'Annulé.', en: 'Undone.' }
              : {
                  nl: 'Ongedaan gemaakt op dit toestel; wordt verstuurd zodra UiTPAS bereikbaar is.',
                  fr: 'Annulé sur cet appareil ; envoyé dès que UiTPAS est joignable.',
                  en: 'Undone on this device; sent as soon as UiTPAS can be reached.',
                },
          },
        };
      },
    },

    async organizers(): Promise<ContractResult<Organizer[]>> {
      const result = await client.getPermissions();
      if (!result.ok) {
        const e = result.error;
        return { ok: false, problem: toProblem(e.kind, e.message, 'problem' in e ? e.problem : undefined) };
      }
      return {
        ok: true,
        value: result.value.map((p) => ({
          id: p.organizer.id,
          name: p.organizer.name ?? p.organizer.id,
          permissions: p.permissionDetails?.map((d) => d.id) ?? p.permissions ?? [],
        })),
      };
    },
  };
}
